import { referencedOrganization, requireService } from '../../app/load';
import { readMonitoringItem, revisionsOf, type ItemRevisionView } from '../../app/monitoring/readMonitoringItem';
import { readSlaCredits } from '../../app/monitoring/readSlaCredits';
import { readSlaReports } from '../../app/monitoring/readSlaReports';
import { reportAvailability } from '../../app/monitoring/reportAvailability';
import { reportMonitoring } from '../../app/monitoring/reportMonitoring';
import type { Resolvers } from '../generated/types';

// Monitoring: the writes (reportAvailability, reportMonitoring), the month reports on a service,
// an item's history and a customer's credits.

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : value);
const isoOrNull = (value: Date | string | null | undefined) => (value == null ? null : iso(value));
const contentOf = (kind: string) => (r: ItemRevisionView) => (r.content.kind === kind ? r.content : null);

export const monitoringResolvers: Resolvers = {
  Mutation: {
    reportAvailability: (_parent, { input }, context) =>
      reportAvailability(context, {
        serviceId: input.serviceId,
        scope: input.scope,
        intervals: input.intervals.map((i) => ({
          start: iso(i.start),
          end: iso(i.end),
          errorRatePercent: i.errorRatePercent,
          exclusion: i.exclusion ?? null,
          maintenanceAnnouncedAt: i.maintenanceAnnouncedAt ? iso(i.maintenanceAnnouncedAt) : null,
          note: i.note ?? null,
        })),
      }),
    reportMonitoring: (_parent, { input }, context) =>
      reportMonitoring(context, {
        serviceId: input.serviceId,
        scope: input.scope,
        items: input.items.map((i) => ({
          id: i.id,
          revision: i.revision,
          downtime: i.downtime && {
            start: iso(i.downtime.start),
            end: isoOrNull(i.downtime.end),
            cause: i.downtime.cause,
            reason: i.downtime.reason ?? null,
            announcedAt: isoOrNull(i.downtime.announcedAt),
          },
          incident: i.incident && {
            ...i.incident,
            detectedAt: iso(i.incident.detectedAt),
            customerNotifiedAt: isoOrNull(i.incident.customerNotifiedAt),
            firstResponseAt: isoOrNull(i.incident.firstResponseAt),
            resolvedAt: isoOrNull(i.incident.resolvedAt),
          },
          watched: i.watched && { start: iso(i.watched.start), end: iso(i.watched.end) },
        })),
      }),
  },
  Query: {
    slaCredits: (_parent, args, context) => readSlaCredits(context, args),
  },
  MonitoringBatchReceipt: {
    service: (model, _args, context) => requireService(context, model.serviceId),
    months: (model) => [...model.months],
    stale: (model) => [...model.stale],
  },
  MonitoringItem: {
    source: async (item, _args, context) => ({
      organizationId: item.sourceOrganizationId,
      kind: (await requireService(context, item.serviceId)).providerOrganizationId === item.sourceOrganizationId ? 'PROVIDER' : 'CUSTOMER',
    }),
    current: (item) => revisionsOf(item).current,
    history: (item) => revisionsOf(item).history,
  },
  MonitoringItemRevision: {
    kind: (r) => r.content.kind,
    downtime: contentOf('DOWNTIME') as never,
    incident: (r) => (r.content.kind === 'INCIDENT' ? { ...r.content, id: r.id } : null),
    watched: contentOf('WATCHED') as never,
  },
  SlaIncidents: {
    targetsChecked: (model) => model.checked,
    late: (model) => [...model.late],
    incidents: (model) => [...model.incidents],
  },
  SlaCreditClaim: {
    service: (model, _args, context) => requireService(context, model.serviceId),
  },
  AvailabilityReportReceipt: {
    service: (model, _args, context) => requireService(context, model.serviceId),
    months: (model) => [...model.months],
  },
  CloudService: {
    slaReports: (service, args, context) => readSlaReports(context, service, args),
    monitoringItem: (service, args, context) => readMonitoringItem(context, service, args),
  },
  MonitoringSource: {
    organization: (model, _args, context) => referencedOrganization(context, model.organizationId),
  },
  SlaMonthReport: {
    downtime: (model) => [...model.downtime],
  },
};

import { referencedOrganization, requireService } from '../../app/load';
import { readSlaReports } from '../../app/monitoring/readSlaReports';
import { reportAvailability } from '../../app/monitoring/reportAvailability';
import type { Resolvers } from '../generated/types';

// Monitoring: the one write (reportAvailability) and the month reports on a service.

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : value);

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
  },
  AvailabilityReportReceipt: {
    service: (model, _args, context) => requireService(context, model.serviceId),
    months: (model) => [...model.months],
  },
  CloudService: {
    slaReports: (service, args, context) => readSlaReports(context, service, args),
  },
  MonitoringSource: {
    organization: (model, _args, context) => referencedOrganization(context, model.organizationId),
  },
  SlaMonthReport: {
    downtime: (model) => [...model.downtime],
  },
};

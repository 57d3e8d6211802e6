import { commitmentsOf, type CommitmentScope } from '../../domain/contracts/commitments';
import { badInput, forbidden } from '../../domain/errors';
import { compareSources, computeAttainment, versionForMonth, type Attainment, type SourceDisagreement } from '../../domain/monitoring/attainment';
import { reviewIncidents, type IncidentReview } from '../../domain/monitoring/incidents';
import { downtimeOfMonth } from '../../domain/monitoring/ledger';
import { monthBounds, normalizeScope, parseMonth, type MonitoringSource } from '../../domain/monitoring/report';
import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { requireOrganization } from '../load';
import { authorize, isAllowed } from '../policy';
import { relationTo } from './sources';

/** Sources set side by side in one request: each is one Query of its month. */
export const MAX_SOURCES_PER_REPORT = 5;

/** A source's month, and for a customer's source read beside the provider's, where the two disagree. */
export interface SlaReportView extends Attainment {
  readonly comparedWithProvider: SourceDisagreement | null;
  /** The source's incidents of the month (by detection) against the support and notification targets. */
  readonly incidents: IncidentReview;
}

export interface SlaReportArgs {
  readonly month: string;
  readonly scope?: { readonly region?: string | null; readonly tier?: string | null } | null;
  readonly sources?: readonly string[] | null;
}

/**
 * A month of a service for each source, against the availability commitment of the version in
 * effect at the start of the month. The provider's people read every source; a subscribing
 * customer's read the provider's and their own. Cost: the version list, the version (cached when
 * warm), one Query per source (measured intervals) and two for every source's ledgers (the month's
 * and the open downtime), whatever the number of items reported.
 */
export async function readSlaReports(context: AppContext, service: StoredService, args: SlaReportArgs): Promise<SlaReportView[]> {
  const organizationId = context.caller.organizationId;
  const relation = isAllowed(context.caller, 'monitoring.read', organizationId) ? await relationTo(context, service, organizationId) : null;
  authorize(context.caller, 'monitoring.read', relation ? organizationId : service.providerOrganizationId);
  const month = parseMonth(args.month);
  const now = context.clock();
  if (monthBounds(month).start > now.getTime())
    throw badInput(`${month} has not started.`, [
      { path: 'month', code: 'MONTH_NOT_STARTED', message: `${month} has not started; ask for this month or an earlier one.` },
    ]);
  const scope = normalizeScope(args.scope);
  const provider = service.providerOrganizationId;
  const requested = [...new Set(args.sources ?? [provider, ...(relation === 'CUSTOMER' ? [organizationId!] : [])])];
  if (requested.length === 0 || requested.length > MAX_SOURCES_PER_REPORT)
    throw badInput(`Ask for 1 to ${MAX_SOURCES_PER_REPORT} sources.`, [
      { path: 'sources', code: 'TOO_MANY_SOURCES', message: `1 to ${MAX_SOURCES_PER_REPORT} sources, each one Query.` },
    ]);
  if (relation === 'CUSTOMER') {
    const others = requested.filter((s) => s !== provider && s !== organizationId);
    if (others.length) throw forbidden(`A customer reads the provider's measurements and its own, not those of organization ${others.join(', ')}.`);
  }
  await Promise.all(requested.map((id) => requireOrganization(context, id)));
  const sources: MonitoringSource[] = requested.map((id) => ({ organizationId: id, kind: id === provider ? 'PROVIDER' : 'CUSTOMER' }));

  const months = await measureMonth(context, service, scope, month, sources);
  const providers = months.find((m) => m.source.kind === 'PROVIDER');
  return months.map((m) => ({ ...m, comparedWithProvider: providers && m !== providers ? compareSources(m, providers) : null }));
}

/**
 * Each source's month of a service and scope, with its incidents: the version in effect at the
 * start of the month, one Query per source (measured intervals), two for every source's ledgers.
 */
export async function measureMonth(
  context: AppContext,
  service: StoredService,
  scope: CommitmentScope,
  month: string,
  sources: readonly MonitoringSource[],
): Promise<(Attainment & { readonly incidents: IncidentReview })[]> {
  const now = context.clock();
  const versions = await context.loaders.contractVersions.load(service.id);
  const version = versionForMonth(versions, month, now);
  const contract = version ? await context.loaders.contractVersion.load({ serviceId: service.id, version }) : null;
  const commitments = contract ? commitmentsOf(contract) : null;
  const [measured, ledgers] = await Promise.all([
    Promise.all(sources.map((s) => context.store.monitoring.month(service.id, scope, month, s.organizationId))),
    context.store.monitoring.monthLedgers(service.id, scope, month),
  ]);
  return sources.map((source, i) => {
    const ledger = ledgers.month.get(source.organizationId) ?? null;
    const open = ledgers.open.get(source.organizationId) ?? null;
    const attainment = computeAttainment({
      month,
      now,
      scope,
      source,
      intervals: measured[i]!,
      contractVersion: version,
      availability: commitments?.availability ?? null,
      creditSchedules: commitments?.serviceCredits?.schedules ?? [],
      watchedCounts: ledger?.watched ?? null,
      downtimeEntries: downtimeOfMonth(ledger, open, month, now.getTime()),
    });
    const incidents = reviewIncidents(
      ledger?.incidents ?? new Map(),
      { support: commitments?.support?.targets ?? [], notification: commitments?.incidentNotification ?? null },
      now,
    );
    return { ...attainment, incidents };
  });
}

import { plural } from '../../domain/text';
import type { CommitmentScope } from '../../domain/contracts/commitments';
import {
  coalesce,
  monthOf,
  splitByMonth,
  validateReport,
  type IntervalInput,
  type MonitoringSource,
  type StoredInterval,
} from '../../domain/monitoring/report';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { requireService } from '../load';
import { reportingSource } from './sources';

export interface AvailabilityReportInput {
  readonly serviceId: string;
  readonly scope?: { readonly region?: string | null; readonly tier?: string | null } | null;
  readonly intervals: readonly IntervalInput[];
}

export interface AvailabilityReportReceipt {
  readonly serviceId: string;
  readonly scope: CommitmentScope;
  readonly source: MonitoringSource;
  readonly intervalsReceived: number;
  readonly piecesStored: number;
  readonly months: readonly string[];
}

/**
 * A monitoring client (MONITOR of the provider, or of a subscribing customer) reports measured
 * intervals: validated whole (every problem at once), joined where they follow each other with the
 * same rate, split at month boundaries, and stored in one transaction with the audit event. The same source, scope and start replaces what was stored, so a
 * retried report counts once and a resent interval is a correction.
 */
export async function reportAvailability(context: AppContext, input: AvailabilityReportInput): Promise<AvailabilityReportReceipt> {
  const service = await requireService(context, input.serviceId);
  const source = await reportingSource(context, service);
  const { scope, intervals } = validateReport({ scope: input.scope, intervals: input.intervals }, { regions: service.regions, now: context.clock() });
  const reportedAt = nowIso(context);
  const pieces: StoredInterval[] = coalesce(intervals)
    .flatMap(splitByMonth)
    .map((piece) => ({
      ...piece,
      serviceId: service.id,
      scope,
      source,
      month: monthOf(piece.start),
      reportedAt,
      reportedBy: context.caller.subject,
    }));
  const months = [...new Set(pieces.map((p) => p.month))];
  const where = [scope.region ?? 'all regions', scope.tier ?? 'every tier'].join(', ');
  await context.store.commit({
    changes: pieces.map((interval) => ({ kind: 'monitoring.interval.put', interval })),
    audit: audited(
      context,
      'monitoring.report',
      { type: 'CloudService', id: service.id, organizationId: source.organizationId },
      `reported ${plural(intervals.length, 'measured interval')} of "${service.name}" (${where}) from ${intervals[0]!.start} to ${intervals.at(-1)!.end}`,
      { serviceId: service.id, scope, sourceKind: source.kind, intervals: intervals.length, months },
    ),
    conflictMessage: 'Another report touched the same intervals at the same moment; send the report again (it is idempotent).',
  });
  return { serviceId: service.id, scope, source, intervalsReceived: intervals.length, piecesStored: pieces.length, months };
}

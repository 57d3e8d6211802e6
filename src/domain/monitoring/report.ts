import { plural } from '../text';
import type { CommitmentScope } from '../contracts/commitments';
import { badInput, type Problem } from '../errors';

// What a monitoring client reports: the error rate it measured over intervals of whole minutes, for
// one service, one scope and one source (the reporting organization). Watched minutes are exactly
// the minutes some interval covers, so silence is never read as uptime. An interval may claim an
// exclusion (announced maintenance, customer-caused, force majeure); whether the contract honours
// it is decided when the month is computed, against the commitment in effect.

export const EXCLUSION_CAUSES = ['SCHEDULED_MAINTENANCE', 'CUSTOMER_CAUSED', 'FORCE_MAJEURE'] as const;
export type ExclusionCause = (typeof EXCLUSION_CAUSES)[number];

export type SourceKind = 'PROVIDER' | 'CUSTOMER';

/** Who measured: the reporting organization, the service's provider or one of its customers. */
export interface MonitoringSource {
  readonly organizationId: string;
  readonly kind: SourceKind;
}

export interface MeasuredInterval {
  /** ISO-8601 UTC, on a whole minute; `end` excluded. */
  readonly start: string;
  readonly end: string;
  /** Share of requests that failed over the interval, in [0, 100]. */
  readonly errorRatePercent: number;
  readonly exclusion: ExclusionCause | null;
  /** For SCHEDULED_MAINTENANCE: when customers were told (the contract's notice is counted back from the start). */
  readonly maintenanceAnnouncedAt: string | null;
  readonly note: string | null;
}

/** One stored piece of a reported interval: intervals are split at month boundaries (UTC). */
export interface StoredInterval extends MeasuredInterval {
  readonly serviceId: string;
  readonly scope: CommitmentScope;
  readonly source: MonitoringSource;
  /** YYYY-MM of `start`. */
  readonly month: string;
  readonly reportedAt: string;
  readonly reportedBy: string;
}

/** Every limit of a report, with why. */
export const MONITORING_LIMITS = {
  /** One report is one DynamoDB transaction (100 items): 48 intervals, each at most two stored pieces, plus the audit event. */
  intervalsPerReport: 48,
  /** Longer than a month could span three months; a month-long interval is already a coarse measurement. */
  maxIntervalDays: 31,
  /** Clock skew between a monitor and Onus; anything later is a measurement that cannot have happened yet. */
  futureToleranceMinutes: 5,
  /** Reports on long-settled months would change credits already claimed (the longest claim window is 12 months). */
  maxAgeDays: 400,
  noteLength: 500,
  tierLength: 64,
} as const;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface IntervalInput {
  readonly start: string;
  readonly end: string;
  readonly errorRatePercent: number;
  readonly exclusion?: ExclusionCause | null;
  readonly maintenanceAnnouncedAt?: string | null;
  readonly note?: string | null;
}

export interface ReportInput {
  readonly scope: { readonly region?: string | null; readonly tier?: string | null } | null | undefined;
  readonly intervals: readonly IntervalInput[];
}

/** The scope as stored: region and tier lower-cased and trimmed, null for "the whole service" / "every tier". */
export function normalizeScope(scope: ReportInput['scope']): CommitmentScope {
  const clean = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim().toLowerCase());
  return { region: clean(scope?.region), tier: clean(scope?.tier) };
}

/** Checks a report: every problem at once (BAD_USER_INPUT), else the intervals, sorted, and the scope. */
export function validateReport(
  input: ReportInput,
  context: { readonly regions: readonly string[]; readonly now: Date },
): { scope: CommitmentScope; intervals: MeasuredInterval[] } {
  const problems: Problem[] = [];
  const problem = (path: string, code: string, message: string) => problems.push({ path, code, message });
  const scope = normalizeScope(input.scope);
  const regions = context.regions.map((r) => r.toLowerCase());
  if (scope.region !== null && !regions.includes(scope.region))
    problem('scope.region', 'UNKNOWN_REGION', `"${scope.region}" is not one of the service's regions (${regions.join(', ') || 'none'}).`);
  if (scope.tier !== null && scope.tier.length > MONITORING_LIMITS.tierLength)
    problem('scope.tier', 'TOO_LONG', `A tier name is at most ${MONITORING_LIMITS.tierLength} characters.`);
  if (input.intervals.length === 0) problem('intervals', 'EMPTY_REPORT', 'Report at least one interval.');
  if (input.intervals.length > MONITORING_LIMITS.intervalsPerReport)
    problem(
      'intervals',
      'TOO_MANY_INTERVALS',
      `At most ${MONITORING_LIMITS.intervalsPerReport} intervals per report (one report is one transaction); send ${input.intervals.length} as ${Math.ceil(input.intervals.length / MONITORING_LIMITS.intervalsPerReport)} reports.`,
    );
  const now = context.now.getTime();
  const seen = new Map<number, number>();
  const intervals: MeasuredInterval[] = [];
  input.intervals.forEach((interval, i) => {
    const at = (field: string) => `intervals[${i}].${field}`;
    const start = Date.parse(interval.start);
    const end = Date.parse(interval.end);
    let ok = true;
    for (const [field, t] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (Number.isNaN(t)) {
        problem(at(field), 'INVALID_TIME', `"${interval[field]}" is not an instant.`);
        ok = false;
      } else if (t % MINUTE_MS !== 0) {
        problem(at(field), 'NOT_WHOLE_MINUTE', `Intervals start and end on a whole minute (seconds 0): ${interval[field]}.`);
        ok = false;
      }
    }
    if (ok && end <= start) {
      problem(at('end'), 'END_NOT_AFTER_START', 'The end comes after the start.');
      ok = false;
    }
    if (ok && end - start > MONITORING_LIMITS.maxIntervalDays * DAY_MS)
      problem(at('end'), 'INTERVAL_TOO_LONG', `An interval lasts at most ${MONITORING_LIMITS.maxIntervalDays} days; split it.`);
    if (ok && end > now + MONITORING_LIMITS.futureToleranceMinutes * MINUTE_MS)
      problem(
        at('end'),
        'IN_THE_FUTURE',
        `The interval ends after now (${context.now.toISOString()}, ${MONITORING_LIMITS.futureToleranceMinutes} minutes of clock skew allowed).`,
      );
    if (ok && start < now - MONITORING_LIMITS.maxAgeDays * DAY_MS)
      problem(at('start'), 'TOO_OLD', `Reports reach back at most ${MONITORING_LIMITS.maxAgeDays} days.`);
    if (ok) {
      const earlier = seen.get(start);
      if (earlier !== undefined) problem(at('start'), 'DUPLICATE_INTERVAL', `intervals[${earlier}] starts at the same minute; one interval per start.`);
      else seen.set(start, i);
    }
    const rate = interval.errorRatePercent;
    if (!Number.isFinite(rate) || rate < 0 || rate > 100) problem(at('errorRatePercent'), 'OUT_OF_RANGE', 'An error rate is a percentage in [0, 100].');
    const exclusion = interval.exclusion ?? null;
    const announced = interval.maintenanceAnnouncedAt ?? null;
    if (exclusion === 'SCHEDULED_MAINTENANCE') {
      if (announced === null) problem(at('maintenanceAnnouncedAt'), 'MISSING_ANNOUNCEMENT', 'Scheduled maintenance says when it was announced.');
      else if (Number.isNaN(Date.parse(announced))) problem(at('maintenanceAnnouncedAt'), 'INVALID_TIME', `"${announced}" is not an instant.`);
      else if (ok && Date.parse(announced) > start)
        problem(at('maintenanceAnnouncedAt'), 'ANNOUNCED_AFTER_START', 'Maintenance is announced before it starts.');
    } else if (announced !== null) {
      problem(at('maintenanceAnnouncedAt'), 'NOT_MAINTENANCE', 'An announcement belongs to an interval excluded as SCHEDULED_MAINTENANCE.');
    }
    const note = interval.note?.trim() || null;
    if (note && note.length > MONITORING_LIMITS.noteLength) problem(at('note'), 'TOO_LONG', `A note is at most ${MONITORING_LIMITS.noteLength} characters.`);
    if (ok)
      intervals.push({
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        errorRatePercent: rate,
        exclusion,
        maintenanceAnnouncedAt: announced === null || Number.isNaN(Date.parse(announced)) ? null : new Date(announced).toISOString(),
        note,
      });
  });
  if (problems.length) throw badInput(`The report has ${plural(problems.length, 'problem')}; nothing was stored.`, problems);
  return { scope, intervals: intervals.sort((a, b) => a.start.localeCompare(b.start)) };
}

/** YYYY-MM of an instant (UTC). */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** The first instant of a month and of the next one (UTC), in ms. */
export function monthBounds(month: string): { start: number; end: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { start: Date.UTC(y, m - 1, 1), end: Date.UTC(y, m, 1) };
}

/**
 * Joins intervals that follow each other with the same rate, exclusion, announcement and note into
 * one (the report's own intervals, sorted): a client sending 1-minute samples stores one item per
 * change of rate, not one per minute, so a month stays a one-page Query. The same report coalesces
 * the same way, so a retry still lands on the same items.
 */
export function coalesce(intervals: readonly MeasuredInterval[]): MeasuredInterval[] {
  const out: MeasuredInterval[] = [];
  for (const interval of intervals) {
    const last = out.at(-1);
    const same =
      last &&
      last.end === interval.start &&
      last.errorRatePercent === interval.errorRatePercent &&
      last.exclusion === interval.exclusion &&
      last.maintenanceAnnouncedAt === interval.maintenanceAnnouncedAt &&
      last.note === interval.note;
    if (same) out[out.length - 1] = { ...last, end: interval.end };
    else out.push(interval);
  }
  return out;
}

/** Cuts an interval at month boundaries: each piece lies in one month, the unit a month report reads. */
export function splitByMonth(interval: MeasuredInterval): MeasuredInterval[] {
  const pieces: MeasuredInterval[] = [];
  let start = Date.parse(interval.start);
  const end = Date.parse(interval.end);
  while (start < end) {
    const next = Math.min(end, monthBounds(monthOf(new Date(start).toISOString())).end);
    pieces.push({ ...interval, start: new Date(start).toISOString(), end: new Date(next).toISOString() });
    start = next;
  }
  return pieces;
}

/** A month written YYYY-MM, from 2000 on; anything else is a client error. */
export function parseMonth(month: string, path = 'month'): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || month < '2000-01')
    throw badInput(`"${month}" is not a month written YYYY-MM.`, [
      { path, code: 'INVALID_MONTH', message: `"${month}" is not a month written YYYY-MM, e.g. 2026-11.` },
    ]);
  return month;
}

import type { AvailabilityCommitment, AvailabilityTarget, CommitmentScope, CreditTier, ServiceCreditSchedule } from '../contracts/commitments';
import type { DowntimeEntry } from './ledger';
import { monthBounds, type ExclusionCause, type MeasuredInterval, type MonitoringSource } from './report';

// A month of one service, scope and source measured against the availability commitment in effect.
// Pure: the reports and the commitment in, the figures out.
//
// Per minute of the month (UTC), the reports covering it say its error rate: where a source's reports
// overlap, its latest report (reportedAt) speaks for the minute, so a correction resent later
// replaces what it corrects; intervals of one report that overlap each other keep the highest rate
// (ties: the one claiming no exclusion). A minute no report covers is unmonitored. A minute
// is "bad" when its rate is above the downtime definition's threshold; bad minutes in a run of at
// least `consecutiveMinutes` (an unmonitored or excluded minute ends a run) are downtime; shorter
// runs are disruptions the contract does not count. A bad minute whose report claims an exclusion
// the contract honours (maintenance announced at least its notice ahead, customer-caused, force
// majeure) is excluded: neither downtime nor a break of the month's uptime. Uptime % is measured over
// the watched minutes: (watched − downtime) / watched.

/** Below this share of the month's elapsed minutes watched, a month is NO_DATA: silence is not uptime. */
export const MIN_WATCHED_SHARE = 0.9;
/** A month in progress whose error budget is more than this share spent is AT_RISK. */
export const AT_RISK_BUDGET_SHARE = 0.8;

export type AttainmentStatus = 'MET' | 'BREACHED' | 'AT_RISK' | 'NO_DATA' | 'NO_COMMITMENT';

export interface DowntimePeriod {
  readonly start: string;
  readonly end: string;
  readonly minutes: number;
}

export interface ErrorBudget {
  /** The month's minutes × (100 − target) / 100. */
  readonly allowedMinutes: number;
  readonly spentMinutes: number;
  readonly leftMinutes: number;
  /** spent / allowed × 100 (above 100 when overspent). */
  readonly spentPercent: number;
  /**
   * How fast the budget is being spent: the share spent over the share of the month elapsed (1: the
   * budget lasts exactly to the month's end; 2: it runs out halfway). Null before any minute elapsed.
   */
  readonly burnRate?: number | null;
}

export interface CreditOwed {
  /** The tier reached (the deepest whose threshold the uptime is below); null: none, no credit. */
  readonly tier: CreditTier | null;
  /** Of the monthly fee, after the cap. */
  readonly creditPercent: number;
  readonly capPercent: number;
  readonly capped: boolean;
  readonly claimWindowMonths: number;
  /** The last day a claim is accepted (UTC): the end of the claim window's month. */
  readonly claimBy: string;
}

export interface Attainment {
  readonly month: string;
  readonly scope: CommitmentScope;
  readonly source: MonitoringSource;
  readonly contractVersion: number | null;
  readonly status: AttainmentStatus;
  readonly monthComplete: boolean;
  readonly monthMinutes: number;
  /** Minutes of the month up to now (all of them once the month is over). */
  readonly elapsedMinutes: number;
  readonly watchedMinutes: number;
  readonly unmonitoredMinutes: number;
  /** Null when nothing was watched. Rounded to 4 decimals. */
  readonly uptimePercent: number | null;
  /** The target that applies to the scope; null without an availability commitment. */
  readonly target: AvailabilityTarget | null;
  readonly downtimeMinutes: number;
  /** Bad minutes under an exclusion the contract honours. */
  readonly excludedMinutes: number;
  /** Bad minutes whose claimed exclusion the contract does not honour (counted like any other). */
  readonly exclusionsRefusedMinutes: number;
  /** Bad minutes in runs shorter than the definition's consecutive minutes (not downtime). */
  readonly shortDisruptionMinutes: number;
  /** The runs that counted as downtime. */
  readonly downtime: readonly DowntimePeriod[];
  readonly errorBudget: ErrorBudget | null;
  /** Null without a credit schedule for the scope or without enough data. */
  readonly credit: CreditOwed | null;
  /** One sentence for people. */
  readonly summary: string;
  /** Minute by minute: 0 unmonitored, 1 up, 2 counted as downtime (for comparing sources; not in the API). */
  readonly minuteStates: Uint8Array;
}

export interface AttainmentInput {
  readonly month: string;
  readonly now: Date;
  readonly scope: CommitmentScope;
  readonly source: MonitoringSource;
  /** With when each was reported (stored intervals have it): the latest report speaks for a minute. */
  readonly intervals: readonly (MeasuredInterval & { readonly reportedAt?: string })[];
  /** The version whose commitments apply to the month (null: none published) and its availability and credits. */
  readonly contractVersion: number | null;
  readonly availability: AvailabilityCommitment | null;
  readonly creditSchedules: readonly ServiceCreditSchedule[];
  /** From the batch API (reportMonitoring): items watching each minute of the month, and the downtime intervals (the month's and those still open, clipped). */
  readonly watchedCounts?: Uint16Array | null;
  readonly downtimeEntries?: readonly DowntimeEntry[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;
const same = (a: CommitmentScope | null, b: CommitmentScope) =>
  a !== null && a.region === b.region && (a.tier ?? '').toLowerCase() === (b.tier ?? '').toLowerCase();

/**
 * The target that applies to a measured scope: the exact scope, else the same tier service-wide,
 * else the region for every tier, else the service as a whole.
 */
export function targetFor(availability: AvailabilityCommitment | null, scope: CommitmentScope): AvailabilityTarget | null {
  const targets = availability?.targets ?? [];
  const candidates: CommitmentScope[] = [scope, { region: null, tier: scope.tier }, { region: scope.region, tier: null }, { region: null, tier: null }];
  for (const c of candidates) {
    const found = targets.find((t) => same(t.scope, c));
    if (found) return found;
  }
  return null;
}

/** The credit schedule of a target: the one naming its scope, else one for every target. */
export const scheduleFor = (schedules: readonly ServiceCreditSchedule[], target: AvailabilityTarget): ServiceCreditSchedule | null =>
  schedules.find((s) => same(s.scope, target.scope)) ?? schedules.find((s) => s.scope === null) ?? null;

/** Whether the contract honours an exclusion claimed on an interval. */
export function honoured(availability: AvailabilityCommitment | null, interval: MeasuredInterval): boolean {
  const cause: ExclusionCause | null = interval.exclusion;
  if (!availability || cause === null) return false;
  const x = availability.exclusions;
  if (cause === 'CUSTOMER_CAUSED') return x.customerCaused;
  if (cause === 'FORCE_MAJEURE') return x.forceMajeure;
  if (x.scheduledMaintenanceNoticeDays === null || interval.maintenanceAnnouncedAt === null) return false;
  return Date.parse(interval.start) - Date.parse(interval.maintenanceAnnouncedAt) >= x.scheduledMaintenanceNoticeDays * DAY_MS;
}

/** The last day (YYYY-MM-DD) of the n-th calendar month after `month`. */
export function claimDeadline(month: string, monthsAfter: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m + monthsAfter, 0)).toISOString().slice(0, 10);
}

/** The tier reached: the deepest (lowest threshold) the uptime is below; tiers come highest threshold first. */
export function creditFor(schedule: ServiceCreditSchedule, uptimePercent: number, month: string): CreditOwed {
  const reached = schedule.tiers.filter((t) => uptimePercent < t.belowPercent).sort((a, b) => a.belowPercent - b.belowPercent)[0] ?? null;
  const raw = reached?.creditPercent ?? 0;
  return {
    tier: reached,
    creditPercent: Math.min(raw, schedule.capPercent),
    capPercent: schedule.capPercent,
    capped: raw > schedule.capPercent,
    claimWindowMonths: schedule.claimWindowMonths,
    claimBy: claimDeadline(month, schedule.claimWindowMonths),
  };
}

const UNWATCHED = -1;
const UP = 1;
const DOWN = 2;

/** Where two sources' months disagree, over the minutes both watched. */
export interface SourceDisagreement {
  readonly bothWatchedMinutes: number;
  /** Downtime by this source's measurements, up by the other's. */
  readonly downOnlyHereMinutes: number;
  /** Downtime by the other source's measurements, up by this one's. */
  readonly downOnlyThereMinutes: number;
}

export function compareSources(here: Pick<Attainment, 'minuteStates'>, there: Pick<Attainment, 'minuteStates'>): SourceDisagreement {
  let both = 0;
  let onlyHere = 0;
  let onlyThere = 0;
  const a = here.minuteStates;
  const b = there.minuteStates;
  for (let m = 0; m < Math.min(a.length, b.length); m++) {
    if (!a[m] || !b[m]) continue;
    both++;
    if (a[m] === DOWN && b[m] === UP) onlyHere++;
    else if (a[m] === UP && b[m] === DOWN) onlyThere++;
  }
  return { bothWatchedMinutes: both, downOnlyHereMinutes: onlyHere, downOnlyThereMinutes: onlyThere };
}

export function computeAttainment(input: AttainmentInput): Attainment {
  const { start: monthStart, end: monthEnd } = monthBounds(input.month);
  const monthMinutes = (monthEnd - monthStart) / MINUTE_MS;
  const now = input.now.getTime();
  const monthComplete = now >= monthEnd;
  const elapsedMinutes = Math.max(0, Math.min(monthMinutes, Math.floor((now - monthStart) / MINUTE_MS)));
  const target = targetFor(input.availability, input.scope);
  const definition = input.availability?.downtime ?? null;
  // Without a stated definition, any error counts, from the first minute.
  const threshold = definition?.errorRatePercent ?? 0;
  const consecutive = definition?.consecutiveMinutes ?? 1;

  // Minute by minute: the worst rate reported and whether its report's exclusion is honoured.
  const rate = new Float64Array(monthMinutes).fill(UNWATCHED);
  const excluded = new Uint8Array(monthMinutes); // 0: none claimed, 1: honoured, 2: claimed, refused
  const writer = new Int32Array(monthMinutes).fill(-1); // the report (by rank of reportedAt) that set the minute
  const reports = [...new Set(input.intervals.map((i) => i.reportedAt ?? ''))].sort();
  const rank = new Map(reports.map((at, i) => [at, i]));
  for (const interval of input.intervals) {
    const report = rank.get(interval.reportedAt ?? '')!;
    const from = Math.max(0, (Date.parse(interval.start) - monthStart) / MINUTE_MS);
    const to = Math.min(elapsedMinutes, (Date.parse(interval.end) - monthStart) / MINUTE_MS);
    const claim = interval.exclusion === null ? 0 : honoured(input.availability, interval) ? 1 : 2;
    for (let m = from; m < to; m++) {
      const r = rate[m]!;
      const later = report > writer[m]!;
      if (later || (report === writer[m] && (interval.errorRatePercent > r || (interval.errorRatePercent === r && claim === 0)))) {
        rate[m] = interval.errorRatePercent;
        excluded[m] = claim;
        writer[m] = report;
      }
    }
  }

  overlayBatchItems(input, monthStart, elapsedMinutes, threshold, rate, excluded);

  let watched = 0;
  let excludedMinutes = 0;
  let refused = 0;
  let short = 0;
  let downtimeMinutes = 0;
  const downtime: DowntimePeriod[] = [];
  const minuteStates = new Uint8Array(monthMinutes); // UNMONITORED, UP (short disruptions and exclusions included) or DOWN
  let runStart = -1;
  const closeRun = (end: number) => {
    if (runStart < 0) return;
    const length = end - runStart;
    if (length >= consecutive) {
      downtimeMinutes += length;
      minuteStates.fill(DOWN, runStart, end);
      downtime.push({
        start: new Date(monthStart + runStart * MINUTE_MS).toISOString(),
        end: new Date(monthStart + end * MINUTE_MS).toISOString(),
        minutes: length,
      });
    } else short += length;
    runStart = -1;
  };
  for (let m = 0; m < elapsedMinutes; m++) {
    const r = rate[m]!;
    if (r === UNWATCHED) {
      closeRun(m);
      continue;
    }
    watched++;
    minuteStates[m] = UP;
    const bad = r > threshold;
    if (bad && excluded[m] === 1) {
      excludedMinutes++;
      closeRun(m);
      continue;
    }
    if (bad && excluded[m] === 2) refused++;
    if (bad) {
      if (runStart < 0) runStart = m;
    } else closeRun(m);
  }
  closeRun(elapsedMinutes);

  const uptimePercent = watched ? round(((watched - downtimeMinutes) / watched) * 100, 4) : null;
  const enoughData = watched > 0 && watched >= MIN_WATCHED_SHARE * elapsedMinutes;
  const errorBudget = target ? withBurnRate(budgetOf(monthMinutes, target.targetPercent, downtimeMinutes), elapsedMinutes / monthMinutes) : null;
  let status: AttainmentStatus;
  if (!target) status = 'NO_COMMITMENT';
  else if (!enoughData) status = 'NO_DATA';
  else if (monthComplete ? uptimePercent! < target.targetPercent : errorBudget!.spentMinutes > errorBudget!.allowedMinutes) status = 'BREACHED';
  else if (!monthComplete && errorBudget!.spentMinutes > AT_RISK_BUDGET_SHARE * errorBudget!.allowedMinutes) status = 'AT_RISK';
  else status = 'MET';

  const schedule = target ? scheduleFor(input.creditSchedules, target) : null;
  const credit = schedule && enoughData && uptimePercent !== null ? creditFor(schedule, uptimePercent, input.month) : null;

  const summary = summarize({ status, monthComplete, uptimePercent, target, watched, elapsedMinutes, downtimeMinutes, credit });
  return {
    month: input.month,
    scope: input.scope,
    source: input.source,
    contractVersion: input.contractVersion,
    status,
    monthComplete,
    monthMinutes,
    elapsedMinutes,
    watchedMinutes: watched,
    unmonitoredMinutes: elapsedMinutes - watched,
    uptimePercent,
    target,
    downtimeMinutes,
    excludedMinutes,
    exclusionsRefusedMinutes: refused,
    shortDisruptionMinutes: short,
    downtime,
    errorBudget,
    credit,
    summary,
    minuteStates,
  };
}

/** Whether the contract honours the cause of a reported downtime interval (EXCLUDED: as force majeure). */
export function honouredEntry(availability: AvailabilityCommitment | null, entry: DowntimeEntry): boolean {
  if (!availability || entry.cause === 'OUTAGE') return false;
  const x = availability.exclusions;
  if (entry.cause === 'CUSTOMER_CAUSED') return x.customerCaused;
  if (entry.cause === 'EXCLUDED') return x.forceMajeure;
  return x.scheduledMaintenanceNoticeDays !== null && entry.noticeDays !== null && entry.noticeDays >= x.scheduledMaintenanceNoticeDays;
}

// How much a claim weighs when downtime intervals of one source overlap: a minute is excluded only
// when every interval over it claims an exclusion the contract honours.
const CLAIM_RANK = [0, 2, 1] as const; // counted, refused, honoured (indexed by claim 0, 1, 2)
const worse = (a: number, b: number) => (CLAIM_RANK[a as 0 | 1 | 2] <= CLAIM_RANK[b as 0 | 1 | 2] ? a : b);

/**
 * The batch API's items over the minute map: a watched minute no measured interval covers is up,
 * and a minute inside a downtime interval is bad (whole minutes touched, so a 30-second outage
 * counts its minute); overlapping intervals of the source merge into one run.
 */
function overlayBatchItems(input: AttainmentInput, monthStart: number, elapsed: number, threshold: number, rate: Float64Array, excluded: Uint8Array): void {
  const counts = input.watchedCounts;
  if (counts)
    for (let m = 0; m < Math.min(elapsed, counts.length); m++) {
      if (counts[m]! > 0 && rate[m] === UNWATCHED) {
        rate[m] = 0;
        excluded[m] = 0;
      }
    }
  const claims = new Uint8Array(elapsed).fill(255);
  for (const entry of input.downtimeEntries ?? []) {
    const from = Math.max(0, Math.floor((entry.start - monthStart) / MINUTE_MS));
    const to = Math.min(elapsed, Math.ceil((entry.end! - monthStart) / MINUTE_MS));
    const claim = entry.cause === 'OUTAGE' ? 0 : honouredEntry(input.availability, entry) ? 1 : 2;
    for (let m = from; m < to; m++) claims[m] = claims[m] === 255 ? claim : worse(claims[m]!, claim);
  }
  for (let m = 0; m < elapsed; m++) {
    if (claims[m] === 255) continue;
    const wasBad = rate[m]! > threshold;
    excluded[m] = wasBad ? worse(excluded[m]!, claims[m]!) : claims[m]!;
    rate[m] = Number.POSITIVE_INFINITY;
  }
}

/** The budget with its burn rate, given the share of the month elapsed. */
export function withBurnRate(budget: ErrorBudget, elapsedShare: number): ErrorBudget {
  if (elapsedShare <= 0) return { ...budget, burnRate: null };
  const spentShare = budget.allowedMinutes > 0 ? budget.spentMinutes / budget.allowedMinutes : budget.spentMinutes > 0 ? 1 : 0;
  return { ...budget, burnRate: round(spentShare / elapsedShare, 2) };
}

export function budgetOf(monthMinutes: number, targetPercent: number, spentMinutes: number): ErrorBudget {
  const allowedMinutes = round((monthMinutes * (100 - targetPercent)) / 100, 2);
  return {
    allowedMinutes,
    spentMinutes,
    leftMinutes: round(Math.max(0, allowedMinutes - spentMinutes), 2),
    spentPercent: allowedMinutes > 0 ? round((spentMinutes / allowedMinutes) * 100, 1) : spentMinutes > 0 ? 100 : 0,
  };
}

function summarize(a: {
  status: AttainmentStatus;
  monthComplete: boolean;
  uptimePercent: number | null;
  target: AvailabilityTarget | null;
  watched: number;
  elapsedMinutes: number;
  downtimeMinutes: number;
  credit: CreditOwed | null;
}): string {
  const watched = a.elapsedMinutes
    ? `${round((a.watched / a.elapsedMinutes) * 100, 1)} % of the ${a.monthComplete ? 'month' : 'month so far'} watched`
    : 'nothing of the month elapsed';
  if (a.status === 'NO_COMMITMENT') return `No availability target applies to this scope (${watched}).`;
  if (a.status === 'NO_DATA')
    return `Not enough data: ${watched}, at least ${MIN_WATCHED_SHARE * 100} % is needed to say whether ${a.target!.targetPercent} % was met.`;
  const credit = a.credit?.tier ? `; credit ${a.credit.creditPercent} % of the monthly fee, claim by ${a.credit.claimBy}` : '';
  return `${a.uptimePercent} % uptime against ${a.target!.targetPercent} % (${a.downtimeMinutes} minutes of downtime, ${watched}): ${a.status}${credit}.`;
}

/**
 * The version whose commitments a month is measured against: the one in effect at the start of the
 * month; a version taking effect during the month applies from the next month. When none was in
 * effect at the start (the first version came during the month), the first to take effect in it
 * (and by now). Null when none applies.
 */
export function versionForMonth(versions: readonly { readonly version: number; readonly effectiveFrom: string }[], month: string, now: Date): number | null {
  const { start, end } = monthBounds(month);
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const inEffectAtStart = sorted.filter((v) => Date.parse(v.effectiveFrom) <= start).at(-1);
  if (inEffectAtStart) return inEffectAtStart.version;
  // In effect at `now` includes a version taking effect at that very instant (as versionInEffect has it).
  return sorted.find((v) => Date.parse(v.effectiveFrom) < end && Date.parse(v.effectiveFrom) <= now.getTime())?.version ?? null;
}

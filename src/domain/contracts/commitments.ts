// Service-level commitments: what a contract version promises about availability, credits, support,
// incident notification, recovery, data on termination and change notice. They are published and
// versioned with the responsibilities (the same draft, revision and publish), and each names the
// ISO/IEC 27017 controls it supports, so a customer's coverage of a control shows the promise
// behind it. Versions and drafts stored before commitments existed have none: read them with
// commitmentsOf, which says "not stated" rather than inventing a promise.

export const DURATION_UNITS = ['MINUTES', 'HOURS', 'DAYS'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** A duration as the contract states it: a whole number in an explicit unit. */
export interface Duration {
  readonly value: number;
  readonly unit: DurationUnit;
}

const MINUTES_PER: Record<DurationUnit, number> = { MINUTES: 1, HOURS: 60, DAYS: 24 * 60 };
export const minutesOf = (d: Duration): number => d.value * MINUTES_PER[d.unit];
export const formatDuration = (d: Duration): string => `${d.value} ${d.unit.toLowerCase().replace(/s$/, d.value === 1 ? '' : 's')}`;

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SUPPORT_HOURS = ['ALWAYS', 'BUSINESS_HOURS'] as const;
export type SupportHours = (typeof SUPPORT_HOURS)[number];

/** What an availability target covers: the whole service or one region, optionally one tier (e.g. "multi-zone"). */
export interface CommitmentScope {
  /** null: the service as a whole. Lower-case, one of the service's regions. */
  readonly region: string | null;
  /** null: every tier. The provider's name for a deployment tier, e.g. "multi-zone", "single-zone". */
  readonly tier: string | null;
}

export interface AvailabilityTarget {
  readonly scope: CommitmentScope;
  /** Monthly uptime, in (0, 100], at most three decimals (99.995). */
  readonly targetPercent: number;
}

/** A minute is down when the error rate is above the threshold for at least this many consecutive minutes. */
export interface DowntimeDefinition {
  readonly errorRatePercent: number;
  readonly consecutiveMinutes: number;
  /** The provider's words (what counts as an error, how it is measured). */
  readonly description: string | null;
}

export interface AvailabilityExclusions {
  /** Scheduled maintenance does not count when announced at least this many days ahead; null: maintenance counts as downtime. */
  readonly scheduledMaintenanceNoticeDays: number | null;
  readonly customerCaused: boolean;
  readonly forceMajeure: boolean;
}

export interface AvailabilityCommitment {
  /** Empty only when the contract explicitly commits to no availability (noCommitmentReason says why). */
  readonly targets: readonly AvailabilityTarget[];
  readonly downtime: DowntimeDefinition | null;
  readonly exclusions: AvailabilityExclusions;
  /** Set when the contract commits to no availability target: the explicit statement customers read. */
  readonly noCommitmentReason: string | null;
  readonly controlIds: readonly string[];
}

/** Credit owed when the month's uptime is below `belowPercent`. */
export interface CreditTier {
  readonly belowPercent: number;
  /** Of the monthly fee of the scope, in (0, 100]. */
  readonly creditPercent: number;
}

export interface ServiceCreditSchedule {
  /** The availability target it applies to; null: every target. */
  readonly scope: CommitmentScope | null;
  /** Highest threshold first, credits rising as uptime falls. */
  readonly tiers: readonly CreditTier[];
  /** Claims are accepted until the end of the n-th calendar month after the month measured. */
  readonly claimWindowMonths: number;
  /** The most credited for one month, as a percentage of the monthly fee, in (0, 100]. */
  readonly capPercent: number;
}

export interface SupportTarget {
  readonly severity: Severity;
  readonly firstResponse: Duration;
  readonly hours: SupportHours;
}

export interface IncidentNotification {
  /** Customers are told of a security incident affecting them within this time of its detection. */
  readonly within: Duration;
  /** When personal data is affected; null: the same window. */
  readonly personalDataWithin: Duration | null;
}

export interface RecoveryCommitment {
  readonly rto: Duration | null;
  readonly rpo: Duration | null;
  readonly backupFrequency: Duration | null;
  readonly backupRetention: Duration | null;
}

export interface DataOnTermination {
  /** After termination, the customer can export its data for this long. */
  readonly exportWindow: Duration;
  /** After the export window ends, the data (backups included) is deleted within this time. */
  readonly deletionDeadline: Duration;
}

export interface ChangeNotice {
  /** Notice given before a change that affects customers takes effect. */
  readonly notice: Duration;
}

/** One commitment kind with the controls it supports. */
export type WithControls<T> = T & { readonly controlIds: readonly string[] };

export interface Commitments {
  /** False for contracts that never stated commitments (stored before they existed, or never set). */
  readonly stated: boolean;
  readonly availability: AvailabilityCommitment | null;
  readonly serviceCredits: WithControls<{ readonly schedules: readonly ServiceCreditSchedule[] }> | null;
  readonly support: WithControls<{ readonly targets: readonly SupportTarget[] }> | null;
  readonly incidentNotification: WithControls<IncidentNotification> | null;
  readonly recovery: WithControls<RecoveryCommitment> | null;
  readonly dataOnTermination: WithControls<DataOnTermination> | null;
  readonly changeNotice: WithControls<ChangeNotice> | null;
}

export const NO_COMMITMENTS_STATED: Commitments = {
  stated: false,
  availability: null,
  serviceCredits: null,
  support: null,
  incidentNotification: null,
  recovery: null,
  dataOnTermination: null,
  changeNotice: null,
};

/** The commitments of a version or draft; "not stated" for those stored before commitments existed. */
export const commitmentsOf = (contract: { readonly commitments?: Commitments | null }): Commitments => contract.commitments ?? NO_COMMITMENTS_STATED;

/** The kinds, in the order the contract reads them, with the controls each supports unless the provider names others. */
export const COMMITMENT_KINDS = ['availability', 'serviceCredits', 'support', 'incidentNotification', 'recovery', 'dataOnTermination', 'changeNotice'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

export const DEFAULT_COMMITMENT_CONTROLS: Readonly<Record<CommitmentKind, readonly string[]>> = {
  availability: ['17.2.1'],
  serviceCredits: ['15.1.2'],
  support: ['16.1.1'],
  incidentNotification: ['16.1.2'],
  recovery: ['12.3.1', '17.1.2'],
  dataOnTermination: ['CLD.8.1.5'],
  changeNotice: ['12.1.2', 'CLD.12.1.5'],
};

/** Limits on what a contract may state, each with its reason (README, SLA commitments). */
export const COMMITMENT_LIMITS = {
  /** One per region and tier; 50 regions (the service's own limit) with a few tiers each stays far below. */
  availabilityTargets: 100,
  /** At most one schedule per availability target, plus one for all of them. */
  creditSchedules: 101,
  /** Real credit tables have 3 or 4 steps; more is a data error, not a contract. */
  creditTiers: 10,
  /** One per severity. */
  supportTargets: SEVERITIES.length,
  /** Controls one commitment supports: a handful in practice; the catalogue has 121. */
  controlsPerKind: 20,
  /** Free texts (tier names, downtime description, reason for no commitment). */
  tierName: 100,
  text: 2000,
  /** Claims are usually due within one to three months; a year bounds typos. */
  claimWindowMonths: 12,
  /** No stated duration exceeds ten years (e.g. backup retention); longer values are typos. */
  maxDurationDays: 3650,
  /** Maintenance notice and consecutive minutes: bounded so a typo never reads as a promise. */
  maintenanceNoticeDays: 365,
  consecutiveMinutes: 1440,
  /** As the service's changeNoticeDays setting (0 to 365): versions may be scheduled 730 days ahead at most. */
  changeNoticeDays: 365,
} as const;

/** The scope as compared and keyed: tier names are the provider's words, but "Multi-Zone" and "multi-zone" are one tier. */
export const scopeKey = (s: CommitmentScope | null): string => (s === null ? '*' : `${s.region ?? ''}|${s.tier?.toLowerCase() ?? ''}`);

export const sameScope = (a: CommitmentScope | null, b: CommitmentScope | null): boolean => scopeKey(a) === scopeKey(b);

export const scopeLabel = (scope: CommitmentScope | null): string => {
  if (scope === null) return 'every availability target';
  if (scope.tier === null) return scope.region ?? 'the whole service';
  return scope.region === null ? `the ${scope.tier} tier` : `${scope.region}, ${scope.tier} tier`;
};

/** The availability target in percent of the given scope; for null (all targets), the lowest one. */
export function targetsCovered(availability: AvailabilityCommitment | null, scope: CommitmentScope | null): AvailabilityTarget[] {
  const targets = availability?.targets ?? [];
  return scope === null ? [...targets] : targets.filter((t) => sameScope(t.scope, scope));
}

/** The contract's change-notice commitment in whole days (rounded up); null when it states none. */
export function changeNoticeDaysOf(contract: { readonly commitments?: Commitments | null }): number | null {
  const notice = commitmentsOf(contract).changeNotice?.notice;
  return notice ? Math.ceil(minutesOf(notice) / (24 * 60)) : null;
}

/**
 * The notice a new version owes subscribers: the change-notice commitment of the version being
 * published, but never less than the one the latest published version promised (a version cannot
 * shorten the very notice it is published under); the service's setting when neither states one.
 */
export function noticeOwed(
  latest: { readonly commitments?: Commitments | null } | null,
  next: { readonly commitments?: Commitments | null },
  serviceSetting: number,
): { readonly days: number; readonly source: string } {
  const promised = latest ? changeNoticeDaysOf(latest) : null;
  const stated = changeNoticeDaysOf(next);
  if (promised === null && stated === null) return { days: serviceSetting, source: "the service's change notice" };
  if (promised !== null && (stated === null || promised > stated)) return { days: promised, source: 'the change notice the current contract commits to' };
  return { days: stated!, source: "the contract's change-notice commitment" };
}

export type AvailabilityStatement = 'COMMITTED' | 'NONE_COMMITTED' | 'NOT_STATED';

/** COMMITTED (uptime targets), NONE_COMMITTED (the contract says explicitly it commits to none) or NOT_STATED. */
export function availabilityStatementOf(contract: { readonly commitments?: Commitments | null }): AvailabilityStatement {
  const a = commitmentsOf(contract).availability;
  if (a?.targets.length) return 'COMMITTED';
  return a?.noCommitmentReason ? 'NONE_COMMITTED' : 'NOT_STATED';
}

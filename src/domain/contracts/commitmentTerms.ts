import {
  commitmentsOf,
  formatDuration,
  minutesOf,
  scopeKey,
  scopeLabel,
  type CommitmentKind,
  type Commitments,
  type CommitmentScope,
  type Duration,
  type DurationUnit,
  type Severity,
} from './commitments';

const ALL_UNITS: readonly DurationUnit[] = ['MINUTES', 'HOURS', 'DAYS'];

// Every commitment, whatever its kind, read as terms of one shape: a target, a unit, a comparison
// and a measurement window. Diffs, change impact, coverage and (later) attainment work on terms, so
// a new kind needs only its terms here. A term's key is stable across versions (kind, measure,
// scope, severity, threshold), which is how two versions' terms are matched.

export type Comparison = 'AT_LEAST' | 'AT_MOST' | 'EXCLUDED';
export type TermUnit = 'PERCENT' | 'MINUTES' | 'HOURS' | 'DAYS' | 'MONTHS' | 'NONE';
export type MeasurementWindow = 'CALENDAR_MONTH' | 'PER_INCIDENT' | 'PER_MINUTE' | 'PER_BACKUP' | 'AFTER_TERMINATION' | 'PER_CHANGE';

export const TERM_MEASURES = [
  'UPTIME',
  'DOWNTIME_ERROR_RATE',
  'DOWNTIME_CONSECUTIVE_MINUTES',
  'MAINTENANCE_EXCLUSION_NOTICE',
  'CUSTOMER_CAUSED_EXCLUDED',
  'FORCE_MAJEURE_EXCLUDED',
  'SERVICE_CREDIT',
  'CREDIT_CAP',
  'CREDIT_CLAIM_WINDOW',
  'FIRST_RESPONSE',
  'INCIDENT_NOTIFICATION',
  'PERSONAL_DATA_NOTIFICATION',
  'RTO',
  'RPO',
  'BACKUP_FREQUENCY',
  'BACKUP_RETENTION',
  'DATA_EXPORT_WINDOW',
  'DATA_DELETION_DEADLINE',
  'CHANGE_NOTICE',
] as const;
export type TermMeasure = (typeof TERM_MEASURES)[number];

export interface CommitmentTerm {
  readonly key: string;
  readonly kind: CommitmentKind;
  readonly measure: TermMeasure;
  /** In words, e.g. "Monthly uptime, eu-west-1 (multi-zone)". */
  readonly label: string;
  readonly target: number;
  readonly unit: TermUnit;
  /** AT_LEAST: the measured value must reach the target; AT_MOST: must not exceed it; EXCLUDED: an exclusion from downtime. */
  readonly comparison: Comparison;
  readonly window: MeasurementWindow;
  /** Availability and credit terms: the scope; null otherwise (or every target, for a credit schedule). */
  readonly scope: CommitmentScope | null;
  readonly severity: Severity | null;
  /** Credit terms: the uptime below which the credit is owed (tiers are matched across versions by position). */
  readonly belowPercent: number | null;
  /** An exclusion from downtime: adding one weakens the availability commitment. */
  readonly exclusion: boolean;
  readonly controlIds: readonly string[];
}

/** The terms of a contract's commitments, in the order the contract reads them. */
export function commitmentTerms(contract: { readonly commitments?: Commitments | null }): CommitmentTerm[] {
  const c = commitmentsOf(contract);
  const terms: CommitmentTerm[] = [];
  const base = { scope: null, severity: null, belowPercent: null, exclusion: false };
  const add = (term: Omit<CommitmentTerm, 'scope' | 'severity' | 'belowPercent' | 'exclusion'> & Partial<CommitmentTerm>) => terms.push({ ...base, ...term });
  const dur = (
    kind: CommitmentKind,
    measure: TermMeasure,
    label: string,
    d: Duration | null,
    comparison: Comparison,
    window: MeasurementWindow,
    controlIds: readonly string[],
    key = `${kind}/${measure}`,
  ) => {
    if (d)
      add({
        key,
        kind,
        measure,
        label: `${label}: ${comparison === 'AT_LEAST' ? 'at least' : 'within'} ${formatDuration(d)}`,
        target: d.value,
        unit: d.unit,
        comparison,
        window,
        controlIds,
      });
  };
  const a = c.availability;
  if (a) {
    const ids = a.controlIds;
    for (const t of a.targets) {
      add({
        key: `availability/UPTIME/${scopeKey(t.scope)}`,
        kind: 'availability',
        measure: 'UPTIME',
        label: `Monthly uptime, ${scopeLabel(t.scope)}: at least ${t.targetPercent} %`,
        target: t.targetPercent,
        unit: 'PERCENT',
        comparison: 'AT_LEAST',
        window: 'CALENDAR_MONTH',
        scope: t.scope,
        controlIds: ids,
      });
    }
    if (a.targets.length && a.downtime) {
      const d = a.downtime;
      add({
        key: 'availability/DOWNTIME_ERROR_RATE',
        kind: 'availability',
        measure: 'DOWNTIME_ERROR_RATE',
        label: `A minute is down from an error rate above ${d.errorRatePercent} %`,
        target: d.errorRatePercent,
        unit: 'PERCENT',
        comparison: 'AT_MOST',
        window: 'PER_MINUTE',
        controlIds: ids,
      });
      add({
        key: 'availability/DOWNTIME_CONSECUTIVE_MINUTES',
        kind: 'availability',
        measure: 'DOWNTIME_CONSECUTIVE_MINUTES',
        label: `Downtime counts after ${d.consecutiveMinutes} consecutive minute${d.consecutiveMinutes === 1 ? '' : 's'}`,
        target: d.consecutiveMinutes,
        unit: 'MINUTES',
        comparison: 'AT_MOST',
        window: 'PER_MINUTE',
        controlIds: ids,
      });
    }
    if (a.targets.length) {
      const x = a.exclusions;
      if (x.scheduledMaintenanceNoticeDays !== null) {
        add({
          key: 'availability/MAINTENANCE_EXCLUSION_NOTICE',
          kind: 'availability',
          measure: 'MAINTENANCE_EXCLUSION_NOTICE',
          label: `Scheduled maintenance announced at least ${x.scheduledMaintenanceNoticeDays} days ahead is not downtime`,
          target: x.scheduledMaintenanceNoticeDays,
          unit: 'DAYS',
          comparison: 'AT_LEAST',
          window: 'PER_CHANGE',
          exclusion: true,
          controlIds: ids,
        });
      }
      if (x.customerCaused)
        add({
          key: 'availability/CUSTOMER_CAUSED_EXCLUDED',
          kind: 'availability',
          measure: 'CUSTOMER_CAUSED_EXCLUDED',
          label: 'Customer-caused downtime is excluded',
          target: 0,
          unit: 'NONE',
          comparison: 'EXCLUDED',
          window: 'CALENDAR_MONTH',
          exclusion: true,
          controlIds: ids,
        });
      if (x.forceMajeure)
        add({
          key: 'availability/FORCE_MAJEURE_EXCLUDED',
          kind: 'availability',
          measure: 'FORCE_MAJEURE_EXCLUDED',
          label: 'Force majeure is excluded',
          target: 0,
          unit: 'NONE',
          comparison: 'EXCLUDED',
          window: 'CALENDAR_MONTH',
          exclusion: true,
          controlIds: ids,
        });
    }
  }
  const credits = c.serviceCredits;
  for (const s of credits?.schedules ?? []) {
    const k = scopeKey(s.scope);
    const where = scopeLabel(s.scope);
    for (const [i, t] of s.tiers.entries()) {
      add({
        key: `serviceCredits/SERVICE_CREDIT/${k}/${i + 1}`,
        kind: 'serviceCredits',
        measure: 'SERVICE_CREDIT',
        label: `Credit when uptime is below ${t.belowPercent} % (${where}): ${t.creditPercent} % of the monthly fee`,
        target: t.creditPercent,
        unit: 'PERCENT',
        comparison: 'AT_LEAST',
        window: 'CALENDAR_MONTH',
        scope: s.scope,
        belowPercent: t.belowPercent,
        controlIds: credits!.controlIds,
      });
    }
    add({
      key: `serviceCredits/CREDIT_CAP/${k}`,
      kind: 'serviceCredits',
      measure: 'CREDIT_CAP',
      label: `Credits capped at ${s.capPercent} % of the monthly fee (${where})`,
      target: s.capPercent,
      unit: 'PERCENT',
      comparison: 'AT_LEAST',
      window: 'CALENDAR_MONTH',
      scope: s.scope,
      controlIds: credits!.controlIds,
    });
    add({
      key: `serviceCredits/CREDIT_CLAIM_WINDOW/${k}`,
      kind: 'serviceCredits',
      measure: 'CREDIT_CLAIM_WINDOW',
      label: `Credits may be claimed until the end of month ${s.claimWindowMonths} after (${where})`,
      target: s.claimWindowMonths,
      unit: 'MONTHS',
      comparison: 'AT_LEAST',
      window: 'CALENDAR_MONTH',
      scope: s.scope,
      controlIds: credits!.controlIds,
    });
  }
  for (const t of c.support?.targets ?? []) {
    add({
      key: `support/FIRST_RESPONSE/${t.severity}`,
      kind: 'support',
      measure: 'FIRST_RESPONSE',
      label: `${t.severity} first response within ${formatDuration(t.firstResponse)}${t.hours === 'BUSINESS_HOURS' ? ' (business hours)' : ''}`,
      target: t.firstResponse.value,
      unit: t.firstResponse.unit,
      comparison: 'AT_MOST',
      window: 'PER_INCIDENT',
      severity: t.severity,
      controlIds: c.support!.controlIds,
    });
  }
  for (const f of DURATION_FIELDS) {
    const stated = c[f.kind];
    if (stated) dur(f.kind, f.measure, f.label, durationAt(stated, f.field), f.comparison, f.window, stated.controlIds);
  }
  return terms;
}

type DurationKind = 'incidentNotification' | 'recovery' | 'dataOnTermination' | 'changeNotice';

/**
 * The commitments stated as one duration each, in one table read by the terms and by validation:
 * which measure, which way it is compared, and the units it may be stated in (a notice counted in
 * minutes is a typo, not a promise).
 */
export const DURATION_FIELDS: readonly {
  readonly kind: DurationKind;
  readonly field: string;
  readonly measure: TermMeasure;
  readonly label: string;
  readonly comparison: 'AT_LEAST' | 'AT_MOST';
  readonly window: MeasurementWindow;
  readonly units: readonly DurationUnit[];
  /** The smallest value: 0 where "none" is a real promise (an RPO of zero, no notice). */
  readonly min: number;
  readonly required: boolean;
}[] = [
  {
    kind: 'incidentNotification',
    field: 'within',
    measure: 'INCIDENT_NOTIFICATION',
    label: 'Security incidents notified',
    comparison: 'AT_MOST',
    window: 'PER_INCIDENT',
    units: ALL_UNITS,
    min: 1,
    required: true,
  },
  {
    kind: 'incidentNotification',
    field: 'personalDataWithin',
    measure: 'PERSONAL_DATA_NOTIFICATION',
    label: 'Incidents affecting personal data notified',
    comparison: 'AT_MOST',
    window: 'PER_INCIDENT',
    units: ALL_UNITS,
    min: 1,
    required: false,
  },
  {
    kind: 'recovery',
    field: 'rto',
    measure: 'RTO',
    label: 'Recovery time objective',
    comparison: 'AT_MOST',
    window: 'PER_INCIDENT',
    units: ALL_UNITS,
    min: 1,
    required: false,
  },
  {
    kind: 'recovery',
    field: 'rpo',
    measure: 'RPO',
    label: 'Recovery point objective',
    comparison: 'AT_MOST',
    window: 'PER_INCIDENT',
    units: ALL_UNITS,
    min: 0,
    required: false,
  },
  {
    kind: 'recovery',
    field: 'backupFrequency',
    measure: 'BACKUP_FREQUENCY',
    label: 'Backups taken',
    comparison: 'AT_MOST',
    window: 'PER_BACKUP',
    units: ALL_UNITS,
    min: 1,
    required: false,
  },
  {
    kind: 'recovery',
    field: 'backupRetention',
    measure: 'BACKUP_RETENTION',
    label: 'Backups kept',
    comparison: 'AT_LEAST',
    window: 'PER_BACKUP',
    units: ['DAYS'],
    min: 1,
    required: false,
  },
  {
    kind: 'dataOnTermination',
    field: 'exportWindow',
    measure: 'DATA_EXPORT_WINDOW',
    label: 'Data can be exported after termination',
    comparison: 'AT_LEAST',
    window: 'AFTER_TERMINATION',
    units: ['DAYS'],
    min: 1,
    required: true,
  },
  {
    kind: 'dataOnTermination',
    field: 'deletionDeadline',
    measure: 'DATA_DELETION_DEADLINE',
    label: 'Data deleted after the export window',
    comparison: 'AT_MOST',
    window: 'AFTER_TERMINATION',
    units: ['DAYS'],
    min: 1,
    required: true,
  },
  {
    kind: 'changeNotice',
    field: 'notice',
    measure: 'CHANGE_NOTICE',
    label: 'Notice before a change that affects customers',
    comparison: 'AT_LEAST',
    window: 'PER_CHANGE',
    units: ['DAYS'],
    min: 0,
    required: true,
  },
];

/** The duration a DURATION_FIELDS entry names in a stated commitment; null when it is not given. */
export const durationAt = (stated: object, field: string): Duration | null => (stated as Record<string, Duration | null | undefined>)[field] ?? null;

/** The term's target in a unit comparable across versions: minutes for durations, the value otherwise. */
export const comparableTarget = (t: Pick<CommitmentTerm, 'target' | 'unit'>): number =>
  t.unit === 'MINUTES' || t.unit === 'HOURS' || t.unit === 'DAYS' ? minutesOf({ value: t.target, unit: t.unit }) : t.target;

export type CommitmentEffect = 'WEAKENED' | 'STRENGTHENED' | 'REWORDED';

export interface CommitmentChange {
  readonly key: string;
  readonly kind: CommitmentKind;
  readonly measure: TermMeasure;
  /** null: the term is new. */
  readonly from: CommitmentTerm | null;
  /** null: the term is gone. */
  readonly to: CommitmentTerm | null;
  /**
   * WEAKENED: the customer is promised less (a lower uptime, a longer window, a smaller credit, a
   * shorter notice, a promise dropped, an exclusion added); STRENGTHENED: more; REWORDED: the same
   * target with other controls named.
   */
  readonly effect: CommitmentEffect;
}

export interface CommitmentDiff {
  readonly changes: readonly CommitmentChange[];
  readonly weakened: number;
  readonly strengthened: number;
}

/** What changed in the commitments between two contracts, term by term; unchanged terms are left out. */
export function diffCommitments(from: { readonly commitments?: Commitments | null }, to: { readonly commitments?: Commitments | null }): CommitmentDiff {
  const before = new Map(commitmentTerms(from).map((t) => [t.key, t]));
  const after = commitmentTerms(to);
  const changes: CommitmentChange[] = [];
  const change = (a: CommitmentTerm | null, b: CommitmentTerm | null): CommitmentChange | null => {
    const term = (b ?? a)!;
    const base = { key: term.key, kind: term.kind, measure: term.measure, from: a, to: b };
    // A promise dropped weakens; a new promise strengthens; for an exclusion it is the other way round.
    if (!a) return { ...base, effect: term.exclusion ? 'WEAKENED' : 'STRENGTHENED' };
    if (!b) return { ...base, effect: term.exclusion ? 'STRENGTHENED' : 'WEAKENED' };
    // Each way the promise moves: the target, and for a credit tier the uptime below which it is owed
    // (a lower threshold pays later). Any part promised less is WEAKENED, even if another part grew.
    const x = comparableTarget(a);
    const y = comparableTarget(b);
    const moves = [x === y ? 0 : y < x === (b.comparison === 'AT_LEAST') ? -1 : 1];
    if (a.belowPercent !== null && b.belowPercent !== null && a.belowPercent !== b.belowPercent) moves.push(b.belowPercent < a.belowPercent ? -1 : 1);
    if (moves.includes(-1)) return { ...base, effect: 'WEAKENED' };
    if (moves.includes(1)) return { ...base, effect: 'STRENGTHENED' };
    const sameControls = a.controlIds.length === b.controlIds.length && a.controlIds.every((id) => b.controlIds.includes(id));
    const sameWording = a.label === b.label;
    return sameControls && sameWording ? null : { ...base, effect: 'REWORDED' };
  };
  for (const b of after) {
    const c = change(before.get(b.key) ?? null, b);
    before.delete(b.key);
    if (c) changes.push(c);
  }
  for (const a of before.values()) changes.push(change(a, null)!);
  return { changes, weakened: changes.filter((c) => c.effect === 'WEAKENED').length, strengthened: changes.filter((c) => c.effect === 'STRENGTHENED').length };
}

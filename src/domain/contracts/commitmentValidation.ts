import {
  COMMITMENT_KINDS,
  COMMITMENT_LIMITS as L,
  minutesOf,
  sameScope,
  scopeLabel,
  SEVERITIES,
  targetsCovered,
  type CommitmentScope,
  type Commitments,
  type Duration,
  type DurationUnit,
} from './commitments';
import { DURATION_FIELDS, durationAt } from './commitmentTerms';
import type { ContractProblem, ContractProblemCode } from './problems';
import type { ControlIndex } from './responsibility';

// What must hold for a draft's commitments before it is published. Like validateContract, it never
// throws and reports every problem at once with a stable code and a message saying what to fix;
// `path` says where in the commitments (e.g. serviceCredits.schedules[0].tiers[1]).

export interface CommitmentContext {
  /** The service's regions; a region scope must be one of them. */
  readonly regions: readonly string[];
}

/** Every problem in `commitments`; none for a contract that states none (stated: false). */
export function validateCommitments(catalogue: ControlIndex, commitments: Commitments, context: CommitmentContext): ContractProblem[] {
  const problems: ContractProblem[] = [];
  if (!commitments.stated) return problems;
  const add = (code: ContractProblemCode, path: string, message: string) => problems.push({ controlId: null, code, message, path: `commitments.${path}` });
  const percent = (path: string, label: string, value: number) => {
    if (!(value > 0 && value <= 100)) add('COMMITMENT_OUT_OF_RANGE', path, `${label} is ${value} %; a percentage must be above 0 and at most 100.`);
    // Compared with a tolerance: 1.001 × 1000 is 1000.9999999999999 in floating point.
    else if (Math.abs(Math.round(value * 1000) - value * 1000) > 1e-6)
      add('COMMITMENT_OUT_OF_RANGE', path, `${label} is ${value} %; state it with at most three decimals (e.g. 99.995).`);
  };
  const wholeNumber = (path: string, label: string, value: number, min: number, max: number, unit = '') => {
    if (!Number.isInteger(value) || value < min || value > max)
      add('COMMITMENT_OUT_OF_RANGE', path, `${label} is ${value}${unit}; it must be a whole number from ${min} to ${max}${unit}.`);
  };
  const duration = (path: string, label: string, d: Duration | null, allowed: readonly DurationUnit[], min = 1) => {
    if (!d) return;
    if (!allowed.includes(d.unit)) add('COMMITMENT_UNIT_MISMATCH', path, `${label} is stated in ${d.unit}; state it in ${allowed.join(' or ')}.`);
    const maxInUnit = (L.maxDurationDays * 24 * 60) / minutesOf({ value: 1, unit: d.unit });
    wholeNumber(path, label, d.value, min, maxInUnit, ` ${d.unit.toLowerCase()}`);
  };
  const text = (path: string, label: string, value: string | null, max: number) => {
    if (value !== null && value.length > max) add('TEXT_TOO_LONG', path, `${label} has ${value.length} characters; shorten it to at most ${max}.`);
  };
  const count = (path: string, label: string, n: number, max: number) => {
    if (n > max) add('TOO_MANY_ITEMS', path, `${label}: ${n}; keep at most ${max}.`);
  };
  const regions = new Set(context.regions);
  const scope = (path: string, s: CommitmentScope) => {
    if (s.region !== null && !regions.has(s.region)) {
      add(
        'COMMITMENT_UNKNOWN_REGION',
        `${path}.region`,
        `The scope names region ${s.region}, which the service does not offer (${context.regions.join(', ') || 'no regions declared'}); name one of its regions, or none for the whole service.`,
      );
    }
    text(`${path}.tier`, 'The tier name', s.tier, L.tierName);
  };

  // Controls: every kind names catalogue controls.
  for (const kind of COMMITMENT_KINDS) {
    const stated = commitments[kind];
    if (!stated) continue;
    count(`${kind}.controlIds`, `Controls named by ${kind}`, stated.controlIds.length, L.controlsPerKind);
    if (stated.controlIds.length === 0)
      add(
        'COMMITMENT_UNKNOWN_CONTROL',
        `${kind}.controlIds`,
        `The ${kind} commitment names no control; name the ISO/IEC 27017 controls it supports, or leave controlIds out for the usual ones.`,
      );
    stated.controlIds.forEach((id, i) => {
      if (!catalogue.control(id))
        add('COMMITMENT_UNKNOWN_CONTROL', `${kind}.controlIds[${i}]`, `The ${kind} commitment names control ${id}, which is not in the catalogue.`);
    });
  }

  // Availability: targets, or an explicit statement that there are none.
  const a = commitments.availability;
  if (!a || (a.targets.length === 0 && a.noCommitmentReason === null)) {
    add(
      'AVAILABILITY_NOT_STATED',
      'availability',
      'The contract states commitments but no availability: give at least one monthly uptime target, or say explicitly that it commits to none (noCommitmentReason).',
    );
  }
  if (a) {
    if (a.targets.length > 0 && a.noCommitmentReason !== null) {
      add(
        'COMMITMENT_CONFLICT',
        'availability.noCommitmentReason',
        'The contract gives uptime targets and also says it commits to no availability; keep one of the two.',
      );
    }
    text('availability.noCommitmentReason', 'The reason for committing to no availability', a.noCommitmentReason, L.text);
    count('availability.targets', 'Availability targets', a.targets.length, L.availabilityTargets);
    a.targets.forEach((t, i) => {
      percent(`availability.targets[${i}].targetPercent`, `The uptime target for ${scopeLabel(t.scope)}`, t.targetPercent);
      scope(`availability.targets[${i}].scope`, t.scope);
      const first = a.targets.findIndex((o) => sameScope(o.scope, t.scope));
      if (first < i)
        add(
          'COMMITMENT_DUPLICATE_SCOPE',
          `availability.targets[${i}].scope`,
          `${scopeLabel(t.scope)} already has an uptime target (targets[${first}]); keep one target per region and tier.`,
        );
    });
    if (a.downtime) {
      percent('availability.downtime.errorRatePercent', 'The error rate that makes a minute down', a.downtime.errorRatePercent);
      wholeNumber(
        'availability.downtime.consecutiveMinutes',
        'The consecutive minutes before downtime counts',
        a.downtime.consecutiveMinutes,
        1,
        L.consecutiveMinutes,
        ' minutes',
      );
      text('availability.downtime.description', 'The downtime description', a.downtime.description, L.text);
    }
    if (a.exclusions.scheduledMaintenanceNoticeDays !== null) {
      wholeNumber(
        'availability.exclusions.scheduledMaintenanceNoticeDays',
        'The notice for scheduled maintenance',
        a.exclusions.scheduledMaintenanceNoticeDays,
        1,
        L.maintenanceNoticeDays,
        ' days',
      );
    }
    if (a.targets.length > 0 && !a.downtime) {
      add(
        'COMMITMENT_INCOMPLETE',
        'availability.downtime',
        'The uptime targets do not say what downtime is; define it (an error rate above a threshold for at least N consecutive minutes).',
      );
    }
  }

  // Credits: tiers ordered, not overlapping, below the target they apply to.
  const credits = commitments.serviceCredits;
  if (credits) {
    count('serviceCredits.schedules', 'Credit schedules', credits.schedules.length, L.creditSchedules);
    if (credits.schedules.length && !a?.targets.length) {
      add(
        'COMMITMENT_UNKNOWN_SCOPE',
        'serviceCredits',
        'Service credits are owed for missing an uptime target, and the contract gives none; add availability targets or remove the credits.',
      );
    }
    credits.schedules.forEach((s, i) => {
      const path = `serviceCredits.schedules[${i}]`;
      const first = credits.schedules.findIndex((o) => sameScope(o.scope, s.scope));
      if (first < i)
        add(
          'COMMITMENT_DUPLICATE_SCOPE',
          `${path}.scope`,
          `${scopeLabel(s.scope)} already has a credit schedule (schedules[${first}]); keep one schedule per scope.`,
        );
      const covered = targetsCovered(a, s.scope);
      if (s.scope !== null && a?.targets.length && covered.length === 0) {
        add(
          'COMMITMENT_UNKNOWN_SCOPE',
          `${path}.scope`,
          `The credit schedule applies to ${scopeLabel(s.scope)}, which has no uptime target; name the scope of an availability target, or none for all of them.`,
        );
      }
      if (s.tiers.length === 0) add('COMMITMENT_INCOMPLETE', `${path}.tiers`, 'A credit schedule needs at least one tier.');
      count(`${path}.tiers`, 'Credit tiers', s.tiers.length, L.creditTiers);
      s.tiers.forEach((t, j) => {
        percent(`${path}.tiers[${j}].belowPercent`, `The threshold of credit tier ${j + 1}`, t.belowPercent);
        percent(`${path}.tiers[${j}].creditPercent`, `The credit of tier ${j + 1}`, t.creditPercent);
        for (const target of covered) {
          if (t.belowPercent > target.targetPercent) {
            add(
              'COMMITMENT_CREDIT_ABOVE_TARGET',
              `${path}.tiers[${j}].belowPercent`,
              `Credit tier ${j + 1} applies below ${t.belowPercent} %, above the ${target.targetPercent} % target of ${scopeLabel(target.scope)}: credits would be owed in a month that meets the target. Start the tiers at or below the target, or give that scope its own schedule.`,
            );
          }
        }
        if (t.creditPercent > s.capPercent) {
          add(
            'COMMITMENT_OUT_OF_RANGE',
            `${path}.tiers[${j}].creditPercent`,
            `Credit tier ${j + 1} credits ${t.creditPercent} %, more than the cap of ${s.capPercent} %; raise the cap or lower the credit.`,
          );
        }
        const prev = s.tiers[j - 1];
        if (!prev) return;
        if (t.belowPercent === prev.belowPercent) {
          add(
            'COMMITMENT_TIERS_OVERLAP',
            `${path}.tiers[${j}]`,
            `Credit tiers ${j} and ${j + 1} both apply below ${t.belowPercent} %; give each tier its own threshold.`,
          );
        } else if (t.belowPercent > prev.belowPercent || t.creditPercent <= prev.creditPercent) {
          add(
            'COMMITMENT_TIERS_UNORDERED',
            `${path}.tiers[${j}]`,
            `Credit tiers go from the highest threshold down, each crediting more than the one before: tier ${j + 1} (below ${t.belowPercent} % → ${t.creditPercent} %) comes after tier ${j} (below ${prev.belowPercent} % → ${prev.creditPercent} %).`,
          );
        }
      });
      percent(`${path}.capPercent`, 'The credit cap', s.capPercent);
      wholeNumber(`${path}.claimWindowMonths`, 'The claim window', s.claimWindowMonths, 1, L.claimWindowMonths, ' months');
    });
  }

  // Support: one target per severity, more severe answered no slower.
  const support = commitments.support;
  if (support) {
    count('support.targets', 'Support targets', support.targets.length, L.supportTargets);
    support.targets.forEach((t, i) => {
      duration(`support.targets[${i}].firstResponse`, `The ${t.severity} first response`, t.firstResponse, ['MINUTES', 'HOURS']);
      const first = support.targets.findIndex((o) => o.severity === t.severity);
      if (first < i)
        add(
          'COMMITMENT_DUPLICATE_SCOPE',
          `support.targets[${i}].severity`,
          `${t.severity} already has a first-response target (targets[${first}]); keep one per severity.`,
        );
    });
    const bySeverity = [...support.targets].sort((x, y) => SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity));
    bySeverity.forEach((t, i) => {
      const worse = bySeverity.slice(i + 1).find((o) => minutesOf(o.firstResponse) < minutesOf(t.firstResponse));
      if (worse)
        add(
          'COMMITMENT_INCONSISTENT',
          'support.targets',
          `${t.severity} is answered slower than ${worse.severity}; a more severe case gets a first response at least as fast.`,
        );
    });
  }

  // Notification, recovery, data on termination, change notice: one duration each (DURATION_FIELDS).
  for (const f of DURATION_FIELDS) {
    const stated = commitments[f.kind];
    if (stated) duration(`${f.kind}.${f.field}`, `${f.label} (${f.field})`, durationAt(stated, f.field), f.units, f.min);
  }
  const r = commitments.recovery;
  if (r) {
    if (!r.rto && !r.rpo && !r.backupFrequency && !r.backupRetention)
      add(
        'COMMITMENT_INCOMPLETE',
        'recovery',
        'The recovery commitment states nothing; give an RTO, an RPO, a backup frequency or a retention, or leave it out.',
      );
    if (r.backupFrequency && r.backupRetention && minutesOf(r.backupRetention) < minutesOf(r.backupFrequency)) {
      add(
        'COMMITMENT_INCONSISTENT',
        'recovery.backupRetention',
        'Backups are kept for less time than the interval between them, so at times none exists; keep them at least one interval.',
      );
    }
  }
  const c = commitments.changeNotice;
  if (c) {
    // The same bounds as the service's changeNoticeDays setting it replaces.
    if (c.notice.unit === 'DAYS' && c.notice.value > L.changeNoticeDays)
      add('COMMITMENT_OUT_OF_RANGE', 'changeNotice.notice', `The change notice is ${c.notice.value} days; promise at most ${L.changeNoticeDays}.`);
  }
  return problems;
}

import {
  DEFAULT_COMMITMENT_CONTROLS,
  type CommitmentKind,
  type Commitments,
  type CommitmentScope,
  type Duration,
  type DurationUnit,
  type Severity,
  type SupportHours,
} from './commitments';

// What setCommitments receives (the GraphQL input, field for field) and its normal form: texts
// trimmed, regions lower-cased, defaults filled in. Nothing is refused here: every rule is a draft
// problem (validateCommitments), reported with the other problems of the draft.

export interface DurationInput {
  readonly value: number;
  readonly unit: DurationUnit;
}

export interface ScopeInput {
  readonly region?: string | null;
  readonly tier?: string | null;
}

interface ControlsInput {
  /** Left out or null: the kind's default controls (DEFAULT_COMMITMENT_CONTROLS). */
  readonly controlIds?: readonly string[] | null;
}

export interface CommitmentsInput {
  readonly availability: ControlsInput & {
    readonly targets?: readonly { readonly scope?: ScopeInput | null; readonly targetPercent: number }[] | null;
    readonly downtime?: { readonly errorRatePercent: number; readonly consecutiveMinutes: number; readonly description?: string | null } | null;
    readonly exclusions?: {
      readonly scheduledMaintenanceNoticeDays?: number | null;
      readonly customerCaused?: boolean | null;
      readonly forceMajeure?: boolean | null;
    } | null;
    readonly noCommitmentReason?: string | null;
  };
  readonly serviceCredits?:
    | (ControlsInput & {
        readonly schedules: readonly {
          readonly scope?: ScopeInput | null;
          readonly tiers: readonly { readonly belowPercent: number; readonly creditPercent: number }[];
          readonly claimWindowMonths: number;
          readonly capPercent: number;
        }[];
      })
    | null;
  readonly support?:
    | (ControlsInput & {
        readonly targets: readonly { readonly severity: Severity; readonly firstResponse: DurationInput; readonly hours?: SupportHours | null }[];
      })
    | null;
  readonly incidentNotification?: (ControlsInput & { readonly within: DurationInput; readonly personalDataWithin?: DurationInput | null }) | null;
  readonly recovery?:
    | (ControlsInput & {
        readonly rto?: DurationInput | null;
        readonly rpo?: DurationInput | null;
        readonly backupFrequency?: DurationInput | null;
        readonly backupRetention?: DurationInput | null;
      })
    | null;
  readonly dataOnTermination?: (ControlsInput & { readonly exportWindow: DurationInput; readonly deletionDeadline: DurationInput }) | null;
  readonly changeNotice?: (ControlsInput & { readonly notice: DurationInput }) | null;
}

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

const scopeOf = (input: ScopeInput | null | undefined): CommitmentScope => ({ region: text(input?.region)?.toLowerCase() ?? null, tier: text(input?.tier) });
const duration = (d: DurationInput): Duration => ({ value: d.value, unit: d.unit });
const maybe = (d: DurationInput | null | undefined): Duration | null => (d ? duration(d) : null);
const controls = (kind: CommitmentKind, input: ControlsInput): string[] =>
  input.controlIds ? [...new Set(input.controlIds.map((id) => id.trim()).filter(Boolean))] : [...DEFAULT_COMMITMENT_CONTROLS[kind]];

/** The commitments as stored, from the mutation's input. */
export function commitmentsFromInput(input: CommitmentsInput): Commitments {
  const a = input.availability;
  const { serviceCredits: credits, support, incidentNotification: notification, recovery, dataOnTermination: termination, changeNotice } = input;
  return {
    stated: true,
    availability: {
      targets: (a.targets ?? []).map((t) => ({ scope: scopeOf(t.scope), targetPercent: t.targetPercent })),
      downtime: a.downtime
        ? { errorRatePercent: a.downtime.errorRatePercent, consecutiveMinutes: a.downtime.consecutiveMinutes, description: text(a.downtime.description) }
        : null,
      exclusions: {
        scheduledMaintenanceNoticeDays: a.exclusions?.scheduledMaintenanceNoticeDays ?? null,
        customerCaused: a.exclusions?.customerCaused ?? false,
        forceMajeure: a.exclusions?.forceMajeure ?? false,
      },
      noCommitmentReason: text(a.noCommitmentReason),
      controlIds: controls('availability', a),
    },
    serviceCredits: credits
      ? {
          schedules: credits.schedules.map((s) => ({
            scope: s.scope ? scopeOf(s.scope) : null,
            tiers: s.tiers.map((t) => ({ belowPercent: t.belowPercent, creditPercent: t.creditPercent })),
            claimWindowMonths: s.claimWindowMonths,
            capPercent: s.capPercent,
          })),
          controlIds: controls('serviceCredits', credits),
        }
      : null,
    support: support
      ? {
          targets: support.targets.map((t) => ({ severity: t.severity, firstResponse: duration(t.firstResponse), hours: t.hours ?? 'ALWAYS' })),
          controlIds: controls('support', support),
        }
      : null,
    incidentNotification: notification
      ? {
          within: duration(notification.within),
          personalDataWithin: maybe(notification.personalDataWithin),
          controlIds: controls('incidentNotification', notification),
        }
      : null,
    recovery: recovery
      ? {
          rto: maybe(recovery.rto),
          rpo: maybe(recovery.rpo),
          backupFrequency: maybe(recovery.backupFrequency),
          backupRetention: maybe(recovery.backupRetention),
          controlIds: controls('recovery', recovery),
        }
      : null,
    dataOnTermination: termination
      ? {
          exportWindow: duration(termination.exportWindow),
          deletionDeadline: duration(termination.deletionDeadline),
          controlIds: controls('dataOnTermination', termination),
        }
      : null,
    changeNotice: changeNotice ? { notice: duration(changeNotice.notice), controlIds: controls('changeNotice', changeNotice) } : null,
  };
}

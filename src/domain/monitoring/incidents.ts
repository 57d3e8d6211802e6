import { minutesOf, type IncidentNotification, type Severity, type SupportTarget } from '../contracts/commitments';
import type { IncidentContent } from './items';

// A month's incidents against the contract: the support first-response target of each severity
// (ISO/IEC 27017 16.1.1) and, for security-relevant incidents, the window within which customers
// are told (16.1.2; the personal-data window when personal data is affected). Elapsed time from
// detection; an answer still missing once its deadline passed is late by the time since. Support
// hours (BUSINESS_HOURS) are not modelled: every target is measured around the clock.

export type IncidentTargetKind = 'FIRST_RESPONSE' | 'CUSTOMER_NOTIFICATION';

export interface LateIncident {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly target: IncidentTargetKind;
  readonly targetMinutes: number;
  readonly due: string;
  /** When it happened; null: still not done. */
  readonly doneAt: string | null;
  readonly lateMinutes: number;
}

export interface IncidentReview {
  readonly count: number;
  readonly securityRelevant: number;
  readonly checked: number;
  readonly late: readonly LateIncident[];
  readonly incidents: readonly (IncidentContent & { readonly id: string })[];
}

const MINUTE_MS = 60_000;

export function reviewIncidents(
  incidents: ReadonlyMap<string, IncidentContent>,
  commitments: { readonly support: readonly SupportTarget[]; readonly notification: IncidentNotification | null },
  now: Date,
): IncidentReview {
  const late: LateIncident[] = [];
  let checked = 0;
  const list = [...incidents].map(([id, i]) => ({ ...i, id })).sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.id.localeCompare(b.id));
  for (const i of list) {
    const check = (target: IncidentTargetKind, minutes: number, doneAt: string | null) => {
      checked++;
      const due = Date.parse(i.detectedAt) + minutes * MINUTE_MS;
      const at = doneAt === null ? now.getTime() : Date.parse(doneAt);
      if (at > due)
        late.push({
          id: i.id,
          title: i.title,
          severity: i.severity,
          target,
          targetMinutes: minutes,
          due: new Date(due).toISOString(),
          doneAt,
          lateMinutes: Math.ceil((at - due) / MINUTE_MS),
        });
    };
    const support = commitments.support.find((t) => t.severity === i.severity);
    if (support) check('FIRST_RESPONSE', minutesOf(support.firstResponse), i.firstResponseAt);
    const n = commitments.notification;
    if (n && i.securityRelevant)
      check('CUSTOMER_NOTIFICATION', minutesOf(i.personalData && n.personalDataWithin ? n.personalDataWithin : n.within), i.customerNotifiedAt);
  }
  return { count: list.length, securityRelevant: list.filter((i) => i.securityRelevant).length, checked, late, incidents: list };
}

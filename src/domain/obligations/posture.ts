import type { Catalogue } from '../catalogue/catalogue';
import { TRACKING_STATUSES, type TrackingStatus } from './tracking';

// How far a customer has got with what it inherited: counts per tracking status and the share
// implemented, for the whole stack and per clause (the way auditors walk ISO/IEC 27017).

export interface StatusCounts {
  readonly total: number;
  readonly byStatus: Readonly<Record<TrackingStatus, number>>;
}

export interface Posture extends StatusCounts {
  /**
   * IMPLEMENTED / (total - NOT_APPLICABLE), from 0 to 1. Obligations the customer has declared
   * NOT_APPLICABLE are out of the denominator: they are settled, not done. Null when nothing applies
   * (no obligations, or all NOT_APPLICABLE): 0 % and 100 % would both mislead.
   */
  readonly implementedShare: number | null;
}

export interface ClausePosture {
  readonly clauseNumber: string;
  readonly title: string;
  readonly posture: Posture;
}

export interface PostureSummary {
  readonly overall: Posture;
  /** Every catalogue clause in order, including those with no obligations (shown as empty). */
  readonly byClause: readonly ClausePosture[];
}

export function countStatuses(items: readonly { readonly status: TrackingStatus }[]): StatusCounts {
  const byStatus = Object.fromEntries(TRACKING_STATUSES.map((s) => [s, 0])) as Record<TrackingStatus, number>;
  for (const item of items) byStatus[item.status] += 1;
  return { total: items.length, byStatus };
}

export function posture(items: readonly { readonly status: TrackingStatus }[]): Posture {
  const counts = countStatuses(items);
  const applicable = counts.total - counts.byStatus.NOT_APPLICABLE;
  return { ...counts, implementedShare: applicable === 0 ? null : counts.byStatus.IMPLEMENTED / applicable };
}

/** The posture of a set of inherited obligations (see inherited.ts), overall and clause by clause. */
export function postureSummary(
  catalogue: Pick<Catalogue, 'clauses'>,
  obligations: readonly { readonly status: TrackingStatus; readonly clauseNumber: string }[],
): PostureSummary {
  const byClause = new Map<string, { readonly status: TrackingStatus }[]>();
  for (const o of obligations) {
    const list = byClause.get(o.clauseNumber);
    if (list) list.push(o);
    else byClause.set(o.clauseNumber, [o]);
  }
  return {
    overall: posture(obligations),
    byClause: catalogue.clauses.map((clause) => ({
      clauseNumber: clause.number,
      title: clause.title,
      posture: posture(byClause.get(clause.number) ?? []),
    })),
  };
}

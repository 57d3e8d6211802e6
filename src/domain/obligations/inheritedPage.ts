import type { Catalogue } from '../catalogue/catalogue';
import type { Page } from '../pagination';
import { entryFields, inheritedObligation, obligationMatcher, versionObligations, type InheritedObligation, type InheritedObligationFilter } from './inherited';
import { cursorPlace, OBLIGATION_PAGE, obligationWeight, pageOf, type ObligationPageRequest } from './paging';
import type { StatusCounts } from './posture';
import type { StackEntry, StackService } from './stack';
import { trackedByService, trackingStatus, TRACKING_STATUSES, type TrackingRecord, type TrackingStatus } from './tracking';

// A page of a customer's inherited obligations and the counts of all that match the filter, in one
// walk over the stack that builds only the page's obligations. Building every one first (12,000 for 25
// contracts with every text at its limit, 23,000 for 250 subscriptions) to return 500 was most of a
// page's domain time (issue 11). The answer is the one inheritedObligations, filterInheritedObligations,
// obligationPage and countStatuses give together (test/unit/obligations/inheritedPage.test.ts).

export interface InheritedObligationPage<S extends StackService> {
  readonly page: Page<InheritedObligation<S>>;
  /** Every obligation matching the filter, counted by status. */
  readonly counts: StatusCounts;
}

/** `stack` in page order (by service id, see paging.ts `byServiceId`). */
export function inheritedObligationPage<S extends StackService>(
  catalogue: Pick<Catalogue, 'controls' | 'control' | 'clauses'>,
  stack: readonly StackEntry<S>[],
  records: readonly TrackingRecord[],
  filter: InheritedObligationFilter | null | undefined,
  request: ObligationPageRequest,
): InheritedObligationPage<S> {
  const tracked = trackedByService(records);
  const matches = obligationMatcher(filter);
  const cursor = request.after ? cursorPlace(catalogue, request.after) : null;
  const entries = stack.map(entryFields);
  const versions = stack.map((entry) => versionObligations(catalogue, entry.contract));
  const byStatus = Object.fromEntries(TRACKING_STATUSES.map((s) => [s, 0])) as Record<TrackingStatus, number>;
  const nodes: InheritedObligation<S>[] = [];
  let total = 0;
  let before = 0;
  let bytes = 0;
  let started = cursor === null;
  let ended = false;
  // Catalogue order of the controls, then the stack's order, then the line's: the page order.
  for (let rank = 0; rank < catalogue.controls.length; rank++) {
    for (let e = 0; e < entries.length; e++) {
      const bucket = versions[e]![rank];
      if (!bucket) continue;
      const entry = entries[e]!;
      const statuses = tracked.get(entry.serviceId);
      // A line nothing tells apart (no filter, no status recorded on its service: every obligation
      // NOT_STARTED and matching) is only counted, unless the page starts or fills in it. The page
      // is a few hundred obligations of 12,000-23,000, whose visits one by one cost a large screen's
      // walk most of its time (issue 11: 6 of its 7 ms, for 25 contracts with every text at its limit).
      if (!matches && !statuses && (ended || (!started && cursor!.lineBefore(rank, entry.serviceId)))) {
        total += bucket.length;
        byStatus.NOT_STARTED += bucket.length;
        if (!started) before += bucket.length;
        continue;
      }
      for (const obligation of bucket) {
        const tracking = statuses?.get(obligation.obligationId) ?? null;
        const status = trackingStatus(tracking);
        if (matches && !matches(obligation.clauseNumber, entry.serviceId, obligation.ownership, status)) continue;
        total += 1;
        byStatus[status] += 1;
        if (ended) continue;
        if (!started) {
          started = cursor!.after(rank, entry.serviceId, obligation.lineIndex, obligation.obligationId);
          if (!started) {
            before += 1;
            continue;
          }
        }
        // Up to `size`, ending early at the byte budget (always at least one): as obligationPage.
        if (nodes.length < request.size) bytes += obligationWeight(obligation.obligation, tracking);
        ended = nodes.length >= request.size || (nodes.length > 0 && bytes > OBLIGATION_PAGE.budgetBytes);
        if (!ended) nodes.push(inheritedObligation(entry, obligation, tracking));
      }
    }
  }
  return { page: pageOf(nodes, before, total), counts: { total, byStatus } };
}

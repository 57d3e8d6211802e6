import type { Catalogue } from '../catalogue/catalogue';
import { badInput } from '../errors';
import { decodeCursor, encodeCursor, type Page } from '../pagination';
import type { InheritedObligation } from './inherited';

// Paging a customer's inherited obligations. The order is the one the clause view has always shown:
// the catalogue's order of controls, then the service (by id), then the contract's own order of the
// control's obligations. A cursor names its obligation by that key (control, service, place in the
// line) and its id, so the next page starts right after it even when obligations before it were
// added or removed since, or the obligation itself is gone (a page starts at the first key after it).
// Cursors are checked, like `first`, before anything is read.

export const OBLIGATION_PAGE = {
  /** Obligations a page holds when `first` is not given. */
  defaultSize: 100,
  /** The largest `first`: a screen's worth, and a page that stays far below the response limit. */
  maxSize: 500,
  /**
   * What a page's obligations may carry of their own (text, relays, tracking: the parts that grow
   * with long texts), in bytes of JSON. A page ends early at this budget, so even 500 obligations
   * at every text limit, each with a fully written tracking record, fit well inside the 5 MB
   * response limit beside the fields a client selects around them.
   */
  budgetBytes: 2_000_000,
} as const;

const KIND = 'obligations';

export interface ObligationPageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** The key a cursor carries: an obligation's place in the order, and its id. */
export interface ObligationCursor {
  readonly controlId: string;
  readonly serviceId: string;
  readonly lineIndex: number;
  readonly obligationId: string;
}

export interface ObligationPageRequest {
  readonly size: number;
  readonly after: ObligationCursor | null;
}

const cursorOf = (o: InheritedObligation): string => encodeCursor(KIND, JSON.stringify([o.controlId, o.serviceId, o.lineIndex, o.obligation.id]));

const badCursor = (message: string) =>
  badInput(`The "after" cursor is not one this list returned (${message}); pass an endCursor from a previous page.`, [
    { path: 'after', message: 'unknown cursor' },
  ]);

/** `first` and `after` checked (BAD_USER_INPUT naming the argument), before any read. */
export function obligationPageRequest(catalogue: Pick<Catalogue, 'control'>, args: ObligationPageArgs): ObligationPageRequest {
  const { first, after } = args;
  if (first != null && (!Number.isInteger(first) || first < 1 || first > OBLIGATION_PAGE.maxSize)) {
    throw badInput(`"first" must be a whole number from 1 to ${OBLIGATION_PAGE.maxSize}; got ${first}.`, [
      { path: 'first', message: `must be 1..${OBLIGATION_PAGE.maxSize}` },
    ]);
  }
  const size = first ?? OBLIGATION_PAGE.defaultSize;
  if (after == null) return { size, after: null };
  let key: unknown;
  try {
    key = JSON.parse(decodeCursor(KIND, after));
  } catch (error) {
    if (error instanceof SyntaxError) throw badCursor('unreadable');
    throw error;
  }
  if (!Array.isArray(key) || key.length !== 4) throw badCursor('unreadable');
  const [controlId, serviceId, lineIndex, obligationId] = key as unknown[];
  if (typeof controlId !== 'string' || !catalogue.control(controlId)) throw badCursor('no such control');
  if (typeof serviceId !== 'string' || typeof obligationId !== 'string' || !Number.isInteger(lineIndex) || (lineIndex as number) < 0)
    throw badCursor('unreadable');
  return { size, after: { controlId, serviceId, lineIndex: lineIndex as number, obligationId } };
}

/** Stack entries in the order pages follow: by service id (as the customer's partition lists them). */
export const byServiceId = (a: { readonly service: { readonly id: string } }, b: { readonly service: { readonly id: string } }) =>
  a.service.id < b.service.id ? -1 : a.service.id > b.service.id ? 1 : 0;

// What an obligation of a published version weighs in a response is computed once per obligation
// object (versions are cached and never change); tracking is the customer's, measured per page.
const weights = new WeakMap<object, number>();
const NODE_OVERHEAD_BYTES = 200;
export function obligationWeight(obligation: InheritedObligation['obligation'], tracking: InheritedObligation['tracking']): number {
  let own = weights.get(obligation);
  if (own === undefined) weights.set(obligation, (own = Buffer.byteLength(JSON.stringify(obligation))));
  return own + (tracking ? Buffer.byteLength(JSON.stringify(tracking)) : 0) + NODE_OVERHEAD_BYTES;
}

/** Where a cursor sits in the page order: a control's catalogue rank, then the service, then the place in the line. */
export interface CursorPlace {
  /** Whether an obligation at this place (its control's rank, service, place in the line) comes after the cursor. */
  readonly after: (rank: number, serviceId: string, lineIndex: number, obligationId: string) => boolean;
  /** Whether every obligation of a control's line in one service's version comes before the cursor: false wherever `after` could be true for one of them. */
  readonly lineBefore: (rank: number, serviceId: string) => boolean;
}

export function cursorPlace(catalogue: Pick<Catalogue, 'controls'>, cursor: ObligationCursor): CursorPlace {
  const { controlId, serviceId, lineIndex, obligationId } = cursor;
  const cursorRank = catalogue.controls.findIndex((c) => c.id === controlId);
  return {
    after: (rank, service, index, id) => {
      if (rank !== cursorRank) return rank > cursorRank;
      if (service !== serviceId) return service > serviceId;
      if (index !== lineIndex) return index > lineIndex;
      // The same place: the cursor's own obligation comes before; another one now there comes after.
      return id !== obligationId;
    },
    lineBefore: (rank, service) => rank < cursorRank || (rank === cursorRank && service < serviceId),
  };
}

/** The page of `nodes`, with `before` matching obligations ahead of it and `total` in all. */
export function pageOf<O extends InheritedObligation>(nodes: readonly O[], before: number, total: number): Page<O> {
  const edges = nodes.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: before + nodes.length < total,
      hasPreviousPage: before > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: total,
  };
}

/**
 * One page of `items` (in page order, see inheritedObligations): up to `size` after the cursor's
 * key, ending early when the page's own bytes reach the budget (always at least one obligation).
 * inheritedPage.ts builds the same page without the whole list.
 */
export function obligationPage<O extends InheritedObligation>(
  catalogue: Pick<Catalogue, 'controls'>,
  items: readonly O[],
  request: ObligationPageRequest,
): Page<O> {
  let start = 0;
  if (request.after) {
    const rank = new Map(catalogue.controls.map((c, i) => [c.id, i]));
    const { after } = cursorPlace(catalogue, request.after);
    start = items.findIndex((o) => after(rank.get(o.controlId)!, o.serviceId, o.lineIndex, o.obligation.id));
    if (start < 0) start = items.length;
  }
  const nodes: O[] = [];
  let bytes = 0;
  for (let i = start; i < items.length && nodes.length < request.size; i++) {
    const o = items[i]!;
    bytes += obligationWeight(o.obligation, o.tracking);
    if (nodes.length > 0 && bytes > OBLIGATION_PAGE.budgetBytes) break;
    nodes.push(o);
  }
  return pageOf(nodes, start, items.length);
}

import { badInput } from './errors';

// Relay-style connections. Cursors are opaque to clients (base64url) so that what they encode can
// change without breaking anyone; they are validated on the way back in.

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface Page<T> {
  readonly edges: Array<{ readonly node: T; readonly cursor: string }>;
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
  readonly totalCount: number;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`"first" must be a whole number from 1 to ${MAX_PAGE_SIZE}; got ${first}.`, [{ path: 'first', message: `must be 1..${MAX_PAGE_SIZE}` }]);
  }
  return first;
}

export function encodeCursor(kind: string, value: string): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(`${kind}:`)) {
    throw badInput('The "after" cursor is not one this list returned; pass an endCursor from a previous page.', [{ path: 'after', message: 'unknown cursor' }]);
  }
  return decoded.slice(kind.length + 1);
}

/** Pages through a list already in memory, keyed by a stable id. */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string, kind: string, args: PageArgs): Page<T> {
  const size = pageSize(args.first);
  let start = 0;
  if (args.after != null) {
    const key = decodeCursor(kind, args.after);
    const at = items.findIndex((item) => keyOf(item) === key);
    if (at < 0) throw badInput('The "after" cursor points at nothing in this list; start again without it.', [{ path: 'after', message: 'stale cursor' }]);
    start = at + 1;
  }
  const slice = items.slice(start, start + size);
  const edges = slice.map((node) => ({ node, cursor: encodeCursor(kind, keyOf(node)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + size < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: items.length,
  };
}

/**
 * A page read from the store in key order: `next` is set when more items follow. The cursor of each
 * node encodes its sort key, so the next page starts just after the last one returned.
 */
export function keysetPage<T>(
  items: readonly T[],
  next: string | null,
  after: string | null | undefined,
  kind: string,
  sortKeyOf: (item: T) => string,
): Omit<Page<T>, 'totalCount'> {
  const edges = items.map((node) => ({ node, cursor: encodeCursor(kind, sortKeyOf(node)) }));
  return {
    edges,
    pageInfo: { hasNextPage: next !== null, hasPreviousPage: after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

import type { Catalogue } from '../domain/catalogue/catalogue';
import type { Caller } from '../domain/identity/caller';
import type { Loaders } from '../store/loaders';
import type { Store } from '../store/store';

/**
 * What every use case receives, passed in rather than reached for: who is asking, the catalogue,
 * the store (reads and the one write path), per-request loaders, and the clock and id source, so a
 * use case runs the same under GraphQL, in the demo seed, or in a test with a fixed clock.
 */
export interface AppContext {
  readonly caller: Caller;
  readonly catalogue: Catalogue;
  readonly store: Store;
  readonly loaders: Loaders;
  readonly clock: () => Date;
  readonly newId: () => string;
  /** Per-request memo for derived views several fields share (a customer's stack, a supply chain). */
  readonly memo: Map<string, Promise<unknown>>;
}

/** Computes `key` once per request, however many resolvers ask for it. */
export function memoized<T>(context: AppContext, key: string, compute: () => Promise<T>): Promise<T> {
  let value = context.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    context.memo.set(key, value);
  }
  return value;
}

/** The current instant as stored (ISO-8601, UTC). */
export const nowIso = (context: AppContext): string => context.clock().toISOString();

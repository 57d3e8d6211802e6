import type { Catalogue } from '../domain/catalogue/catalogue';
import type { Caller } from '../domain/identity/caller';
import type { Loaders } from '../store/loaders';
import type { Store } from '../store/store';

/** What every resolver receives: who is asking, and the means to answer. */
export interface GraphQLContext {
  readonly caller: Caller;
  readonly requestId: string;
  readonly catalogue: Catalogue;
  readonly store: Store;
  readonly loaders: Loaders;
  /** Per-request memo for derived views (a customer's stack, a supply chain) several fields share. */
  readonly memo: Map<string, Promise<unknown>>;
}

/** Computes `key` once per request, however many resolvers ask for it. */
export function memoized<T>(context: GraphQLContext, key: string, compute: () => Promise<T>): Promise<T> {
  let value = context.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    context.memo.set(key, value);
  }
  return value;
}

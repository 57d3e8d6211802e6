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
}

import DataLoader from 'dataloader';
import type { Organization } from '../domain/organizations/organization';
import type { Store } from './store';

/**
 * Per-request batching: every organization a response mentions is fetched in one BatchGetItem,
 * however many fields ask for it. Built per request so one caller's cache never serves another.
 */
export function createLoaders(store: Store) {
  return {
    organization: new DataLoader<string, Organization | null>((ids) => store.organizations.getMany(ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

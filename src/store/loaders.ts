import DataLoader from 'dataloader';
import type { ContractVersion } from '../domain/contracts/version';
import type { Organization } from '../domain/organizations/organization';
import type { StoredService } from './services';
import type { Store } from './store';

/**
 * Per-request batching: every organization a response mentions is fetched in one BatchGetItem,
 * however many fields ask for it. Built per request so one caller's cache never serves another.
 */
export function createLoaders(store: Store) {
  return {
    organization: new DataLoader<string, Organization | null>((ids) => store.organizations.getMany(ids)),
    service: new DataLoader<string, StoredService | null>((ids) => store.services.getMany(ids)),
    /** Keys are "serviceId#version"; published versions also sit in the store's warm cache. */
    contractVersion: new DataLoader<string, ContractVersion | null>((keys) =>
      store.contracts.getVersions(
        keys.map((key) => {
          const at = key.lastIndexOf('#');
          return { serviceId: key.slice(0, at), version: Number(key.slice(at + 1)) };
        }),
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

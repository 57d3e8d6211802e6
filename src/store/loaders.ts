import DataLoader from 'dataloader';
import type { ContractVersion } from '../domain/contracts/version';
import type { Organization } from '../domain/organizations/organization';
import { versionRefKey, type VersionRef } from './contracts';
import type { StoredService } from './services';
import type { Store } from './store';

/**
 * Per-request batching: every organization, service or contract version a response mentions is
 * fetched in one BatchGetItem however many fields ask for it. Built per request so one caller's
 * cache never serves another (published versions also sit in the store's warm cache).
 */
export function createLoaders(store: Store) {
  return {
    organization: new DataLoader<string, Organization | null>((ids) => store.organizations.getMany(ids)),
    service: new DataLoader<string, StoredService | null>((ids) => store.services.getMany(ids)),
    contractVersion: new DataLoader<VersionRef, ContractVersion | null, string>((refs) => store.contracts.getVersions(refs), { cacheKeyFn: versionRefKey }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

import DataLoader from 'dataloader';
import type { ContractVersion } from '../domain/contracts/version';
import { notFound } from '../domain/errors';
import type { Organization } from '../domain/organizations/organization';
import { versionChunkCount, versionRefKey, type PublishedVersionSummary, type StoredDraft, type VersionRef } from './contracts';
import type { StoredService } from './services';
import type { Store } from './store';

/**
 * Per-request batching: every organization, service or contract version a response mentions is
 * fetched in one BatchGetItem however many fields ask for it. Built per request so one caller's
 * cache never serves another (published versions also sit in the store's warm cache).
 */
export function createLoaders(store: Store, { callerOrganizationId = null }: { callerOrganizationId?: string | null } = {}) {
  const servicesRead = new Map<string, StoredService>();
  const service = new DataLoader<string, StoredService | null>(async (ids) => {
    const found = await store.services.getMany(ids);
    for (const read of found) if (read) servicesRead.set(read.id, read);
    return found;
  });
  return {
    // The caller's own organization comes from its token, not from stored data: when Onus does not
    // know it, every view built on it fails the same clear way (NOT_FOUND naming the token's claim)
    // instead of as a missing stored reference (an internal error).
    organization: new DataLoader<string, Organization | null>(async (ids) =>
      (await store.organizations.getMany(ids)).map(
        (organization, i) => organization ?? (ids[i] === callerOrganizationId ? unknownCallerOrganization(ids[i]!) : null),
      ),
    ),
    service,
    /**
     * A service a use case read itself (fresh, for a write): later reads of it in the request use it,
     * and so do its versions' reads (their chunk counts).
     */
    primeService(read: StoredService) {
      servicesRead.set(read.id, read);
      service.clear(read.id).prime(read.id, read);
    },
    // A version's chunk count is on its service item, which the request has read to learn the version.
    contractVersion: new DataLoader<VersionRef, ContractVersion | null, string>(
      (refs) => store.contracts.getVersions(refs, (ref) => versionChunkCount(servicesRead.get(ref.serviceId), ref.version)),
      { cacheKeyFn: versionRefKey },
    ),
    /** Drafts by service id: `draft` on a list of services (or under aliases) is one BatchGetItem. */
    draft: new DataLoader<string, StoredDraft | null>((serviceIds) => store.contracts.getDrafts(serviceIds)),
    /**
     * Version summaries by service id. Each service's summaries are a Query of its own partition
     * (DynamoDB has no batched Query), so the loader cannot merge them into one call; it asks for
     * each service once per request however many fields name it, and runs at most
     * VERSION_LIST_CONCURRENCY Queries at a time, so a long list of services cannot exhaust the
     * SDK's connection pool. The request's DynamoDB call budget bounds how many there are.
     */
    contractVersions: new DataLoader<string, PublishedVersionSummary[]>((serviceIds) =>
      inBatches(serviceIds, VERSION_LIST_CONCURRENCY, (id) => store.contracts.listVersions(id)),
    ),
  };
}

const unknownCallerOrganization = (id: string) =>
  notFound(
    `Your token names organization "${id}" (claim org_id), which Onus does not know. Ask your identity provider's administrator to set org_id to your organization's Onus id.`,
  );

const VERSION_LIST_CONCURRENCY = 8;

/** `work` for every item, at most `size` at a time, answers in the items' order. */
async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

export type Loaders = ReturnType<typeof createLoaders>;

import type { AppContext } from '../../src/app/context';
import { Catalogue } from '../../src/domain/catalogue/catalogue';
import { OnusError } from '../../src/domain/errors';
import type { Caller, Role } from '../../src/domain/identity/caller';
import { createDocumentClient } from '../../src/store/client';
import { createLoaders } from '../../src/store/loaders';
import { Store } from '../../src/store/store';
import { freshTable } from './localDatabase';

// Use cases run without GraphQL: a context built by hand, with a fixed clock and predictable ids,
// over a fresh table of the test run's DynamoDB Local.

export interface UseCaseWorld {
  readonly store: Store;
  /** A new request's context for `caller` (fresh loaders and memo, as each request gets). */
  as(caller: Caller): AppContext;
  /** Moves the fixed clock. */
  setNow(iso: string): void;
}

export async function useCaseWorld(options: { readonly versionCacheBytes?: number } = {}): Promise<UseCaseWorld> {
  const { endpoint, tableName } = await freshTable('app');
  const client = createDocumentClient({ region: 'us-east-1', endpoint, maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 5000 });
  const store = new Store(client, tableName, options);
  const catalogue = new Catalogue();
  let now = new Date('2026-11-29T09:00:00.000Z');
  let next = 0;
  return {
    store,
    as: (caller) => ({
      caller,
      catalogue,
      store,
      loaders: createLoaders(store),
      clock: () => now,
      newId: () => `id-${String(++next).padStart(4, '0')}`,
      memo: new Map(),
    }),
    setNow: (iso) => (now = new Date(iso)),
  };
}

export const caller = (organizationId: string | null, ...roles: Role[]): Caller => ({
  subject: `${roles[0]?.toLowerCase() ?? 'nobody'}@${organizationId ?? 'onus'}`,
  organizationId,
  roles: new Set(roles),
  name: null,
  email: null,
});

/** The OnusError a use case must refuse with (fails the test if it succeeds or throws anything else). */
export async function refusal(work: Promise<unknown>): Promise<OnusError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OnusError);
  return error as OnusError;
}

import { currentContract } from '../../src/app/contracts/readContracts';
import { publishContractDraft } from '../../src/app/contracts/publishContractDraft';
import { setResponsibilities } from '../../src/app/contracts/setResponsibilities';
import { startContractDraft } from '../../src/app/contracts/startContractDraft';
import { createOrganization } from '../../src/app/organizations/createOrganization';
import { createCloudService } from '../../src/app/services/createCloudService';
import type { ContractVersion } from '../../src/domain/contracts/version';
import type { Caller } from '../../src/domain/identity/caller';
import { metered } from '../../src/store/metering';
import type { StoredService } from '../../src/store/services';
import { caller, useCaseWorld, type UseCaseWorld } from '../helpers/appContext';

// A warm function keeps published versions in memory, bounded by the bytes they take, not by their
// number: one provider publishing huge contracts must not push a container out of memory. Measured
// here by what reads cost in DynamoDB calls: a cached version costs none.

const BUDGET = 400 * 1024; // 400 KiB of cache for this test's store

describe('the warm cache of published versions', () => {
  let world: UseCaseWorld;
  let admin: Caller;

  const publish = async (name: string, statementLength: number): Promise<StoredService> => {
    const service = await createCloudService(world.as(admin), { name, serviceModel: 'SAAS', deploymentModel: 'PUBLIC' });
    const draft = await startContractDraft(world.as(admin), service.id, 'TEMPLATE');
    // Long provider statements on every provider line make the body as large as the test needs.
    const long = draft.responsibilities
      .filter((r) => r.providerStatement)
      .slice(0, 100)
      .map((r) => ({ controlId: r.controlId, ownership: r.ownership, providerStatement: `${r.controlId} `.padEnd(statementLength, 'x') }));
    const saved = long.length ? await setResponsibilities(world.as(admin), service.id, draft.revision, long) : draft;
    await publishContractDraft(world.as(admin), service.id, saved.revision, 'Published');
    return (await world.store.services.get(service.id))!;
  };
  /** Reads the current contract in a new request; returns it with the DynamoDB calls it took. */
  const read = async (service: StoredService): Promise<{ contract: ContractVersion | null; calls: number }> => {
    const { result, meter } = await metered(() => currentContract(world.as(admin), service));
    return { contract: result, calls: meter.calls };
  };

  beforeAll(async () => {
    world = await useCaseWorld({ versionCacheBytes: BUDGET });
    const org = await createOrganization(world.as(caller(null, 'PLATFORM_ADMIN')), { name: 'Cache Cloud', kinds: ['PROVIDER'] });
    admin = caller(org.id, 'PROVIDER_ADMIN');
  });

  it('serves a version read once from memory afterwards', async () => {
    const small = await publish('Small contract', 200);
    expect((await read(small)).calls).toBe(1);
    const again = await read(small);
    expect(again.calls).toBe(0);
    expect(again.contract?.responsibilities).toHaveLength(121);
  });

  it('still answers with a version larger than the whole cache, without keeping it', async () => {
    const huge = await publish('Huge contract', 3_500); // ~350 KB of text and the rest of the body: over 500 KB in memory
    const first = await read(huge);
    expect(first.contract?.responsibilities).toHaveLength(121);
    expect(first.calls).toBe(1);
    expect((await read(huge)).calls).toBe(1);
  });

  it('evicts the least recently used versions once their bytes exceed the budget', async () => {
    const services = [];
    for (let i = 0; i < 6; i++) services.push(await publish(`Medium contract ${i}`, 1_000)); // ~100 KB of text each, ~200 KB in memory
    for (const s of services) await read(s);
    // Six of them take ~1.2 MB: only the most recently read fit in 400 KiB.
    expect((await read(services[5]!)).calls).toBe(0);
    expect((await read(services[0]!)).calls).toBe(1);
  });
});

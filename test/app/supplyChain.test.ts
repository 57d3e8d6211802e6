import { confirmUpstreamHandlings } from '../../src/app/contracts/confirmUpstreamHandlings';
import { draftProblems } from '../../src/app/contracts/draftProblems';
import { publishContractDraft } from '../../src/app/contracts/publishContractDraft';
import { setResponsibilities } from '../../src/app/contracts/setResponsibilities';
import { startContractDraft } from '../../src/app/contracts/startContractDraft';
import { performersOf } from '../../src/app/obligations/performers';
import { createOrganization } from '../../src/app/organizations/createOrganization';
import { createCloudService } from '../../src/app/services/createCloudService';
import { subscribe } from '../../src/app/subscriptions/subscribe';
import { readSupplyChain } from '../../src/app/supplyChain';
import type { Caller } from '../../src/domain/identity/caller';
import type { ServiceModel } from '../../src/domain/services/service';
import { MAX_CHAIN_DEPTH } from '../../src/domain/services/supplyChain';
import type { StoredService } from '../../src/store/services';
import { caller, useCaseWorld, type UseCaseWorld } from '../helpers/appContext';

// The one supply-chain reader: what drafts, validation and performers read below a service, and
// what it says when the chain cannot be read. Broken chains cannot be made through the API (it
// refuses unknown upstreams and loops), so these tests corrupt the stored links directly, as a bad
// migration or a restored backup could.

describe('reading a supply chain', () => {
  let world: UseCaseWorld;
  let admin: Caller;

  const service = async (name: string, upstreamServiceIds: string[] = [], serviceModel: ServiceModel = 'PAAS') =>
    createCloudService(world.as(admin), { name, serviceModel, deploymentModel: 'PUBLIC', regions: ['eu-west-1'], upstreamServiceIds });
  const publishTemplate = async (s: StoredService) => {
    const draft = await startContractDraft(world.as(admin), s.id, 'TEMPLATE');
    const confirmed = await confirmUpstreamHandlings(world.as(admin), s.id, draft.revision, null);
    return publishContractDraft(world.as(admin), s.id, confirmed.revision, 'First');
  };
  /** Rewrites a service's upstream links behind the API's back. */
  const relink = async (id: string, upstreamServiceIds: string[]) => {
    const previous = (await world.store.services.get(id))!;
    const corrupted = { ...previous, upstreamServiceIds, updatedAt: new Date().toISOString() };
    await world.store.commit({
      changes: [{ kind: 'service.replace', service: corrupted, previous }],
      audit: world.as(admin) && {
        id: `fix-${id}`,
        at: corrupted.updatedAt,
        action: 'test.relink',
        actor: { subject: 'test', organizationId: null, roles: [] },
        target: { type: 'CloudService', id, organizationId: previous.providerOrganizationId },
        summary: 'relinked by a test',
        details: {},
      },
      conflictMessage: 'x',
    });
    return corrupted;
  };

  beforeAll(async () => {
    world = await useCaseWorld();
    const org = await createOrganization(world.as(caller(null, 'PLATFORM_ADMIN')), { name: 'Chain Cloud', kinds: ['PROVIDER', 'CUSTOMER'] });
    admin = caller(org.id, 'PROVIDER_ADMIN', 'CUSTOMER_ADMIN');
  });

  it('reads every published contract below a service, and only its direct upstreams as what it must account for', async () => {
    const iaas = await service('Base IaaS', [], 'IAAS');
    await publishTemplate(iaas);
    const paas = await service('Middle PaaS', [iaas.id]);
    await publishTemplate(paas);
    const unpublished = await service('Draft-only PaaS', [iaas.id]);
    const saas = await service('Top SaaS', [paas.id, unpublished.id]);
    const chain = await readSupplyChain(world.as(admin), saas);
    expect(chain.faults).toEqual([]);
    expect(chain.upstreams.map((u) => u.serviceName)).toEqual(['Middle PaaS']);
    expect([...chain.contracts.values()].map((c) => c.service.name).sort()).toEqual(['Base IaaS', 'Middle PaaS']);
  });

  it('tells a diamond (two paths to one service) from a loop', async () => {
    const base = await service('Diamond base', [], 'IAAS');
    const left = await service('Diamond left', [base.id]);
    const right = await service('Diamond right', [base.id]);
    const top = await service('Diamond top', [left.id, right.id]);
    expect((await readSupplyChain(world.as(admin), top)).faults).toEqual([]);
  });

  it('reports a loop, an unknown upstream and a chain deeper than the limit, and a draft cannot be published over them', async () => {
    const a = await service('Loop A', [], 'IAAS');
    const b = await service('Loop B', [a.id]);
    const c = await service('Loop C', [b.id]);
    await relink(a.id, [c.id]); // C → B → A → C
    const loop = await readSupplyChain(world.as(admin), c);
    expect(loop.faults).toEqual([expect.objectContaining({ reason: 'CYCLE', serviceId: a.id, upstreamServiceId: c.id })]);
    expect(loop.faultMessages[0]).toMatch(/Loop A is built on Loop C, which is itself built on Loop A/);
    const draft = await startContractDraft(world.as(admin), c.id, 'TEMPLATE');
    const problems = await draftProblems(world.as(admin), c, draft.responsibilities);
    expect(problems.filter((p) => p.code === 'BROKEN_SUPPLY_CHAIN')).toEqual([
      { controlId: null, code: 'BROKEN_SUPPLY_CHAIN', message: loop.faultMessages[0] },
    ]);

    const orphan = await relink((await service('Orphan', [], 'SAAS')).id, ['svc-that-never-was']);
    expect((await readSupplyChain(world.as(admin), orphan)).faults).toEqual([
      { reason: 'UNKNOWN_SERVICE', serviceId: orphan.id, upstreamServiceId: 'svc-that-never-was', depth: 1 },
    ]);

    let below = await service('Deep 0', [], 'IAAS');
    for (let i = 1; i <= MAX_CHAIN_DEPTH + 1; i++) below = await service(`Deep ${i}`, [below.id]);
    const deep = await readSupplyChain(world.as(admin), below);
    expect(deep.faults).toEqual([expect.objectContaining({ reason: 'TOO_DEEP', depth: MAX_CHAIN_DEPTH + 1 })]);
    expect(deep.faultMessages[0]).toMatch(/deeper than 10 services/);
  });

  it('says where performers stop when an upstream carrying a control has no published contract', async () => {
    const iaas = await service('Unpublished IaaS', [], 'IAAS');
    const paas = await service('Platform on it', [iaas.id]);
    const draft = await startContractDraft(world.as(admin), paas.id, 'TEMPLATE');
    const saved = await setResponsibilities(world.as(admin), paas.id, draft.revision, [
      {
        controlId: '11.1.1',
        ownership: 'PROVIDER_VIA_UPSTREAM',
        upstreamServiceId: iaas.id,
        providerStatement: 'Unpublished IaaS runs the data centres.',
        customerObligations: [],
      },
    ]);
    await publishContractDraft(world.as(admin), paas.id, saved.revision, 'First');
    const subscription = await subscribe(world.as(admin), { serviceId: paas.id, startDate: '2026-12-01' });
    const performers = await performersOf(world.as(admin), subscription.id, '11.1.1');
    expect(performers.performers).toEqual([]);
    expect(performers.broken).toEqual({ serviceId: paas.id, depth: 0, reason: 'UNKNOWN_SERVICE' });
  });
});

import { confirmUpstreamHandlings } from '../../src/app/contracts/confirmUpstreamHandlings';
import { draftProblems } from '../../src/app/contracts/draftProblems';
import { publishContractDraft } from '../../src/app/contracts/publishContractDraft';
import { reaccountContractDraft } from '../../src/app/contracts/reaccountContractDraft';
import { setResponsibilities } from '../../src/app/contracts/setResponsibilities';
import { startContractDraft } from '../../src/app/contracts/startContractDraft';
import { readInheritedObligations } from '../../src/app/obligations/customerViews';
import { createOrganization } from '../../src/app/organizations/createOrganization';
import { createCloudService } from '../../src/app/services/createCloudService';
import { updateCloudService } from '../../src/app/services/updateCloudService';
import { subscribe } from '../../src/app/subscriptions/subscribe';
import { upstreamHandlingsOf } from '../../src/domain/contracts/responsibility';
import type { ContractDraft } from '../../src/domain/contracts/version';
import { ErrorCode, OnusError } from '../../src/domain/errors';
import type { Caller } from '../../src/domain/identity/caller';
import { caller, useCaseWorld, type UseCaseWorld } from '../helpers/appContext';

// A second-tier provider's accounting for what its upstream asks, as an auditor would check it:
// nothing is "accounted for" until the provider has confirmed it, and what it passes down reaches
// its customers in the upstream's own words.

const line = (draft: ContractDraft, controlId: string) => draft.responsibilities.find((r) => r.controlId === controlId)!;
const codesOf = (problems: { code: string }[]) => [...new Set(problems.map((p) => p.code))];

describe('supply-chain accounting in drafts', () => {
  let world: UseCaseWorld;
  let iaasAdmin: Caller;
  let paasAdmin: Caller;

  beforeAll(async () => {
    world = await useCaseWorld();
    const operator = caller(null, 'PLATFORM_ADMIN');
    const iaasOrg = await createOrganization(world.as(operator), { name: 'Ground Compute', kinds: ['PROVIDER'] });
    const paasOrg = await createOrganization(world.as(operator), { name: 'Middle Apps', kinds: ['PROVIDER', 'CUSTOMER'] });
    iaasAdmin = caller(iaasOrg.id, 'PROVIDER_ADMIN');
    paasAdmin = caller(paasOrg.id, 'PROVIDER_ADMIN', 'CUSTOMER_ADMIN');
  });

  const publishedIaas = async (name: string) => {
    const iaas = await createCloudService(world.as(iaasAdmin), { name, serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
    const draft = await startContractDraft(world.as(iaasAdmin), iaas.id, 'TEMPLATE');
    await publishContractDraft(world.as(iaasAdmin), iaas.id, draft.revision, 'First');
    return { iaas, iaasV1: draft };
  };

  it('will not publish a draft whose upstream answers are only proposals, and relays the upstream duty in its own words once confirmed', async () => {
    const { iaas, iaasV1 } = await publishedIaas('Ground VMs');
    const paas = await createCloudService(world.as(paasAdmin), {
      name: 'Middle Runtime',
      serviceModel: 'PAAS',
      deploymentModel: 'PUBLIC',
      regions: ['eu-west-1'],
      upstreamServiceIds: [iaas.id],
    });
    const draft = await startContractDraft(world.as(paasAdmin), paas.id, 'TEMPLATE');
    expect(codesOf(await draftProblems(world.as(paasAdmin), paas, draft.responsibilities))).toEqual(['UNCONFIRMED_UPSTREAM_HANDLING']);
    const refused = await publishContractDraft(world.as(paasAdmin), paas.id, draft.revision, 'First').catch((e: OnusError) => e);
    expect(refused).toMatchObject({ code: ErrorCode.VALIDATION_FAILED });

    const confirmed = await confirmUpstreamHandlings(world.as(paasAdmin), paas.id, draft.revision, null);
    expect(await draftProblems(world.as(paasAdmin), paas, confirmed.responsibilities)).toEqual([]);
    await publishContractDraft(world.as(paasAdmin), paas.id, confirmed.revision, 'First');

    // The PaaS's customer reads the IaaS's backup duty as the IaaS wrote it, and where it comes from.
    await subscribe(world.as(paasAdmin), { serviceId: paas.id, regions: ['eu-west-1'], startDate: '2026-12-01' });
    const backup = line(iaasV1, '12.3.1').customerObligations[0]!;
    const view = await readInheritedObligations(world.as(paasAdmin), null, { clause: '12' });
    const obligations = view.clauses.flatMap((c) => c.controls.flatMap((k) => k.obligations)).filter((o) => o.controlId === '12.3.1');
    expect(obligations.map((o) => ({ text: o.obligation.text, relays: o.obligation.relays ?? [] }))).toContainEqual({
      text: backup.text,
      relays: [{ upstreamServiceId: iaas.id, obligationId: backup.id, text: backup.text }],
    });
  });

  it('confirms only the controls named, and says which controls have proposals when a named one has none', async () => {
    const { iaas } = await publishedIaas('Ground Disks');
    const paas = await createCloudService(world.as(paasAdmin), {
      name: 'Middle Data',
      serviceModel: 'PAAS',
      deploymentModel: 'PUBLIC',
      upstreamServiceIds: [iaas.id],
    });
    const draft = await startContractDraft(world.as(paasAdmin), paas.id, 'TEMPLATE');
    const some = await confirmUpstreamHandlings(world.as(paasAdmin), paas.id, draft.revision, ['12.3.1']);
    expect(upstreamHandlingsOf(line(some, '12.3.1')).every((h) => !h.proposed)).toBe(true);
    expect(upstreamHandlingsOf(line(some, '12.2.1')).every((h) => h.proposed)).toBe(true);
    const wrong = await confirmUpstreamHandlings(world.as(paasAdmin), paas.id, some.revision, ['11.1.1']).catch((e: OnusError) => e);
    expect(wrong).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(/No proposal to confirm on 11.1.1/) });
  });

  it('re-runs the accounting after the service gains an upstream with a draft open, keeping what the provider decided', async () => {
    const { iaas } = await publishedIaas('Ground Network');
    const paas = await createCloudService(world.as(paasAdmin), { name: 'Middle Mesh', serviceModel: 'PAAS', deploymentModel: 'PUBLIC' });
    const draft = await startContractDraft(world.as(paasAdmin), paas.id, 'TEMPLATE');
    const edited = await setResponsibilities(world.as(paasAdmin), paas.id, draft.revision, [
      { controlId: '5.1.1', ownership: 'PROVIDER', providerStatement: 'Our own policies, reviewed yearly.', customerObligations: null },
    ]);
    const withUpstream = await updateCloudService(world.as(paasAdmin), paas.id, { upstreamServiceIds: [iaas.id] });
    const stale = await draftProblems(world.as(paasAdmin), withUpstream, edited.responsibilities);
    expect(codesOf(stale)).toEqual(['UNACCOUNTED_UPSTREAM_OBLIGATION']);
    expect(stale.length).toBeGreaterThan(40);

    const reaccounted = await reaccountContractDraft(world.as(paasAdmin), paas.id, edited.revision);
    expect(line(reaccounted, '5.1.1').providerStatement).toBe('Our own policies, reviewed yearly.');
    expect(codesOf(await draftProblems(world.as(paasAdmin), withUpstream, reaccounted.responsibilities))).toEqual(['UNCONFIRMED_UPSTREAM_HANDLING']);
    const confirmed = await confirmUpstreamHandlings(world.as(paasAdmin), paas.id, reaccounted.revision, null);
    expect(await draftProblems(world.as(paasAdmin), withUpstream, confirmed.responsibilities)).toEqual([]);
    // Re-running on a confirmed draft changes nothing the provider decided.
    const again = await reaccountContractDraft(world.as(paasAdmin), paas.id, confirmed.revision);
    expect(again.responsibilities).toEqual(confirmed.responsibilities);
  });
});

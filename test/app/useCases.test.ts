import { createOrganization } from '../../src/app/organizations/createOrganization';
import { createCloudService } from '../../src/app/services/createCloudService';
import { setResponsibilities } from '../../src/app/contracts/setResponsibilities';
import { startContractDraft } from '../../src/app/contracts/startContractDraft';
import { updateCloudService } from '../../src/app/services/updateCloudService';
import { publishContractDraft } from '../../src/app/contracts/publishContractDraft';
import { subscribe } from '../../src/app/subscriptions/subscribe';
import { ErrorCode } from '../../src/domain/errors';
import { caller, refusal, type UseCaseWorld, useCaseWorld } from '../helpers/appContext';

// The use cases driven directly, as a future importer or event handler would: same rules, same
// audit trail, same conflicts as through GraphQL, with the clock and ids the context gives them.

const operator = caller(null, 'PLATFORM_ADMIN');

describe('use cases without GraphQL', () => {
  let world: UseCaseWorld;
  beforeAll(async () => {
    world = await useCaseWorld();
  });

  it('write the change and its audit event together, stamped with the context clock and ids', async () => {
    world.setNow('2026-12-01T08:30:00.000Z');
    const org = await createOrganization(world.as(operator), { name: 'Orbit Hosting', kinds: ['PROVIDER'] });
    expect(org).toMatchObject({ name: 'Orbit Hosting', createdAt: '2026-12-01T08:30:00.000Z' });
    const { events } = await world.store.audit.query({ organizationId: org.id, limit: 10 });
    expect(events).toEqual([
      expect.objectContaining({
        action: 'organization.create',
        at: '2026-12-01T08:30:00.000Z',
        target: { type: 'Organization', id: org.id, organizationId: org.id },
      }),
    ]);
    expect(events[0]!.id).not.toBe(org.id);
  });

  it('authorize before anything is read or written: a provider admin of another organization is refused', async () => {
    const org = await createOrganization(world.as(operator), { name: 'Polar Cloud', kinds: ['PROVIDER'] });
    const error = await refusal(
      createCloudService(world.as(caller('org-elsewhere', 'PROVIDER_ADMIN')), {
        providerOrganizationId: org.id,
        name: 'Polar VMs',
        serviceModel: 'IAAS',
        deploymentModel: 'PUBLIC',
      }),
    );
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    // The refusal names whose data it is and what the token carries, so the client knows which token to use.
    expect(error.message).toBe(
      `Creating a cloud service is for PROVIDER_ADMIN of organization ${org.id}; your token carries PROVIDER_ADMIN for organization org-elsewhere.`,
    );
    const { items } = await world.store.services.search({ providerOrganizationId: org.id }, 10, null);
    expect(items).toEqual([]);
  });

  it('turn a failed write condition into CONFLICT with the use case own words, writing nothing', async () => {
    const org = await createOrganization(world.as(operator), { name: 'Race Cloud', kinds: ['PROVIDER', 'CUSTOMER'] });
    const admin = caller(org.id, 'PROVIDER_ADMIN', 'CUSTOMER_ADMIN');
    const service = await createCloudService(world.as(admin), { name: 'Race VMs', serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
    const draft = await startContractDraft(world.as(admin), service.id, 'TEMPLATE');
    await publishContractDraft(world.as(admin), service.id, draft.revision, 'First contract');
    const again = await refusal(publishContractDraft(world.as(admin), service.id, draft.revision, 'First contract again'));
    expect(again.code).toBe(ErrorCode.NOT_FOUND); // the draft is gone with the publish
    await subscribe(world.as(admin), { serviceId: service.id, startDate: '2026-12-01' });
    const twice = await refusal(subscribe(world.as(admin), { serviceId: service.id, startDate: '2026-12-01' }));
    expect(twice.code).toBe(ErrorCode.CONFLICT);
    expect(twice.message).toBe('Your organization already subscribes to "Race VMs"; update that subscription instead.');
    const trail = await world.store.audit.query({ organizationId: org.id, limit: 50 });
    expect(trail.events.filter((e) => e.action === 'subscription.create')).toHaveLength(1);
  });

  it('record old and new values in the audit trail, not only which fields changed', async () => {
    const org = await createOrganization(world.as(operator), { name: 'Trail Cloud', kinds: ['PROVIDER'] });
    const admin = caller(org.id, 'PROVIDER_ADMIN');
    const service = await createCloudService(world.as(admin), { name: 'Trail VMs', serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
    await updateCloudService(world.as(admin), service.id, { name: 'Trail Compute', regions: ['eu-west-1', 'eu-central-1'], description: undefined });
    const draft = await startContractDraft(world.as(admin), service.id, 'TEMPLATE');
    await setResponsibilities(world.as(admin), service.id, draft.revision, [{ controlId: '11.1.1', ownership: 'PROVIDER', status: 'PARTIAL' }]);
    const { events } = await world.store.audit.query({ organizationId: org.id, target: { type: 'CloudService', id: service.id }, limit: 10 });
    expect(events.find((e) => e.action === 'cloudService.update')!.details).toEqual({
      fields: ['name', 'regions'],
      changes: { name: { from: 'Trail VMs', to: 'Trail Compute' }, regions: { from: ['eu-west-1'], to: ['eu-west-1', 'eu-central-1'] } },
    });
    expect(events.find((e) => e.action === 'contract.draft.update')!.details).toMatchObject({
      changes: [{ controlId: '11.1.1', status: { from: 'IMPLEMENTED', to: 'PARTIAL' } }],
    });
  });
});

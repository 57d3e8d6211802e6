import { contractVersionStatus, currentContract, listContractVersions, upcomingContract } from '../../src/app/contracts/readContracts';
import { publishContractDraft } from '../../src/app/contracts/publishContractDraft';
import { setResponsibilities } from '../../src/app/contracts/setResponsibilities';
import { startContractDraft } from '../../src/app/contracts/startContractDraft';
import { readInheritedObligations } from '../../src/app/obligations/customerViews';
import { recordObligationStatus } from '../../src/app/obligations/recordObligationStatus';
import { createOrganization } from '../../src/app/organizations/createOrganization';
import { createCloudService } from '../../src/app/services/createCloudService';
import { subscriberCount } from '../../src/app/services/subscriberCount';
import { readRetiredObligations } from '../../src/app/subscriptions/readRetiredObligations';
import { effectiveContract, listSubscriptions, subscriptionChangeImpact, subscriptionUpcomingChange } from '../../src/app/subscriptions/readSubscriptions';
import { subscribe } from '../../src/app/subscriptions/subscribe';
import { updateSubscription } from '../../src/app/subscriptions/updateSubscription';
import type { ContractDraft } from '../../src/domain/contracts/version';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ErrorCode } from '../../src/domain/errors';
import type { Caller } from '../../src/domain/identity/caller';
import { createLoaders } from '../../src/store/loaders';
import { Store } from '../../src/store/store';
import { caller, refusal, type UseCaseWorld, useCaseWorld } from '../helpers/appContext';

// Time passing, which API tests cannot do: a version published to take effect later is UPCOMING,
// subscribers stay on the version in effect and see the coming change, and once the clock passes
// its date everything moves onto it — without any write.

const operator = caller(null, 'PLATFORM_ADMIN');
const START = '2026-12-01T09:00:00.000Z';
const IN_30_DAYS = '2026-12-31T09:00:00.000Z';

describe('versions that take effect with notice, as time passes', () => {
  let world: UseCaseWorld;
  beforeAll(async () => {
    world = await useCaseWorld();
  });

  /** A SaaS with a published version 1, a customer following the latest version, and a draft of version 2 that drops one obligation and adds another. */
  async function scenario(name: string) {
    world.setNow(START);
    const provider = await createOrganization(world.as(operator), { name: `${name} Cloud`, kinds: ['PROVIDER'] });
    const buyer = await createOrganization(world.as(operator), { name: `${name} Buyer`, kinds: ['CUSTOMER'] });
    const admin = caller(provider.id, 'PROVIDER_ADMIN');
    const customer = caller(buyer.id, 'CUSTOMER_ADMIN');
    const service = await createCloudService(world.as(admin), {
      name: `${name} Mail`,
      serviceModel: 'SAAS',
      deploymentModel: 'PUBLIC',
      regions: ['eu-west-1'],
    });
    const v1 = await startContractDraft(world.as(admin), service.id, 'TEMPLATE');
    await publishContractDraft(world.as(admin), service.id, v1.revision, 'First contract');
    await subscribe(world.as(customer), { serviceId: service.id, regions: ['eu-west-1'], startDate: '2026-12-01' });
    // The customer recorded its work on the registration obligation, which version 2 drops.
    const registration = v1.responsibilities.find((r) => r.controlId === '9.2.1')!.customerObligations[0]!;
    await recordObligationStatus(world.as(customer), { serviceId: service.id, obligationId: registration.id, status: 'IMPLEMENTED', owner: 'Identity team' });
    const draft = await startContractDraft(world.as(admin), service.id, 'LATEST_VERSION');
    const shared = draft.responsibilities.find((r) => r.ownership === 'SHARED' && r.controlId !== '9.2.1' && r.customerObligations.length > 0)!;
    const next: ContractDraft = await setResponsibilities(world.as(admin), service.id, draft.revision, [
      { controlId: '9.2.1', ownership: 'PROVIDER', providerStatement: 'We register and remove users from your HR feed.', customerObligations: [] },
      {
        controlId: shared.controlId,
        ownership: 'SHARED',
        customerObligations: [...shared.customerObligations.map((o) => ({ id: o.id, text: o.text })), { text: 'Review the access report every month.' }],
      },
    ]);
    return { admin, customer, service, registration, shared, next };
  }

  it('refuses a version that adds work for subscribers without the notice period, saying from when it may take effect', async () => {
    const { admin, service, next, shared } = await scenario('Notice');
    const error = await refusal(publishContractDraft(world.as(admin), service.id, next.revision, 'More for you to do'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.problems).toEqual([
      { path: 'effectiveFrom', message: `must be on or after ${IN_30_DAYS} (30 days' notice): the version moves work toward customers` },
    ]);
    expect(error.message).toContain(`adds customer obligations on ${shared.controlId}`);
    const early = await refusal(publishContractDraft(world.as(admin), service.id, next.revision, 'More for you to do', new Date('2026-12-20T00:00:00.000Z')));
    expect(early.problems.map((p) => p.path)).toEqual(['effectiveFrom']);
    // Nothing was published.
    expect((await world.store.services.get(service.id))?.currentVersion).toBe(1);
  });

  it('keeps subscribers on the version in effect until the date comes, showing the coming change, then moves them without any write', async () => {
    const { admin, customer, service, registration, shared, next } = await scenario('Clock');
    const published = await publishContractDraft(
      world.as(admin),
      service.id,
      next.revision,
      'Registration is ours now; one more review for you',
      new Date(IN_30_DAYS),
    );
    expect(published).toMatchObject({ version: 2, effectiveFrom: IN_30_DAYS, publishedAt: START });
    const stored = (await world.store.services.get(service.id))!;
    expect(contractVersionStatus(world.as(customer), stored, 2)).toBe('UPCOMING');
    expect((await currentContract(world.as(customer), stored))?.version).toBe(1);
    expect((await upcomingContract(world.as(customer), stored))?.version).toBe(2);
    expect((await listContractVersions(world.as(customer), stored)).map((v) => [v.version, v.status, v.effectiveFrom])).toEqual([
      [2, 'UPCOMING', IN_30_DAYS],
      [1, 'CURRENT', START],
    ]);

    // Before the date: version 1 applies, the change is announced, the tracked obligation is still inherited.
    const [subscription] = await listSubscriptions(world.as(customer));
    expect((await effectiveContract(world.as(customer), subscription!)).version).toBe(1);
    expect(await subscriptionChangeImpact(world.as(customer), subscription!)).toMatchObject({ toVersion: 1, changed: false });
    const coming = await subscriptionUpcomingChange(world.as(customer), subscription!);
    expect(coming).toMatchObject({ fromVersion: 1, toVersion: 2, effectiveFrom: IN_30_DAYS, changed: true });
    expect(coming!.obligationsAdded.map((o) => [o.controlId, o.obligation.text])).toEqual([[shared.controlId, 'Review the access report every month.']]);
    expect(coming!.obligationsRemoved.map((o) => [o.obligation.id, o.tracking?.status])).toEqual([[registration.id, 'IMPLEMENTED']]);
    // The customer prepares: it records its plan on the coming obligation before the date.
    const review = coming!.obligationsAdded[0]!.obligation;
    await recordObligationStatus(world.as(customer), { serviceId: service.id, obligationId: review.id, status: 'PLANNED', owner: 'Security team' });
    const prepared = await subscriptionUpcomingChange(world.as(customer), subscription!);
    expect(prepared!.obligationsAdded.map((o) => [o.obligation.id, o.tracking?.status, o.tracking?.recordedInVersion])).toEqual([[review.id, 'PLANNED', 2]]);
    const unknown = await refusal(recordObligationStatus(world.as(customer), { serviceId: service.id, obligationId: 'no-such-obligation', status: 'PLANNED' }));
    expect(unknown.problems).toEqual([{ path: 'obligationId', message: expect.stringMatching(/nor of the one you move onto next/) }]);
    const before = await readInheritedObligations(world.as(customer), null, { serviceIds: [service.id] });
    expect(before.clauses.flatMap((c) => c.controls.flatMap((k) => k.obligations.map((o) => o.obligation.id)))).toContain(registration.id);
    // A status recorded ahead is preparation, not history.
    expect(await readRetiredObligations(world.as(customer), null)).toEqual([]);
    // Pinning a version before it takes effect is refused: the provider does not stand behind it yet.
    const pin = await refusal(updateSubscription(world.as(customer), service.id, { pinnedVersion: 2 }));
    expect(pin.problems).toEqual([{ path: 'pinnedVersion', message: expect.stringMatching(/not in effect yet; the version in effect is 1/) }]);

    // The clock passes the date: version 2 applies, nothing is coming, and the dropped obligation's record is history.
    world.setNow('2026-12-31T09:00:01.000Z');
    const now = (await world.store.services.get(service.id))!;
    expect(contractVersionStatus(world.as(customer), now, 2)).toBe('CURRENT');
    expect(contractVersionStatus(world.as(customer), now, 1)).toBe('SUPERSEDED');
    const [later] = await listSubscriptions(world.as(customer));
    expect((await effectiveContract(world.as(customer), later!)).version).toBe(2);
    expect(await subscriptionUpcomingChange(world.as(customer), later!)).toBeNull();
    expect(await subscriptionChangeImpact(world.as(customer), later!)).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      effectiveFrom: IN_30_DAYS,
      changed: true,
    });
    const after = await readInheritedObligations(world.as(customer), null, { serviceIds: [service.id] });
    const inherited = after.clauses.flatMap((c) => c.controls.flatMap((k) => k.obligations));
    expect(inherited.find((o) => o.obligation.id === review.id)).toMatchObject({ contractVersion: 2, status: 'PLANNED' });
    expect(inherited.map((o) => o.obligation.id)).not.toContain(registration.id);
    const retired = await readRetiredObligations(world.as(customer), null);
    expect(retired).toEqual([
      {
        serviceId: service.id,
        obligationId: registration.id,
        reason: 'NOT_IN_EFFECTIVE_CONTRACT',
        effectiveVersion: 2,
        record: expect.objectContaining({
          status: 'IMPLEMENTED',
          owner: 'Identity team',
          recordedText: registration.text,
          recordedControlId: '9.2.1',
          recordedInVersion: 1,
          updatedAt: START,
        }),
      },
    ]);
  });

  it('audits the effective date, and lets a provider with no subscriber following the latest version publish at once', async () => {
    const { admin, customer, service, next } = await scenario('Audit');
    await publishContractDraft(world.as(admin), service.id, next.revision, 'Scheduled', new Date(IN_30_DAYS));
    const trail = await world.store.audit.query({ organizationId: admin.organizationId!, limit: 50 });
    const publish = trail.events.find((e) => e.action === 'contract.publish' && e.details.version === 2)!;
    expect(publish.details).toMatchObject({ version: 2, previousVersion: 1, effectiveFrom: IN_30_DAYS });
    expect(publish.summary).toContain(`taking effect on ${IN_30_DAYS}`);

    // Once the customer pins version 2 after it takes effect, nobody follows the latest: version 3 may add work at once.
    world.setNow('2027-01-02T00:00:00.000Z');
    await updateSubscription(world.as(customer), service.id, { pinnedVersion: 2 });
    const draft = await startContractDraft(world.as(admin), service.id, 'LATEST_VERSION');
    const saved = await setResponsibilities(world.as(admin), service.id, draft.revision, [
      { controlId: '9.2.1', ownership: 'SHARED', providerStatement: 'We provide the directory.', customerObligations: [{ text: 'Approve new accounts.' }] },
    ]);
    const v3 = await publishContractDraft(world.as(admin), service.id, saved.revision, 'Approvals are yours');
    expect(v3).toMatchObject({ version: 3, effectiveFrom: '2027-01-02T00:00:00.000Z' });
    expect(await subscriberCount(world.as(caller(admin.organizationId, 'AUDITOR')), (await world.store.services.get(service.id))!)).toBe(1);
  });

  it('reads data stored before effective dates existed: every version took effect when published, with the default notice', async () => {
    const { customer, service } = await scenario('Legacy');
    // Strip what older items lack, then read through a store with a cold version cache.
    const { client, table } = world.store;
    await client.send(
      new UpdateCommand({ TableName: table, Key: { pk: `SVC#${service.id}`, sk: 'SVC' }, UpdateExpression: 'REMOVE scheduledVersions, changeNoticeDays' }),
    );
    await client.send(new UpdateCommand({ TableName: table, Key: { pk: `SVC#${service.id}`, sk: 'V#000001' }, UpdateExpression: 'REMOVE effectiveFrom' }));
    await client.send(new UpdateCommand({ TableName: table, Key: { pk: `SVC#${service.id}`, sk: 'VS#000001' }, UpdateExpression: 'REMOVE effectiveFrom' }));
    const cold = new Store(client, table);
    const context = { ...world.as(customer), store: cold, loaders: createLoaders(cold) };
    const legacy = (await cold.services.get(service.id))!;
    expect(legacy).toMatchObject({ currentVersion: 1, scheduledVersions: [], changeNoticeDays: 30 });
    expect(await currentContract(context, legacy)).toMatchObject({ version: 1, effectiveFrom: START, publishedAt: START });
    expect(await listContractVersions(context, legacy)).toEqual([expect.objectContaining({ version: 1, status: 'CURRENT', effectiveFrom: START })]);
  });

  it('counts subscribers for the provider only, never for a customer', async () => {
    const { customer, service } = await scenario('Count');
    const error = await refusal(subscriberCount(world.as(customer), service));
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    const other: Caller = caller('org-elsewhere', 'PROVIDER_ADMIN');
    expect((await refusal(subscriberCount(world.as(other), service))).code).toBe(ErrorCode.FORBIDDEN);
  });
});

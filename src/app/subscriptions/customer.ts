import { badInput, notFound } from '../../domain/errors';
import type { StackEntry } from '../../domain/obligations/stack';
import { effectiveVersion, type Subscription } from '../../domain/subscriptions/subscription';
import type { CustomerRecords } from '../../store/customers';
import type { StoredService } from '../../store/services';
import { inEffectVersion } from '../contracts/readContracts';
import { memoized, type AppContext } from '../context';
import { authorize, type Operation } from '../policy';

// A customer's data: whose it is (customer data never crosses organizations) and its stack — every
// subscription with its service and effective contract version, read in three sequential round
// trips whatever the number of subscriptions (the customer's partition, one BatchGetItem of
// services, one of contract versions, mostly from the warm cache), once per request. Which version
// is in effect comes from the service item (its pointer and scheduled versions) and the clock.

/** A subscriber's service as validation sees it: its pointer and the version in effect now. */
export const subscribable = (context: AppContext, service: StoredService) => ({ ...service, versionInEffect: inEffectVersion(context, service) });

/** The customer organization a request is about (the caller's own unless named), once authorized. */
export function customerScope(context: AppContext, operation: Extract<Operation, `customer.${string}`>, requested?: string | null): string {
  const organizationId = requested ?? context.caller.organizationId;
  if (!organizationId)
    throw badInput('Your token names no organization: pass customerOrganizationId.', [{ path: 'customerOrganizationId', message: 'required' }]);
  authorize(context.caller, operation, organizationId);
  return organizationId;
}

export interface LoadedStack {
  readonly customerOrganizationId: string;
  readonly records: CustomerRecords;
  readonly entries: readonly StackEntry[];
  readonly services: ReadonlyMap<string, StoredService>;
}

/** The customer's own partition (subscriptions and obligation statuses), read once per request. */
export function customerRecords(context: AppContext, customerOrganizationId: string): Promise<CustomerRecords> {
  return memoized(context, `records:${customerOrganizationId}`, () => context.store.customers.records(customerOrganizationId));
}

/** The stack of a customer already authorized by customerScope. */
export function loadStack(context: AppContext, customerOrganizationId: string): Promise<LoadedStack> {
  return memoized(context, `stack:${customerOrganizationId}`, async () => {
    const records = await customerRecords(context, customerOrganizationId);
    const found = await context.loaders.service.loadMany(records.subscriptions.map((s) => s.serviceId));
    const services = new Map<string, StoredService>();
    for (const s of found) if (s && !(s instanceof Error)) services.set(s.id, s);
    const refs = records.subscriptions.flatMap((subscription) => {
      const service = services.get(subscription.serviceId);
      const version = service ? effectiveVersion(subscription, inEffectVersion(context, service)) : null;
      return service && version ? [{ subscription, service, version }] : [];
    });
    const versions = await context.loaders.contractVersion.loadMany(refs.map((r) => ({ serviceId: r.service.id, version: r.version })));
    const entries = refs.flatMap(({ subscription, service }, i) => {
      const contract = versions[i];
      return contract && !(contract instanceof Error)
        ? [{ subscription, service: { id: service.id, name: service.name, providerOrganizationId: service.providerOrganizationId }, contract }]
        : [];
    });
    return { customerOrganizationId, records, entries, services };
  });
}

/** The customer's subscription to `serviceId`, read fresh for a change to it. */
export async function subscriptionForUpdate(context: AppContext, customerOrganizationId: string, serviceId: string): Promise<Subscription> {
  const { subscriptions } = await context.store.customers.records(customerOrganizationId);
  const subscription = subscriptions.find((s) => s.serviceId === serviceId);
  if (!subscription) throw notFound(`Your organization has no subscription to service "${serviceId}".`);
  return subscription;
}

export const subscriptionTarget = (subscription: Pick<Subscription, 'id' | 'customerOrganizationId'>) => ({
  type: 'Subscription',
  id: subscription.id,
  organizationId: subscription.customerOrganizationId,
});

import { badInput, notFound } from '../../domain/errors';
import type { StackEntry } from '../../domain/obligations/stack';
import type { TrackingRecord } from '../../domain/obligations/tracking';
import { effectiveVersion, type Subscription } from '../../domain/subscriptions/subscription';
import type { CustomerRecords, PartitionRead, SubscriptionBasis } from '../../store/customers';
import type { StoredService } from '../../store/services';
import { inEffectVersion } from '../contracts/readContracts';
import { memoized, type AppContext } from '../context';
import { authorize, type Operation } from '../policy';

// A customer's data: whose it is (customer data never crosses organizations) and its stack — every
// subscription with its service and effective contract version, read in three sequential waves
// whatever the number of subscriptions (the customer's partition, the services, the contract
// versions with all their chunks, mostly from the warm cache), once per request; a partition over
// 1 MB reads its further statuses beside the services and versions, not after them. Which version
// is in effect comes from the service item (its pointer and scheduled versions) and the clock.

/** A subscriber's service as validation sees it: its pointer and the version in effect now. */
export const subscribable = (context: AppContext, service: StoredService) => ({ ...service, versionInEffect: inEffectVersion(context, service) });

/** The customer organization a request is about (the caller's own unless named), once authorized. */
export function customerScope(
  context: AppContext,
  operation: Extract<Operation, `customer.${string}` | 'monitoring.credits'>,
  requested?: string | null,
): string {
  const organizationId = requested ?? context.caller.organizationId;
  if (!organizationId)
    throw badInput('Your token names no organization: pass customerOrganizationId.', [{ path: 'customerOrganizationId', message: 'required' }]);
  authorize(context.caller, operation, organizationId);
  return organizationId;
}

export interface LoadedStack {
  readonly customerOrganizationId: string;
  readonly records: CustomerRecords;
  readonly entries: readonly StackEntry<StoredService>[];
  readonly services: ReadonlyMap<string, StoredService>;
}

/** The customer's own partition being read, once per request: its subscriptions, its statuses still arriving. */
function customerPartition(context: AppContext, customerOrganizationId: string): Promise<PartitionRead> {
  return memoized(context, `partition:${customerOrganizationId}`, () => context.store.customers.openRecords(customerOrganizationId));
}

/** The customer's own partition (subscriptions and obligation statuses), read once per request. */
export function customerRecords(context: AppContext, customerOrganizationId: string): Promise<CustomerRecords> {
  return memoized(context, `records:${customerOrganizationId}`, async () => {
    const { subscriptions, tracking } = await customerPartition(context, customerOrganizationId);
    return { subscriptions, tracking: await tracking };
  });
}

/** The stack of a customer already authorized by customerScope. */
export function loadStack(context: AppContext, customerOrganizationId: string): Promise<LoadedStack> {
  return memoized(context, `stack:${customerOrganizationId}`, async () => {
    // A partition over 1 MB: its statuses arrive while the services and versions are read.
    const { subscriptions } = await customerPartition(context, customerOrganizationId);
    const found = await context.loaders.service.loadMany(subscriptions.map((s) => s.serviceId));
    const services = new Map<string, StoredService>();
    for (const s of found) if (s && !(s instanceof Error)) services.set(s.id, s);
    const refs = subscriptions.flatMap((subscription) => {
      const service = services.get(subscription.serviceId);
      const version = service ? effectiveVersion(subscription, inEffectVersion(context, service)) : null;
      return service && version ? [{ subscription, service, version }] : [];
    });
    const versions = await context.loaders.contractVersion.loadMany(refs.map((r) => ({ serviceId: r.service.id, version: r.version })));
    const entries = refs.flatMap(({ subscription, service }, i) => {
      const contract = versions[i];
      return contract && !(contract instanceof Error) ? [{ subscription, service, contract }] : [];
    });
    const records = await customerRecords(context, customerOrganizationId);
    return { customerOrganizationId, records, entries, services };
  });
}

/** A subscription to change, with what the change decides on (its service, an obligation's record). */
export interface SubscriptionForUpdate {
  readonly subscription: Subscription;
  /** Null only when the service is gone; use cases that need it say NOT_FOUND. */
  readonly service: StoredService | null;
  readonly tracking: TrackingRecord | null;
}

/**
 * What a change to the customer's subscription to `serviceId` decides on, read fresh: the
 * subscription, its service and (given `obligationId`) that obligation's record. One small
 * consistent read, never the customer's partition.
 */
export async function readForUpdate(context: AppContext, customerOrganizationId: string, serviceId: string, obligationId?: string): Promise<SubscriptionBasis> {
  const basis = await context.store.customers.subscriptionBasis(customerOrganizationId, serviceId, obligationId);
  // Later reads of the service in this request (the versions, the one to move onto next) need no other call.
  if (basis.service) context.loaders.primeService(basis.service);
  return basis;
}

/** The customer's subscription to `serviceId` for a change to it (NOT_FOUND when there is none), with readForUpdate's reads. */
export async function subscriptionForUpdate(
  context: AppContext,
  customerOrganizationId: string,
  serviceId: string,
  obligationId?: string,
): Promise<SubscriptionForUpdate> {
  const { subscription, service, tracking } = await readForUpdate(context, customerOrganizationId, serviceId, obligationId);
  if (!subscription) throw notFound(`Your organization has no subscription to service "${serviceId}".`);
  return { subscription, service, tracking };
}

/** The service of a subscription being changed: NOT_FOUND as requireServiceForUpdate says it. */
export function serviceForUpdate({ service }: SubscriptionForUpdate, serviceId: string): StoredService {
  if (!service) throw notFound(`No cloud service "${serviceId}".`);
  return service;
}

export const subscriptionTarget = (subscription: Pick<Subscription, 'id' | 'customerOrganizationId'>) => ({
  type: 'Subscription',
  id: subscription.id,
  organizationId: subscription.customerOrganizationId,
});

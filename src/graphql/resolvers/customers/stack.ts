import type { StackEntry } from '../../../domain/obligations/stack';
import { badInput, forbidden } from '../../../domain/errors';
import { hasRole, type Caller } from '../../../domain/identity/caller';
import { effectiveVersion, type Subscription } from '../../../domain/subscriptions/subscription';
import type { CustomerRecords } from '../../../store/customers';
import type { StoredService } from '../../../store/services';
import { memoized, type GraphQLContext } from '../../context';

// A customer's stack: its subscriptions, each with its service and effective contract version.
// Read in three sequential round trips whatever the number of subscriptions (the customer's
// partition, one BatchGetItem of services, one of contract versions, the latter mostly from the warm
// cache), and once per request however many fields need it.

/**
 * Whose data the request is about: the caller's own organization unless another is named, and
 * customer data never crosses organizations — only that customer's admins and auditors read it.
 */
export function customerFor(caller: Caller, requested: string | null | undefined, ...roles: ('CUSTOMER_ADMIN' | 'AUDITOR')[]): string {
  const organizationId = requested ?? caller.organizationId;
  if (!organizationId) throw badInput('Your token names no organization: pass customerOrganizationId.', [{ path: 'customerOrganizationId', message: 'required' }]);
  const allowed = roles.length ? roles : (['CUSTOMER_ADMIN', 'AUDITOR'] as const);
  if (organizationId !== caller.organizationId || !allowed.some((r) => hasRole(caller, r))) {
    throw forbidden(`Only ${allowed.join(' or ')} users of the customer organization can do this.`);
  }
  return organizationId;
}

export interface LoadedStack {
  readonly records: CustomerRecords;
  readonly entries: readonly StackEntry[];
  readonly services: ReadonlyMap<string, StoredService>;
}

export function loadStack(context: GraphQLContext, customerOrganizationId: string): Promise<LoadedStack> {
  return memoized(context, `stack:${customerOrganizationId}`, async () => {
    const records = await context.store.customers.records(customerOrganizationId);
    const found = await context.loaders.service.loadMany(records.subscriptions.map((s) => s.serviceId));
    const services = new Map<string, StoredService>();
    found.forEach((s) => s && !(s instanceof Error) && services.set(s.id, s));
    const refs = records.subscriptions.flatMap((subscription) => {
      const service = services.get(subscription.serviceId);
      const version = service ? effectiveVersion(subscription, service.currentVersion) : null;
      return service && version ? [{ subscription, service, version }] : [];
    });
    const versions = await context.loaders.contractVersion.loadMany(refs.map((r) => `${r.service.id}#${r.version}`));
    const entries = refs.flatMap(({ subscription, service }, i) => {
      const contract = versions[i];
      return contract && !(contract instanceof Error)
        ? [{ subscription, service: { id: service.id, name: service.name, providerOrganizationId: service.providerOrganizationId }, contract }]
        : [];
    });
    return { records, entries, services };
  });
}

export function findSubscription(stack: LoadedStack, serviceId: string): Subscription | undefined {
  return stack.records.subscriptions.find((s) => s.serviceId === serviceId);
}

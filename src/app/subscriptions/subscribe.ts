import { badInput } from '../../domain/errors';
import { checkSubscriptionLimit, SUBSCRIPTION_LIMIT } from '../../domain/subscriptions/limit';
import { effectiveVersion, validateNewSubscription, type NewSubscription, type Subscription } from '../../domain/subscriptions/subscription';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { requireOrganization, requireService } from '../load';
import { customerScope, subscribable, subscriptionTarget } from './customer';

export async function subscribe(context: AppContext, input: Omit<NewSubscription, 'customerOrganizationId'>): Promise<Subscription> {
  const customerOrganizationId = customerScope(context, 'customer.subscribe');
  // The cap bounds every customer screen's response (domain/subscriptions/limit.ts); counted beside the organization's read.
  const [customer, held] = await Promise.all([
    requireOrganization(context, customerOrganizationId),
    context.store.customers.countSubscriptions(customerOrganizationId, SUBSCRIPTION_LIMIT),
  ]);
  if (!customer.kinds.includes('CUSTOMER')) throw badInput('Your organization is not registered as a customer; ask an Onus operator to add the CUSTOMER kind.');
  checkSubscriptionLimit(held);
  const service = await requireService(context, input.serviceId);
  const target = subscribable(context, service);
  const fields = validateNewSubscription({ ...input, customerOrganizationId }, target);
  const now = nowIso(context);
  // A new subscriber reads the whole contract: its starting point counts as acknowledged.
  const subscription: Subscription = {
    id: context.newId(),
    ...fields,
    acknowledgedVersion: effectiveVersion(fields, target.versionInEffect),
    createdAt: now,
    updatedAt: now,
  };
  const following = subscription.pinnedVersion ? `pinned to version ${subscription.pinnedVersion}` : 'following the latest version';
  await context.store.commit({
    changes: [{ kind: 'subscription.create', subscription }],
    audit: audited(context, 'subscription.create', subscriptionTarget(subscription), `subscribed to "${service.name}" (${following})`, {
      serviceId: service.id,
      pinnedVersion: subscription.pinnedVersion,
    }),
    conflictMessage: `Your organization already subscribes to "${service.name}"; update that subscription instead.`,
  });
  return subscription;
}

import { audited } from '../audit';
import type { AppContext } from '../context';
import { customerScope, subscriptionForUpdate, subscriptionTarget } from './customer';

export async function unsubscribe(context: AppContext, serviceId: string): Promise<true> {
  const customerOrganizationId = customerScope(context, 'customer.subscribe');
  const { subscription: current } = await subscriptionForUpdate(context, customerOrganizationId, serviceId);
  await context.store.commit({
    changes: [{ kind: 'subscription.delete', previous: current }],
    audit: audited(context, 'subscription.delete', subscriptionTarget(current), `ended the subscription to service ${serviceId}`, { serviceId }),
    conflictMessage: 'The subscription was already ended.',
  });
  return true;
}

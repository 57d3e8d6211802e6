import { validateNewSubscription, type Subscription } from '../../domain/subscriptions/subscription';
import { audited } from '../audit';
import { fieldChanges } from '../auditChanges';
import { nowIso, type AppContext } from '../context';
import { customerScope, serviceForUpdate, subscribable, subscriptionForUpdate, subscriptionTarget } from './customer';

/** A field left out keeps its value; pinnedVersion null follows the latest version again. */
export interface SubscriptionUpdate {
  readonly pinnedVersion?: number | null;
  readonly regions?: readonly string[] | null;
  readonly startDate?: string | null;
}

export async function updateSubscription(context: AppContext, serviceId: string, input: SubscriptionUpdate): Promise<Subscription> {
  const customerOrganizationId = customerScope(context, 'customer.subscribe');
  const read = await subscriptionForUpdate(context, customerOrganizationId, serviceId);
  const current = read.subscription;
  const service = serviceForUpdate(read, serviceId);
  const fields = validateNewSubscription(
    {
      customerOrganizationId,
      serviceId,
      pinnedVersion: input.pinnedVersion === undefined ? current.pinnedVersion : input.pinnedVersion,
      regions: input.regions === undefined ? current.regions : input.regions,
      startDate: input.startDate ?? current.startDate,
    },
    subscribable(context, service),
  );
  const updated: Subscription = { ...current, ...fields, acknowledgedVersion: current.acknowledgedVersion, updatedAt: nowIso(context) };
  const changed = (Object.keys(input) as (keyof SubscriptionUpdate)[]).filter((k) => input[k] !== undefined);
  await context.store.commit({
    changes: [{ kind: 'subscription.replace', subscription: updated, previous: current }],
    audit: audited(
      context,
      'subscription.update',
      subscriptionTarget(updated),
      `updated the subscription to "${service.name}": ${changed.join(', ') || 'nothing'}`,
      {
        serviceId,
        fields: changed,
        changes: fieldChanges(current, updated, changed),
      },
    ),
    conflictMessage: 'The subscription changed meanwhile; read it again and retry.',
  });
  return updated;
}

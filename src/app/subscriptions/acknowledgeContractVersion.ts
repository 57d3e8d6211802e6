import { effectiveVersion, type Subscription } from '../../domain/subscriptions/subscription';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { inEffectVersion } from '../contracts/readContracts';
import { customerScope, serviceForUpdate, subscriptionForUpdate, subscriptionTarget } from './customer';

/** Marks the effective version's changes as read: change impact starts from it. */
export async function acknowledgeContractVersion(context: AppContext, serviceId: string): Promise<Subscription> {
  const customerOrganizationId = customerScope(context, 'customer.subscribe');
  const read = await subscriptionForUpdate(context, customerOrganizationId, serviceId);
  const current = read.subscription;
  const service = serviceForUpdate(read, serviceId);
  const version = effectiveVersion(current, inEffectVersion(context, service));
  const updated: Subscription = { ...current, acknowledgedVersion: version, updatedAt: nowIso(context) };
  await context.store.commit({
    changes: [{ kind: 'subscription.replace', subscription: updated, previous: current }],
    audit: audited(context, 'subscription.acknowledge', subscriptionTarget(updated), `acknowledged version ${version} of the contract of "${service.name}"`, {
      serviceId,
      from: current.acknowledgedVersion,
      to: version,
    }),
    conflictMessage: 'The subscription changed meanwhile; read it again and retry.',
  });
  return updated;
}

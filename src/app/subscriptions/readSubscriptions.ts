import type { ContractVersion } from '../../domain/contracts/version';
import { changeImpact, type ChangeImpact } from '../../domain/obligations/changeImpact';
import { effectiveVersion, type Subscription } from '../../domain/subscriptions/subscription';
import type { AppContext } from '../context';
import { requireService } from '../load';
import { customerRecords, customerScope } from './customer';

/** A customer's subscriptions (default: the caller's organization). */
export async function listSubscriptions(context: AppContext, customerOrganizationId?: string | null): Promise<Subscription[]> {
  const organizationId = customerScope(context, 'customer.read', customerOrganizationId);
  return (await customerRecords(context, organizationId)).subscriptions;
}

/** The contract version whose obligations a subscription inherits now. */
export async function effectiveContract(context: AppContext, subscription: Subscription): Promise<ContractVersion> {
  const service = await requireService(context, subscription.serviceId);
  const version = effectiveVersion(subscription, service.currentVersion);
  const contract = version ? await context.loaders.contractVersion.load({ serviceId: service.id, version }) : null;
  if (!contract) throw new Error(`subscription ${subscription.id}: no effective contract for ${service.id}`);
  return contract;
}

/** What changed for the subscriber between its acknowledged version and the effective one. */
export async function subscriptionChangeImpact(context: AppContext, subscription: Subscription): Promise<ChangeImpact> {
  const [effective, acknowledged] = await Promise.all([
    effectiveContract(context, subscription),
    subscription.acknowledgedVersion ? context.loaders.contractVersion.load({ serviceId: subscription.serviceId, version: subscription.acknowledgedVersion }) : null,
  ]);
  return changeImpact(subscription, effective, acknowledged);
}

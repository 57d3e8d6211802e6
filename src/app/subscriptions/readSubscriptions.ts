import type { ContractVersion } from '../../domain/contracts/version';
import { nextVersionToTakeEffect } from '../../domain/contracts/version';
import { changeImpact, upcomingChangeImpact, withTracking, type ChangeImpact } from '../../domain/obligations/changeImpact';
import { effectiveVersion, type Subscription } from '../../domain/subscriptions/subscription';
import type { AppContext } from '../context';
import { inEffectVersion } from '../contracts/readContracts';
import { requireService } from '../load';
import { customerRecords, customerScope } from './customer';

/** The subscriber's own records (already read with its subscriptions: no further call). */
const trackingOf = async (context: AppContext, subscription: Subscription) => (await customerRecords(context, subscription.customerOrganizationId)).tracking;

/** A customer's subscriptions (default: the caller's organization). */
export async function listSubscriptions(context: AppContext, customerOrganizationId?: string | null): Promise<Subscription[]> {
  const organizationId = customerScope(context, 'customer.read', customerOrganizationId);
  return (await customerRecords(context, organizationId)).subscriptions;
}

/** The contract version whose obligations a subscription inherits now. */
export async function effectiveContract(context: AppContext, subscription: Subscription): Promise<ContractVersion> {
  const service = await requireService(context, subscription.serviceId);
  const version = effectiveVersion(subscription, inEffectVersion(context, service));
  const contract = version ? await context.loaders.contractVersion.load({ serviceId: service.id, version }) : null;
  if (!contract) throw new Error(`subscription ${subscription.id}: no effective contract for ${service.id}`);
  return contract;
}

/** What changed for the subscriber between its acknowledged version and the effective one. */
export async function subscriptionChangeImpact(context: AppContext, subscription: Subscription): Promise<ChangeImpact> {
  const [effective, acknowledged] = await Promise.all([
    effectiveContract(context, subscription),
    subscription.acknowledgedVersion
      ? context.loaders.contractVersion.load({ serviceId: subscription.serviceId, version: subscription.acknowledgedVersion })
      : null,
  ]);
  return withTracking(changeImpact(subscription, effective, acknowledged), await trackingOf(context, subscription));
}

/**
 * What the version taking effect next will change for a subscriber following the latest version;
 * null when nothing is coming, or when the subscription is pinned (it does not move).
 */
export async function subscriptionUpcomingChange(context: AppContext, subscription: Subscription): Promise<ChangeImpact | null> {
  const [effective, upcoming] = await Promise.all([effectiveContract(context, subscription), upcomingContractOf(context, subscription)]);
  return upcoming ? withTracking(upcomingChangeImpact(subscription, effective, upcoming), await trackingOf(context, subscription)) : null;
}

/** The version a subscription will move onto next: null when it is pinned or nothing is coming. */
export async function upcomingContractOf(
  context: AppContext,
  subscription: Pick<Subscription, 'serviceId' | 'pinnedVersion'>,
): Promise<ContractVersion | null> {
  if (subscription.pinnedVersion !== null) return null;
  const service = await requireService(context, subscription.serviceId);
  const next = nextVersionToTakeEffect(service, context.clock());
  if (!next) return null;
  const upcoming = await context.loaders.contractVersion.load({ serviceId: service.id, version: next.version });
  if (!upcoming) throw new Error(`upcoming version ${next.version} of ${service.id} is missing`);
  return upcoming;
}

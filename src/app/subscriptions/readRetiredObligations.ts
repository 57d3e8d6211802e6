import type { ContractVersion } from '../../domain/contracts/version';
import { retiredObligations, type RetiredObligation } from '../../domain/obligations/history';
import type { AppContext } from '../context';
import { customerScope, loadStack } from './customer';
import { upcomingContractOf } from './readSubscriptions';

/**
 * Tracking records of obligations the customer no longer inherits, kept as history: the obligation
 * screens' reads, plus the versions subscriptions move onto next (batched, and only when one is coming).
 */
export async function readRetiredObligations(context: AppContext, customerOrganizationId: string | null | undefined): Promise<RetiredObligation[]> {
  const organizationId = customerScope(context, 'customer.read', customerOrganizationId);
  const stack = await loadStack(context, organizationId);
  const subscribed = new Set(stack.records.subscriptions.map((s) => s.serviceId));
  const upcoming = (
    await Promise.all(stack.records.subscriptions.filter((s) => stack.services.has(s.serviceId)).map((s) => upcomingContractOf(context, s)))
  ).filter((c): c is ContractVersion => c !== null);
  return retiredObligations(stack.entries, stack.records.tracking, subscribed, upcoming);
}

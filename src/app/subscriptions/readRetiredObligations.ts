import { retiredObligations, type RetiredObligation } from '../../domain/obligations/history';
import type { AppContext } from '../context';
import { customerScope, loadStack } from './customer';

/** Tracking records of obligations the customer no longer inherits, kept as history (same reads as the obligation screens). */
export async function readRetiredObligations(context: AppContext, customerOrganizationId: string | null | undefined): Promise<RetiredObligation[]> {
  const organizationId = customerScope(context, 'customer.read', customerOrganizationId);
  const stack = await loadStack(context, organizationId);
  const subscribed = new Set(stack.records.subscriptions.map((s) => s.serviceId));
  return retiredObligations(stack.entries, stack.records.tracking, subscribed);
}

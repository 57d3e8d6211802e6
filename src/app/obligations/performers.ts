import { controlPerformers, type ControlPerformers } from '../../domain/obligations/performers';
import type { AppContext } from '../context';
import { customerScope, loadStack } from '../subscriptions/customer';
import { readSupplyChain } from '../supplyChain';

/**
 * Who performs a subscribed service's part of a control, following its line down the supply chain.
 * Asked for obligations and coverage contributors of a stack the request has already read, which is
 * always the caller's own organization's (customer.read is for its own organization only).
 */
export async function performersOf(context: AppContext, subscriptionId: string, controlId: string): Promise<ControlPerformers> {
  const customerOrganizationId = customerScope(context, 'customer.read');
  const stack = await loadStack(context, customerOrganizationId);
  const entry = stack.entries.find((e) => e.subscription.id === subscriptionId);
  const service = entry && stack.services.get(entry.service.id);
  if (!entry || !service) throw new Error(`subscription ${subscriptionId} is not in the stack of ${customerOrganizationId}`);
  const chain = await readSupplyChain(context, service);
  return controlPerformers(controlId, { service: entry.service, responsibilities: entry.contract.responsibilities }, chain.contracts);
}

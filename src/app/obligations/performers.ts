import { controlPerformers, type ControlPerformers, type ServiceContract } from '../../domain/obligations/performers';
import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { customerScope, loadStack } from '../subscriptions/customer';
import { readSupplyChain } from '../supplyChain';
import { rememberServices } from './knownServices';

// Who performs a subscribed service's part of a control, following its line down the supply chain.
// Asked for obligations and coverage contributors of a stack the request has already read, which is
// always the caller's own organization's (customer.read is for its own organization only). A
// subscription's chain is read once per request; once read, each obligation's or contributor's
// answer is computed synchronously (no promise per object: see knownServices.ts).

interface Chain {
  readonly start: ServiceContract;
  readonly contracts: ReadonlyMap<string, ServiceContract>;
}

const chains = new WeakMap<AppContext, Map<string, Chain | Promise<Chain>>>();

function chainOf(context: AppContext, subscriptionId: string): Chain | Promise<Chain> {
  let bySubscription = chains.get(context);
  if (!bySubscription) chains.set(context, (bySubscription = new Map()));
  const found = bySubscription.get(subscriptionId);
  if (found) return found;
  const reading = readChain(context, subscriptionId).then((chain) => {
    bySubscription.set(subscriptionId, chain);
    return chain;
  });
  // A failed read is not kept: the next field asks again and gets the same error.
  reading.catch(() => bySubscription.delete(subscriptionId));
  bySubscription.set(subscriptionId, reading);
  return reading;
}

async function readChain(context: AppContext, subscriptionId: string): Promise<Chain> {
  const customerOrganizationId = customerScope(context, 'customer.read');
  const stack = await loadStack(context, customerOrganizationId);
  const entry = stack.entries.find((e) => e.subscription.id === subscriptionId);
  const service = entry && stack.services.get(entry.service.id);
  if (!entry || !service) throw new Error(`subscription ${subscriptionId} is not in the stack of ${customerOrganizationId}`);
  const chain = await readSupplyChain(context, service);
  // The chain's services are in the request's loader already (readSupplyChain read them through it).
  const upstream = await context.loaders.service.loadMany([...chain.contracts.keys()]);
  rememberServices(context, [service, ...upstream.filter((s): s is StoredService => !!s && !(s instanceof Error))]);
  return { start: { service: entry.service, responsibilities: entry.contract.responsibilities }, contracts: chain.contracts };
}

export function performersOf(context: AppContext, subscriptionId: string, controlId: string): ControlPerformers | Promise<ControlPerformers> {
  const chain = chainOf(context, subscriptionId);
  return chain instanceof Promise
    ? chain.then((c) => controlPerformers(controlId, c.start, c.contracts))
    : controlPerformers(controlId, chain.start, chain.contracts);
}

/** Reads the chains of these subscriptions (batched, once per request), so performersOf answers each field synchronously. */
export async function preparePerformers(context: AppContext, subscriptionIds: Iterable<string>): Promise<void> {
  await Promise.all([...new Set(subscriptionIds)].map((id) => chainOf(context, id)));
}

import { badInput } from '../../domain/errors';
import type { AppContext } from '../context';
import { readSupplyChain } from '../supplyChain';

/**
 * Upstreams a service is about to declare must exist, and must not lead back to the service itself
 * (a chain that loops has no bottom: nobody would be found to perform a control).
 */
export async function checkUpstreams(context: AppContext, service: { id: string | null; name: string }, upstreamServiceIds: readonly string[]): Promise<void> {
  const found = await context.loaders.service.loadMany(upstreamServiceIds);
  const problems = upstreamServiceIds.flatMap((id, i) =>
    found[i] instanceof Error || !found[i] ? [{ path: `upstreamServiceIds[${i}]`, message: `no cloud service "${id}"` }] : [],
  );
  if (problems.length) throw badInput(`Unknown upstream service: ${problems.map((p) => p.message).join('; ')}.`, problems);
  if (service.id === null) return; // a new service: nothing can be built on it yet
  const chain = await readSupplyChain(context, { id: service.id, name: service.name, upstreamServiceIds });
  if (chain.faults.some((f) => f.reason === 'CYCLE' && f.upstreamServiceId === service.id)) {
    throw badInput('These upstream services are themselves built on this service: a supply chain cannot loop.', [
      { path: 'upstreamServiceIds', message: 'creates a cycle' },
    ]);
  }
}

import type { UpstreamContract } from '../../domain/contracts/supplyChain';
import type { ServiceContract } from '../../domain/obligations/performers';
import type { StoredService } from '../../store/services';
import { memoized, type GraphQLContext } from '../context';

// Reading up a service's supply chain: its upstream services and their current contracts, one
// DataLoader batch per level, memoised per request.

const live = <T>(items: readonly (T | Error | null | undefined)[]): T[] => items.filter((x): x is T => !!x && !(x instanceof Error));

/** The current contracts of the service's declared upstreams (those that have published one). */
export function upstreamContracts(context: GraphQLContext, service: StoredService): Promise<UpstreamContract[]> {
  return memoized(context, `upstreams:${service.id}`, async () => {
    const upstreams = live(await context.loaders.service.loadMany(service.upstreamServiceIds)).filter((u) => u.currentVersion);
    const versions = await context.loaders.contractVersion.loadMany(upstreams.map((u) => `${u.id}#${u.currentVersion}`));
    return upstreams.flatMap((u, i) => {
      const version = versions[i];
      return version && !(version instanceof Error) ? [{ serviceId: u.id, serviceName: u.name, responsibilities: version.responsibilities }] : [];
    });
  });
}

/** Every service below `startServiceId` with its current contract, for following a control down. */
export function chainContracts(context: GraphQLContext, startServiceId: string): Promise<Map<string, ServiceContract>> {
  return memoized(context, `chain:${startServiceId}`, async () => {
    const contracts = new Map<string, ServiceContract>();
    const seen = new Set<string>([startServiceId]);
    let frontier = [startServiceId];
    for (let depth = 0; frontier.length && depth <= 10; depth++) {
      const services = live(await context.loaders.service.loadMany(frontier));
      const next: string[] = [];
      for (const s of services) for (const id of s.upstreamServiceIds) if (!seen.has(id)) (seen.add(id), next.push(id));
      const upstreams = live(await context.loaders.service.loadMany(next)).filter((u) => u.currentVersion);
      const versions = await context.loaders.contractVersion.loadMany(upstreams.map((u) => `${u.id}#${u.currentVersion}`));
      upstreams.forEach((u, i) => {
        const version = versions[i];
        if (version && !(version instanceof Error)) {
          contracts.set(u.id, { service: { id: u.id, name: u.name, providerOrganizationId: u.providerOrganizationId }, responsibilities: version.responsibilities });
        }
      });
      frontier = next;
    }
    return contracts;
  });
}

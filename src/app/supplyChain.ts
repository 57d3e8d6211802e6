import { compositeKey } from '../domain/compositeKey';
import type { UpstreamVersion } from '../domain/contracts/drift';
import type { ServiceContract } from '../domain/obligations/performers';
import { versionInEffect } from '../domain/contracts/version';
import { describeChainFault, MAX_CHAIN_DEPTH, type ChainFault } from '../domain/services/supplyChain';
import type { StoredService } from '../store/services';
import { memoized, type AppContext } from './context';

// The one reader of supply chains: drafts (what upstream contracts ask of this provider), validation
// (the same, plus whether the chain can be read at all), performers (who really does a control, down
// the chain) and service updates (would new upstreams make a loop). One depth limit, one cycle check,
// and faults reported, never silently read as "no upstreams".

export interface SupplyChain {
  /** The start's declared upstreams that have a published contract, with it: what its contract must account for. */
  readonly upstreams: readonly UpstreamVersion[];
  /** Every service below the start that has a published contract, by id, for following a control down. */
  readonly contracts: ReadonlyMap<string, ServiceContract>;
  /** Where the chain cannot be followed (unknown service, loop, deeper than MAX_CHAIN_DEPTH). */
  readonly faults: readonly ChainFault[];
  /** The faults in words a provider can act on. */
  readonly faultMessages: readonly string[];
}

interface ChainStart {
  readonly id: string;
  readonly name: string;
  /** The upstreams to read from: the stored ones, or those an update proposes. */
  readonly upstreamServiceIds: readonly string[];
}

/**
 * Reads the chain below `start` level by level (one batched read of services per level), then every
 * current contract in it in one batch. Memoised per request and upstream list.
 */
export function readSupplyChain(context: AppContext, start: ChainStart): Promise<SupplyChain> {
  return memoized(context, compositeKey('chain', start.id, ...start.upstreamServiceIds), async () => {
    const services = new Map<string, StoredService>();
    const edges = new Map<string, readonly string[]>([[start.id, start.upstreamServiceIds]]);
    const faults: ChainFault[] = [];
    const seen = new Set<string>([start.id]);
    let frontier: { parent: string; id: string }[] = start.upstreamServiceIds.map((id) => ({ parent: start.id, id }));
    for (let depth = 1; frontier.length > 0; depth++) {
      if (depth > MAX_CHAIN_DEPTH) {
        faults.push({ reason: 'TOO_DEEP', serviceId: frontier[0]!.parent, upstreamServiceId: frontier[0]!.id, depth });
        break;
      }
      const fresh = [...new Set(frontier.map((link) => link.id))].filter((id) => !seen.has(id));
      fresh.forEach((id) => seen.add(id));
      const found = await context.loaders.service.loadMany(fresh);
      for (const s of found) {
        if (!s || s instanceof Error) continue;
        services.set(s.id, s);
        edges.set(s.id, s.upstreamServiceIds);
      }
      const reported = new Set<string>();
      for (const { parent, id } of frontier) {
        if (fresh.includes(id) && !services.has(id) && !reported.has(id)) {
          reported.add(id);
          faults.push({ reason: 'UNKNOWN_SERVICE', serviceId: parent, upstreamServiceId: id, depth });
        }
      }
      // Links back to a service already read are loops or diamonds: cycles() below tells them apart.
      frontier = fresh.flatMap((id) => (services.get(id)?.upstreamServiceIds ?? []).map((up) => ({ parent: id, id: up }))).filter((link) => !seen.has(link.id));
    }
    faults.push(...cycles(start.id, edges));

    // Each upstream as its customers inherit it now: the version in effect, not one still to come
    // (a downstream contract answers for what is asked today; an upcoming version shows as drift once it applies).
    const published = [...services.values()].flatMap((s) => {
      const version = versionInEffect(s, context.clock());
      return version === null ? [] : [{ service: s, version }];
    });
    const versions = await context.loaders.contractVersion.loadMany(published.map(({ service, version }) => ({ serviceId: service.id, version })));
    const contracts = new Map<string, ServiceContract>();
    const publication = new Map<string, { version: number; publishedAt: string }>();
    published.forEach(({ service: s }, i) => {
      const version = versions[i];
      if (version && !(version instanceof Error)) {
        contracts.set(s.id, {
          service: { id: s.id, name: s.name, providerOrganizationId: s.providerOrganizationId },
          responsibilities: version.responsibilities,
        });
        publication.set(s.id, { version: version.version, publishedAt: version.publishedAt });
      }
    });
    const upstreams = start.upstreamServiceIds.flatMap((id) => {
      const contract = contracts.get(id);
      const when = publication.get(id);
      return contract && when ? [{ serviceId: id, serviceName: contract.service.name, responsibilities: contract.responsibilities, ...when }] : [];
    });
    const nameOf = (id: string) => (id === start.id ? start.name : (services.get(id)?.name ?? `service ${id}`));
    return { upstreams, contracts, faults, faultMessages: faults.map((f) => describeChainFault(f, nameOf)) };
  });
}

/** Every link that closes a loop, found by a depth-first walk from the start over the links read. */
function cycles(startId: string, edges: ReadonlyMap<string, readonly string[]>): ChainFault[] {
  const found: ChainFault[] = [];
  const onPath = new Set<string>();
  const done = new Set<string>();
  const visit = (id: string, depth: number) => {
    onPath.add(id);
    for (const next of edges.get(id) ?? []) {
      if (onPath.has(next)) found.push({ reason: 'CYCLE', serviceId: id, upstreamServiceId: next, depth: depth + 1 });
      else if (!done.has(next) && edges.has(next) && depth < MAX_CHAIN_DEPTH) visit(next, depth + 1);
    }
    onPath.delete(id);
    done.add(id);
  };
  visit(startId, 0);
  return found;
}

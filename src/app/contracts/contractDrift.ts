import { compositeKey } from '../../domain/compositeKey';
import { contractDrift, type DriftItem } from '../../domain/contracts/drift';
import type { ContractVersion } from '../../domain/contracts/version';
import { badInput } from '../../domain/errors';
import type { StoredService } from '../../store/services';
import { memoized, type AppContext } from '../context';
import { authorize } from '../policy';
import { readSupplyChain } from '../supplyChain';
import { currentContract } from './readContracts';

/**
 * What a published version of the service no longer matches in its upstreams' current contracts
 * (the service's current version unless one is given: a subscriber pinned to an older one sees that
 * version's drift). Published contracts are public, and so is their drift.
 */
export function driftOf(context: AppContext, service: StoredService, contract?: ContractVersion | null): Promise<DriftItem[]> {
  return memoized(context, compositeKey('drift', service.id, contract?.version ?? 'current'), async () => {
    authorize(context.caller, 'service.read', null);
    const version = contract ?? (await currentContract(context, service));
    if (!version || service.upstreamServiceIds.length === 0) return [];
    const { upstreams } = await readSupplyChain(context, service);
    return contractDrift({ serviceName: service.name, version: version.version, responsibilities: version.responsibilities }, upstreams);
  });
}

export interface StaleContract {
  readonly service: StoredService;
  readonly version: number;
  readonly drift: readonly DriftItem[];
}

/** A provider's services whose current published contract has drifted from its upstreams: what to publish again. */
export async function staleContracts(context: AppContext, providerOrganizationId: string | null | undefined): Promise<StaleContract[]> {
  authorize(context.caller, 'service.read', null);
  const provider = providerOrganizationId ?? context.caller.organizationId;
  if (!provider)
    throw badInput('Name the provider whose contracts to check (providerOrganizationId).', [{ path: 'providerOrganizationId', message: 'required' }]);
  const services: StoredService[] = [];
  for (let after: string | null = null, first = true; first || after; first = false) {
    const page: { items: StoredService[]; next: string | null } = await context.store.services.search({ providerOrganizationId: provider }, 100, after);
    services.push(...page.items);
    after = page.next;
  }
  const checked = await Promise.all(
    services.map(async (service) => ({ service, contract: await currentContract(context, service), drift: await driftOf(context, service) })),
  );
  return checked.flatMap(({ service, contract, drift }) => (contract && drift.length ? [{ service, version: contract.version, drift }] : []));
}

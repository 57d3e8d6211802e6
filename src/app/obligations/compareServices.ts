import { badInput, notFound } from '../../domain/errors';
import { compareServices as compare, comparisonSizeProblems, type ServiceComparison } from '../../domain/obligations/compare';
import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { inEffectVersion } from '../contracts/readContracts';
import { authorize } from '../policy';
import { rememberServices } from './knownServices';

/** Two to five services side by side on their current contracts, for procurement. */
export async function compareServices(context: AppContext, serviceIds: readonly string[]): Promise<ServiceComparison> {
  authorize(context.caller, 'service.compare', null);
  // Refuse a long list before loading anything for it; the domain checks the rest once loaded.
  const size = comparisonSizeProblems(serviceIds.length);
  if (size.length) throw badInput(`Compare two to five services (got ${serviceIds.length}).`, size);
  const services = await context.loaders.service.loadMany(serviceIds);
  const missing = serviceIds.filter((_, i) => !services[i] || services[i] instanceof Error);
  if (missing.length) throw notFound(`No cloud service ${missing.map((id) => `"${id}"`).join(', ')}.`);
  const live = services as StoredService[];
  rememberServices(context, live);
  const contracts = await context.loaders.contractVersion.loadMany(live.map((s) => ({ serviceId: s.id, version: inEffectVersion(context, s) ?? 0 })));
  return compare(
    context.catalogue,
    live.map((service, i) => {
      const contract = contracts[i];
      return { service, contract: contract && !(contract instanceof Error) ? contract : null };
    }),
    context.clock(),
  );
}

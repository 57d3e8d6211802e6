import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { requireService } from '../load';

// Services a request has already read (a customer's stack, a comparison, a supply chain), by id.
// Fields that name one of them (an obligation's service, a coverage contributor's, a performer's)
// answer from here synchronously: through the loader each was a promise of its own, and a screen of
// thousands of obligations spent half its time on graphql-js's promise path and AsyncLocalStorage's
// hooks for them. The objects are the loader's own, so the answer is the same either way.

const known = new WeakMap<AppContext, Map<string, StoredService>>();

/** Remembers services this request has loaded (through its loaders), for serviceOf. */
export function rememberServices(context: AppContext, services: Iterable<StoredService>): void {
  let byId = known.get(context);
  if (!byId) known.set(context, (byId = new Map()));
  for (const service of services) byId.set(service.id, service);
}

/** The service, synchronously when this request has already loaded it; else through the loader (NOT_FOUND when missing). */
export function serviceOf(context: AppContext, id: string): StoredService | Promise<StoredService> {
  return known.get(context)?.get(id) ?? requireService(context, id);
}

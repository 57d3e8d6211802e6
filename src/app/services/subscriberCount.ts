import type { StoredService } from '../../store/services';
import { memoized, type AppContext } from '../context';
import { authorize } from '../policy';

/** How many organizations subscribe to the service: a count for its provider's staff, never who. */
export async function subscriberCount(context: AppContext, service: StoredService): Promise<number> {
  authorize(context.caller, 'service.subscribers.count', service.providerOrganizationId);
  return memoized(context, `subscribers:${service.id}`, () => context.store.customers.countSubscribers(service.id));
}

import { decodeCursor, keysetPage, pageSize, type PageArgs } from '../../domain/pagination';
import type { ServiceSearch, StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { requireService } from '../load';
import { authorize } from '../policy';

export async function readCloudService(context: AppContext, id: string): Promise<StoredService> {
  authorize(context.caller, 'service.read', null);
  return requireService(context, id);
}

/** Services in name order matching every criterion given. */
export async function searchCloudServices(context: AppContext, filter: ServiceSearch | null | undefined, { first, after }: PageArgs) {
  authorize(context.caller, 'service.read', null);
  const { items, next } = await context.store.services.search(filter ?? {}, pageSize(first), after ? decodeCursor('service', after) : null);
  return keysetPage(items, next, after, 'service', (s) => `${s.name.toLowerCase()}#${s.id}`);
}

import { forbidden } from '../../domain/errors';
import type { ItemContent } from '../../domain/monitoring/items';
import { normalizeScope } from '../../domain/monitoring/report';
import type { StoredMonitoringItem } from '../../store/monitoring';
import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { authorize, isAllowed } from '../policy';
import { relationTo } from './sources';

/** One revision of an item as the API shows it. */
export interface ItemRevisionView {
  readonly id: string;
  readonly revision: number;
  readonly reportedAt: string;
  readonly content: ItemContent;
}

/**
 * One item a monitoring client reported, with the revisions it replaced: who may read a source's
 * month reports may read its items (the provider's people every source, a subscribing customer's
 * the provider's and its own). One GetItem.
 */
export async function readMonitoringItem(
  context: AppContext,
  service: StoredService,
  args: { readonly id: string; readonly scope?: { readonly region?: string | null; readonly tier?: string | null } | null; readonly source?: string | null },
): Promise<StoredMonitoringItem | null> {
  const organizationId = context.caller.organizationId;
  const relation = isAllowed(context.caller, 'monitoring.read', organizationId) ? await relationTo(context, service, organizationId) : null;
  authorize(context.caller, 'monitoring.read', relation ? organizationId : service.providerOrganizationId);
  const source = args.source ?? (relation ? organizationId! : service.providerOrganizationId);
  if (relation === 'CUSTOMER' && source !== organizationId && source !== service.providerOrganizationId)
    throw forbidden(`A customer reads the provider's items and its own, not those of organization ${source}.`);
  return context.store.monitoring.item(service.id, normalizeScope(args.scope), source, args.id);
}

/** The item's revisions, latest first. */
export const revisionsOf = (item: StoredMonitoringItem): { current: ItemRevisionView; history: ItemRevisionView[] } => ({
  current: { id: item.id, revision: item.revision, reportedAt: item.reportedAt, content: item.content },
  history: item.history.map((h) => ({ id: item.id, revision: h.revision, reportedAt: h.reportedAt, content: h.content })),
});

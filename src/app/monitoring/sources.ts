import type { SourceKind } from '../../domain/monitoring/report';
import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { customerRecords } from '../subscriptions/customer';

/** How an organization stands to a service for monitoring: its provider, a subscribing customer, or neither (null). */
export async function relationTo(context: AppContext, service: StoredService, organizationId: string | null): Promise<SourceKind | null> {
  if (organizationId === null) return null;
  if (organizationId === service.providerOrganizationId) return 'PROVIDER';
  const { subscriptions } = await customerRecords(context, organizationId);
  return subscriptions.some((s) => s.serviceId === service.id) ? 'CUSTOMER' : null;
}

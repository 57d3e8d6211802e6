import type { MonitoringSource, SourceKind } from '../../domain/monitoring/report';
import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { authorize, isAllowed } from '../policy';

/**
 * How an organization stands to a service for monitoring: its provider, a subscribing customer, or
 * neither (null). A subscription is one item of the customer's partition, read alone: a monitor's
 * every batch must not read the customer's whole partition to find it.
 */
export async function relationTo(context: AppContext, service: StoredService, organizationId: string | null): Promise<SourceKind | null> {
  if (organizationId === null) return null;
  if (organizationId === service.providerOrganizationId) return 'PROVIDER';
  return (await context.store.customers.subscribes(organizationId, service.id)) ? 'CUSTOMER' : null;
}

/**
 * The source a monitoring client reports as: its organization, as the service's provider or as a
 * subscribing customer. Only a MONITOR's organization is looked up; anyone else is refused (FORBIDDEN)
 * before any further read.
 */
export async function reportingSource(context: AppContext, service: StoredService): Promise<MonitoringSource> {
  const organizationId = context.caller.organizationId;
  const kind = isAllowed(context.caller, 'monitoring.report', organizationId) ? await relationTo(context, service, organizationId) : null;
  authorize(context.caller, 'monitoring.report', kind ? organizationId : service.providerOrganizationId);
  return { organizationId: organizationId!, kind: kind! };
}

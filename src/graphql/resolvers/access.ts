import { forbidden, notFound } from '../../domain/errors';
import { hasRole, requireRoleIn, type Caller } from '../../domain/identity/caller';
import type { StoredService } from '../../store/services';
import type { GraphQLContext } from '../context';

// Who may do what with a cloud service and its contract, decided in one place.

export async function loadService(context: GraphQLContext, id: string): Promise<StoredService> {
  const service = await context.loaders.service.load(id);
  if (!service) throw notFound(`No cloud service "${id}".`);
  return service;
}

/** For read-modify-write: a strongly consistent read, so the write's condition sees the truth. */
export async function loadServiceForUpdate(context: GraphQLContext, id: string): Promise<StoredService> {
  const service = await context.store.services.get(id);
  if (!service) throw notFound(`No cloud service "${id}".`);
  return service;
}

/** Editing a service or its draft: PROVIDER_ADMIN of the service's provider organization. */
export function requireProviderAdmin(caller: Caller, service: StoredService): void {
  requireRoleIn(caller, service.providerOrganizationId, 'PROVIDER_ADMIN');
}

/** Drafts are the provider's own work in progress: only its admins and auditors may read them. */
export function requireDraftReader(caller: Caller, service: StoredService): void {
  const insider = caller.organizationId === service.providerOrganizationId && (hasRole(caller, 'PROVIDER_ADMIN') || hasRole(caller, 'AUDITOR'));
  if (!insider) throw forbidden(`Only ${service.name}'s provider can see its draft contract; read its published versions instead.`);
}

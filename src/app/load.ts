import { notFound } from '../domain/errors';
import type { Organization } from '../domain/organizations/organization';
import type { StoredService } from '../store/services';
import type { AppContext } from './context';

// Loading what a use case is about, with the NOT_FOUND a client gets when it is not there.

export async function requireService(context: AppContext, id: string): Promise<StoredService> {
  const service = await context.loaders.service.load(id);
  if (!service) throw notFound(`No cloud service "${id}".`);
  return service;
}

/** For read-modify-write: a strongly consistent read, so the write's expectation sees the truth. */
export async function requireServiceForUpdate(context: AppContext, id: string): Promise<StoredService> {
  const service = await context.store.services.get(id);
  if (!service) throw notFound(`No cloud service "${id}".`);
  return service;
}

export async function requireOrganization(context: AppContext, id: string): Promise<Organization> {
  const organization = await context.loaders.organization.load(id);
  if (!organization) throw notFound(`No organization "${id}".`);
  return organization;
}

/** An organization that stored data names (a service's provider): its absence is a bug, not a client error. */
export async function referencedOrganization(context: AppContext, id: string): Promise<Organization> {
  const organization = await context.loaders.organization.load(id);
  if (!organization) throw new Error(`stored data names missing organization ${id}`);
  return organization;
}

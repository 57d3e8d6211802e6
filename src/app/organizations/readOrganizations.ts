import type { Organization } from '../../domain/organizations/organization';
import { decodeCursor, keysetPage, pageSize, type PageArgs } from '../../domain/pagination';
import type { AppContext } from '../context';
import { requireOrganization } from '../load';
import { authorize } from '../policy';

export async function readOrganization(context: AppContext, id: string): Promise<Organization> {
  authorize(context.caller, 'organization.read', null);
  return requireOrganization(context, id);
}

/** All organizations in name order, a page at a time. */
export async function listOrganizations(context: AppContext, { first, after }: PageArgs) {
  authorize(context.caller, 'organization.read', null);
  const { items, next } = await context.store.organizations.list(pageSize(first), after ? decodeCursor('organization', after) : null);
  return keysetPage(items, next, after, 'organization', (o) => `${o.name.toLowerCase()}#${o.id}`);
}

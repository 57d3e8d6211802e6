import { validateNewOrganization, type NewOrganization, type Organization } from '../../domain/organizations/organization';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { authorize } from '../policy';

export async function createOrganization(context: AppContext, input: NewOrganization): Promise<Organization> {
  authorize(context.caller, 'organization.create', null);
  const valid = validateNewOrganization(input);
  const organization: Organization = {
    id: context.newId(),
    name: valid.name,
    kinds: valid.kinds,
    website: valid.website ?? null,
    description: valid.description ?? null,
    createdAt: nowIso(context),
  };
  await context.store.commit({
    changes: [{ kind: 'organization.create', organization }],
    audit: audited(
      context,
      'organization.create',
      { type: 'Organization', id: organization.id, organizationId: organization.id },
      `created organization "${organization.name}" (${organization.kinds.join(', ')})`,
    ),
    conflictMessage: `Organization ${organization.id} already exists.`,
  });
  return organization;
}

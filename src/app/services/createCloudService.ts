import { badInput } from '../../domain/errors';
import { validateCloudService, type NewCloudService } from '../../domain/services/service';
import type { StoredService } from '../../store/services';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { requireOrganization } from '../load';
import { authorize } from '../policy';
import { checkUpstreams } from './upstreams';

export type CreateCloudServiceInput = Omit<NewCloudService, 'providerOrganizationId'> & { readonly providerOrganizationId?: string | null };

export async function createCloudService(context: AppContext, input: CreateCloudServiceInput): Promise<StoredService> {
  const providerOrganizationId = input.providerOrganizationId ?? context.caller.organizationId ?? '';
  authorize(context.caller, 'service.create', providerOrganizationId);
  const fields = validateCloudService({ ...input, providerOrganizationId });
  const provider = await requireOrganization(context, providerOrganizationId);
  if (!provider.kinds.includes('PROVIDER')) {
    throw badInput(`${provider.name} is not registered as a provider; ask an Onus operator to add the PROVIDER kind.`, [
      { path: 'providerOrganizationId', message: 'not a provider' },
    ]);
  }
  await checkUpstreams(context, { id: null, name: fields.name }, fields.upstreamServiceIds);
  const now = nowIso(context);
  const service: StoredService = { id: context.newId(), ...fields, createdAt: now, updatedAt: now, currentVersion: null, scheduledVersions: [] };
  await context.store.commit({
    changes: [{ kind: 'service.create', service }],
    audit: audited(
      context,
      'cloudService.create',
      { type: 'CloudService', id: service.id, organizationId: providerOrganizationId },
      `created cloud service "${service.name}" (${service.serviceModel})`,
      {
        serviceModel: service.serviceModel,
        upstreamServiceIds: service.upstreamServiceIds,
        changeNoticeDays: service.changeNoticeDays,
      },
    ),
    conflictMessage: `Cloud service ${service.id} already exists.`,
  });
  return service;
}

import { mergeCloudServiceChanges, validateCloudService, type CloudServiceChanges } from '../../domain/services/service';
import type { StoredService } from '../../store/services';
import { audited } from '../audit';
import { fieldChanges } from '../auditChanges';
import { nowIso, type AppContext } from '../context';
import { requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { checkUpstreams } from './upstreams';

/** A field left out (undefined) keeps its value; null clears an optional one. Required fields cannot be cleared. */
export type CloudServiceUpdate = { readonly [K in keyof CloudServiceChanges]?: CloudServiceChanges[K] | null };

export async function updateCloudService(context: AppContext, id: string, input: CloudServiceUpdate): Promise<StoredService> {
  const current = await requireServiceForUpdate(context, id);
  authorize(context.caller, 'service.update', current.providerOrganizationId);
  // A null name fails validation as empty; null models keep theirs.
  const { name, serviceModel, deploymentModel, ...optional } = input;
  const changes = {
    ...optional,
    ...(name !== undefined ? { name: name ?? '' } : {}),
    ...(serviceModel ? { serviceModel } : {}),
    ...(deploymentModel ? { deploymentModel } : {}),
  } as CloudServiceChanges;
  const fields = validateCloudService(mergeCloudServiceChanges(current, changes), id);
  await checkUpstreams(context, { id, name: fields.name }, fields.upstreamServiceIds);
  const updated: StoredService = { ...current, ...fields, updatedAt: nowIso(context) };
  const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => input[k] !== undefined);
  await context.store.commit({
    changes: [{ kind: 'service.replace', service: updated, previous: current }],
    audit: audited(
      context,
      'cloudService.update',
      { type: 'CloudService', id, organizationId: current.providerOrganizationId },
      `updated cloud service "${updated.name}": ${changed.join(', ') || 'nothing'}`,
      {
        fields: changed,
        changes: fieldChanges(current, updated, changed as (keyof StoredService & string)[]),
      },
    ),
    conflictMessage: `Cloud service "${current.name}" was changed by someone else meanwhile; read it again and retry.`,
  });
  return updated;
}

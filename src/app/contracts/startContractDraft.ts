import type { Commitments } from '../../domain/contracts/commitments';
import { accountForUpstream } from '../../domain/contracts/supplyChain';
import { templateResponsibilities } from '../../domain/contracts/template';
import type { ContractDraft } from '../../domain/contracts/version';
import { badInput } from '../../domain/errors';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { referencedOrganization, requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { readSupplyChain } from '../supplyChain';
import { contractTarget } from './drafts';

export type DraftSource = 'TEMPLATE' | 'LATEST_VERSION';

export async function startContractDraft(context: AppContext, serviceId: string, from: DraftSource): Promise<ContractDraft> {
  const service = await requireServiceForUpdate(context, serviceId);
  authorize(context.caller, 'contract.draft.edit', service.providerOrganizationId);
  let responsibilities;
  // A new version keeps the latest one's commitments until the provider changes them; a template promises nothing yet.
  let commitments: Commitments | undefined;
  let basedOnVersion: number | null = null;
  if (from === 'LATEST_VERSION') {
    if (!service.currentVersion)
      throw badInput(`${service.name} has no published version yet: start from TEMPLATE.`, [{ path: 'from', message: 'no published version' }]);
    const latest = await context.loaders.contractVersion.load({ serviceId, version: service.currentVersion });
    if (!latest) throw new Error(`current version ${service.currentVersion} of ${service.id} is missing`);
    responsibilities = latest.responsibilities;
    commitments = latest.commitments;
    basedOnVersion = latest.version;
  } else {
    const provider = await referencedOrganization(context, service.providerOrganizationId);
    responsibilities = templateResponsibilities(context.catalogue, service.serviceModel, context.newId, { providerName: provider.name });
  }
  // Obligations the upstream contracts put on this provider arrive as proposals (passed down, in the
  // upstream's words, where the line asks its customers something; performed otherwise), which the
  // provider must confirm before publishing.
  responsibilities = accountForUpstream(responsibilities, (await readSupplyChain(context, service)).upstreams, context.newId);
  const now = nowIso(context);
  const draft: ContractDraft = {
    serviceId,
    revision: 1,
    basedOnVersion,
    responsibilities,
    ...(commitments ? { commitments } : {}),
    createdAt: now,
    updatedAt: now,
    updatedBy: context.caller.subject,
  };
  await context.store.commit({
    changes: [{ kind: 'draft.create', draft }],
    audit: audited(
      context,
      'contract.draft.start',
      contractTarget(service),
      `started a draft contract for "${service.name}" from ${from === 'TEMPLATE' ? `the ${service.serviceModel} template` : `version ${basedOnVersion}`}`,
      {
        from,
        basedOnVersion,
      },
    ),
    conflictMessage: `${service.name} already has a draft contract: edit it, or discard it first.`,
  });
  return draft;
}

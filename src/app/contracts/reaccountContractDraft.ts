import { plural } from '../../domain/text';
import { accountForUpstream } from '../../domain/contracts/supplyChain';
import type { ContractDraft } from '../../domain/contracts/version';
import type { AppContext } from '../context';
import { requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { readSupplyChain } from '../supplyChain';
import { editableDraft } from './drafts';
import { saveDraft } from './saveDraft';

/**
 * Re-runs the supply-chain accounting on the draft against the upstreams as they are now (after the
 * service's upstreams changed, or an upstream published a new version): what the provider decided
 * and still applies is kept, stale answers are dropped, new upstream obligations arrive as proposals.
 */
export async function reaccountContractDraft(context: AppContext, serviceId: string, revision: number): Promise<ContractDraft> {
  const service = await requireServiceForUpdate(context, serviceId);
  authorize(context.caller, 'contract.draft.edit', service.providerOrganizationId);
  const draft = await editableDraft(context, service, revision);
  const { upstreams } = await readSupplyChain(context, service);
  return saveDraft(context, service, draft, accountForUpstream(draft.responsibilities, upstreams, context.newId), {
    action: 'contract.draft.reaccount',
    summary: (next) =>
      `re-ran the supply-chain accounting of the draft of "${service.name}" against ${plural(upstreams.length, 'upstream contract')} (revision ${next})`,
    details: { upstreams: upstreams.map((u) => u.serviceId) },
  });
}

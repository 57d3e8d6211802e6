import { plural } from '../../domain/text';
import { confirmHandlings } from '../../domain/contracts/supplyChain';
import { upstreamHandlingsOf } from '../../domain/contracts/responsibility';
import type { ContractDraft } from '../../domain/contracts/version';
import { badInput } from '../../domain/errors';
import type { AppContext } from '../context';
import { requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { editableDraft } from './drafts';
import { saveDraft } from './saveDraft';

/** The provider accepts Onus's proposed upstream handlings on the given controls (all, when none are named). */
export async function confirmUpstreamHandlings(
  context: AppContext,
  serviceId: string,
  revision: number,
  controlIds: readonly string[] | null | undefined,
): Promise<ContractDraft> {
  const service = await requireServiceForUpdate(context, serviceId);
  authorize(context.caller, 'contract.draft.edit', service.providerOrganizationId);
  const draft = await editableDraft(context, service, revision);
  const named = controlIds?.length ? new Set(controlIds.map((id) => id.trim())) : null;
  const proposedOn = new Set(draft.responsibilities.filter((r) => upstreamHandlingsOf(r).some((h) => h.proposed)).map((r) => r.controlId));
  const unknown = named ? [...named].filter((id) => !proposedOn.has(id)) : [];
  if (unknown.length) {
    throw badInput(
      `No proposal to confirm on ${unknown.join(', ')}: the draft has proposals on ${[...proposedOn].join(', ') || 'no control'}.`,
      unknown.map((id) => ({ path: 'controlIds', message: `no proposal on ${id}` })),
    );
  }
  const confirmed = named ?? proposedOn;
  return saveDraft(context, service, draft, confirmHandlings(draft.responsibilities, confirmed), {
    action: 'contract.draft.confirmUpstream',
    summary: (next) => `confirmed the proposed upstream handlings on ${plural(confirmed.size, 'control')} in the draft of "${service.name}" (revision ${next})`,
    details: { controlIds: [...confirmed] },
  });
}

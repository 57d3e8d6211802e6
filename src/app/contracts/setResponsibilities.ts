import { applyResponsibilityChanges, type ResponsibilityInput } from '../../domain/contracts/changes';
import type { ContractDraft } from '../../domain/contracts/version';
import { badInput } from '../../domain/errors';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { contractTarget, editableDraft } from './drafts';

/** Sets many controls' lines at once, on the draft at `revision`; the saved draft is at revision + 1. */
export async function setResponsibilities(context: AppContext, serviceId: string, revision: number, changes: readonly ResponsibilityInput[]): Promise<ContractDraft> {
  if (changes.length === 0) throw badInput('Send at least one responsibility to set.', [{ path: 'responsibilities', message: 'empty' }]);
  const service = await requireServiceForUpdate(context, serviceId);
  authorize(context.caller, 'contract.draft.edit', service.providerOrganizationId);
  const draft = await editableDraft(context, service, revision);
  const responsibilities = applyResponsibilityChanges(draft.responsibilities, changes, context.catalogue, context.newId);
  const next: ContractDraft = { ...draft, responsibilities, revision: draft.revision + 1, updatedAt: nowIso(context), updatedBy: context.caller.subject };
  const controlIds = changes.map((c) => c.controlId.trim());
  await context.store.commit({
    changes: [{ kind: 'draft.replace', draft: next, previous: draft }],
    audit: audited(context, 'contract.draft.update', contractTarget(service), `set ${controlIds.length} responsibilit${controlIds.length === 1 ? 'y' : 'ies'} in the draft of "${service.name}" (revision ${next.revision})`, {
      controlIds,
      revision: next.revision,
    }),
    conflictMessage: `The draft changed while you saved (it is no longer at revision ${revision}). Read it again and reapply your change.`,
  });
  return next;
}

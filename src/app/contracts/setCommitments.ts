import { plural } from '../../domain/text';
import { commitmentsFromInput, type CommitmentsInput } from '../../domain/contracts/commitmentInput';
import { diffCommitments } from '../../domain/contracts/commitmentTerms';
import type { ContractDraft } from '../../domain/contracts/version';
import type { AppContext } from '../context';
import { requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { editableDraft } from './drafts';
import { saveDraft } from './saveDraft';

/**
 * Replaces the draft's service-level commitments, on the draft at `revision`; the saved draft is at
 * revision + 1. Nothing is refused for its content: problems are the draft's, reported with the
 * others (ContractDraft.problems) and blocking the publish.
 */
export async function setCommitments(context: AppContext, serviceId: string, revision: number, input: CommitmentsInput): Promise<ContractDraft> {
  const service = await requireServiceForUpdate(context, serviceId);
  authorize(context.caller, 'contract.draft.edit', service.providerOrganizationId);
  const draft = await editableDraft(context, service, revision);
  const commitments = commitmentsFromInput(input);
  // The audit trail keeps each term that changed with its old and new target, as for responsibilities.
  const { changes } = diffCommitments(draft, { commitments });
  const termChanges = changes.map((c) => ({
    key: c.key,
    effect: c.effect,
    from: c.from ? { target: c.from.target, unit: c.from.unit } : null,
    to: c.to ? { target: c.to.target, unit: c.to.unit } : null,
  }));
  return saveDraft(
    context,
    service,
    draft,
    draft.responsibilities,
    {
      action: 'contract.draft.update',
      summary: (next) => `set the service-level commitments in the draft of "${service.name}" (revision ${next}): ${plural(changes.length, 'term')} changed`,
      details: { commitments: termChanges },
    },
    commitments,
  );
}

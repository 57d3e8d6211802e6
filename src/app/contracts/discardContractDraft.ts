import { audited } from '../audit';
import type { AppContext } from '../context';
import { requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { contractTarget, editableDraft } from './drafts';

export async function discardContractDraft(context: AppContext, serviceId: string, revision: number): Promise<true> {
  const service = await requireServiceForUpdate(context, serviceId);
  authorize(context.caller, 'contract.draft.edit', service.providerOrganizationId);
  const draft = await editableDraft(context, service, revision);
  await context.store.commit({
    changes: [{ kind: 'draft.delete', previous: draft }],
    audit: audited(context, 'contract.draft.discard', contractTarget(service), `discarded the draft contract of "${service.name}" at revision ${revision}`, {
      revision,
    }),
    conflictMessage: 'The draft changed meanwhile; read it again before discarding it.',
  });
  return true;
}

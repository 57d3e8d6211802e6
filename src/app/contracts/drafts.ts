import { conflict, notFound } from '../../domain/errors';
import type { AuditTarget } from '../../domain/audit/event';
import type { StoredDraft } from '../../store/contracts';
import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';

// What the draft use cases share: the audit target of a service's contract, and the draft an edit
// applies to, which must still be at the revision the client last read.

export const contractTarget = (service: StoredService): AuditTarget => ({
  type: 'CloudService',
  id: service.id,
  organizationId: service.providerOrganizationId,
});

export async function editableDraft(context: AppContext, service: StoredService, revision: number): Promise<StoredDraft> {
  const draft = await context.store.contracts.getDraft(service.id);
  if (!draft) throw notFound(`${service.name} has no draft contract; start one with startContractDraft.`);
  if (draft.revision !== revision) {
    throw conflict(`The draft is at revision ${draft.revision}, not ${revision}: someone saved it meanwhile. Read the draft again and reapply your change.`);
  }
  return draft;
}

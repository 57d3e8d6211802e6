import type { AuditAction } from '../../domain/audit/actions';
import type { Commitments } from '../../domain/contracts/commitments';
import type { Responsibility } from '../../domain/contracts/responsibility';
import type { ContractDraft } from '../../domain/contracts/version';
import type { StoredDraft } from '../../store/contracts';
import type { StoredService } from '../../store/services';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { contractTarget } from './drafts';

/** Saves new lines (and commitments, kept when not given) over the draft read at its revision, as revision + 1, with one audit event. */
export async function saveDraft(
  context: AppContext,
  service: StoredService,
  draft: StoredDraft,
  responsibilities: readonly Responsibility[],
  audit: { readonly action: AuditAction; readonly summary: (revision: number) => string; readonly details?: Readonly<Record<string, unknown>> },
  commitments: Commitments | undefined = draft.commitments,
): Promise<ContractDraft> {
  const next: ContractDraft = {
    ...draft,
    responsibilities,
    ...(commitments ? { commitments } : {}),
    revision: draft.revision + 1,
    updatedAt: nowIso(context),
    updatedBy: context.caller.subject,
  };
  await context.store.commit({
    changes: [{ kind: 'draft.replace', draft: next, previous: draft }],
    audit: audited(context, audit.action, contractTarget(service), audit.summary(next.revision), { ...audit.details, revision: next.revision }),
    conflictMessage: `The draft changed while you saved (it is no longer at revision ${draft.revision}). Read it again and reapply your change.`,
  });
  return next;
}

import { validateChangeNote, type ContractVersion } from '../../domain/contracts/version';
import { validationFailed } from '../../domain/errors';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { draftProblems } from './draftProblems';
import { contractTarget, editableDraft } from './drafts';

export async function publishContractDraft(context: AppContext, serviceId: string, revision: number, changeNote: string): Promise<ContractVersion> {
  const note = validateChangeNote(changeNote);
  const service = await requireServiceForUpdate(context, serviceId);
  authorize(context.caller, 'contract.publish', service.providerOrganizationId);
  const draft = await editableDraft(context, service, revision);
  const problems = await draftProblems(context, service, draft.responsibilities);
  if (problems.length) {
    throw validationFailed(
      `The draft cannot be published: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix (see extensions.problems).`,
      problems.map((p) => ({ path: p.controlId ?? 'draft', code: p.code, message: p.message })),
    );
  }
  const version: ContractVersion = {
    serviceId,
    version: (service.currentVersion ?? 0) + 1,
    changeNote: note,
    publishedAt: nowIso(context),
    publishedBy: context.caller.subject,
    responsibilities: draft.responsibilities,
  };
  // One transaction: the version, the pointer, the draft's removal and the audit event. Two
  // publishes of the same draft race on the draft's revision and the pointer; one of them wins.
  await context.store.commit({
    changes: [
      { kind: 'version.create', version },
      { kind: 'service.pointer', serviceId, from: service.currentVersion, to: version.version, at: version.publishedAt },
      { kind: 'draft.delete', previous: draft },
    ],
    audit: audited(context, 'contract.publish', contractTarget(service), `published version ${version.version} of the contract of "${service.name}"`, {
      version: version.version,
      previousVersion: service.currentVersion,
      revision,
    }),
    conflictMessage: `The draft of "${service.name}" was published or changed meanwhile; read the service again.`,
  });
  return version;
}

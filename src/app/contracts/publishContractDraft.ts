import { plural } from '../../domain/text';
import { commitmentsOf, noticeOwed as noticeFor } from '../../domain/contracts/commitments';
import { diffCommitments } from '../../domain/contracts/commitmentTerms';
import {
  decideEffectiveFrom,
  movesWork,
  scheduleAfterPublish,
  validateChangeNote,
  workMovedTowardCustomers,
  type ContractVersion,
} from '../../domain/contracts/version';
import { validationFailed } from '../../domain/errors';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { draftProblems } from './draftProblems';
import { contractTarget, editableDraft } from './drafts';

/**
 * Publishes the draft as the next version, taking effect at `effectiveFrom` (default: now). A version
 * that moves work toward customers needs the service's change notice (decideEffectiveFrom).
 */
export async function publishContractDraft(
  context: AppContext,
  serviceId: string,
  revision: number,
  changeNote: string,
  effectiveFrom?: Date | null,
): Promise<ContractVersion> {
  const note = validateChangeNote(changeNote);
  const service = await requireServiceForUpdate(context, serviceId);
  authorize(context.caller, 'contract.publish', service.providerOrganizationId);
  const draft = await editableDraft(context, service, revision);
  const problems = await draftProblems(context, service, draft.responsibilities, commitmentsOf(draft));
  if (problems.length) {
    throw validationFailed(
      `The draft cannot be published: ${plural(problems.length, 'problem')} to fix (see extensions.problems).`,
      problems.map((p) => ({ path: p.controlId ?? p.path ?? 'draft', controlId: p.controlId, code: p.code, message: p.message })),
    );
  }
  // Notice is measured against the latest published version: what an upcoming version already
  // announced was announced with notice; what this one adds on top needs its own.
  const latest = service.currentVersion ? await context.loaders.contractVersion.load({ serviceId, version: service.currentVersion }) : null;
  if (service.currentVersion && !latest) throw new Error(`version ${service.currentVersion} of ${serviceId} is missing`);
  // A weakened commitment (less uptime, a longer window, smaller credits…) is a change toward customers too.
  const weakened = latest
    ? diffCommitments(latest, draft)
        .changes.filter((c) => c.effect === 'WEAKENED')
        .map((c) => (c.from ?? c.to)!.label)
    : [];
  const moved = latest ? { ...workMovedTowardCustomers(latest.responsibilities, draft.responsibilities), commitmentsWeakened: weakened } : null;
  // The notice: the change-notice commitment of the version being published (never shorter than the
  // latest version's), else the service's setting (README, Versions take effect with notice).
  const notice = noticeFor(latest, draft, service.changeNoticeDays);
  // Notice protects subscribers that follow the latest version; with none, the provider may publish
  // at once (one COUNT Query, only when the version moves work and notice is promised).
  const noticeOwed = movesWork(moved) && notice.days > 0 && (await context.store.customers.countSubscribers(serviceId, 'FOLLOWING_LATEST')) > 0;
  const now = context.clock();
  const effective = decideEffectiveFrom({
    requested: effectiveFrom,
    now,
    changeNoticeDays: notice.days,
    noticeSource: notice.source,
    timeline: service,
    moved: noticeOwed ? moved : null,
  });
  const version: ContractVersion = {
    serviceId,
    version: (service.currentVersion ?? 0) + 1,
    changeNote: note,
    publishedAt: nowIso(context),
    publishedBy: context.caller.subject,
    effectiveFrom: effective,
    responsibilities: draft.responsibilities,
    ...(draft.commitments ? { commitments: draft.commitments } : {}),
  };
  const scheduledVersions = scheduleAfterPublish(service, { version: version.version, effectiveFrom: effective }, now);
  const later = effective > version.publishedAt;
  // One transaction: the version, the pointer, the draft's removal and the audit event. Two
  // publishes of the same draft race on the draft's revision and the pointer; one of them wins.
  await context.store.commit({
    changes: [
      { kind: 'version.create', version },
      { kind: 'service.pointer', serviceId, from: service.currentVersion, to: version.version, at: version.publishedAt, scheduledVersions },
      { kind: 'draft.delete', previous: draft },
    ],
    audit: audited(
      context,
      'contract.publish',
      contractTarget(service),
      `published version ${version.version} of the contract of "${service.name}", ${later ? `taking effect on ${effective}` : 'in effect now'}`,
      { version: version.version, previousVersion: service.currentVersion, revision, effectiveFrom: effective },
    ),
    conflictMessage: `The draft of "${service.name}" was published or changed meanwhile; read the service again.`,
  });
  return version;
}

import { applyResponsibilityChanges, type ResponsibilityInput } from '../../domain/contracts/changes';
import type { ContractDraft } from '../../domain/contracts/version';
import { badInput } from '../../domain/errors';
import { fieldChanges } from '../auditChanges';
import type { AppContext } from '../context';
import { requireServiceForUpdate } from '../load';
import { authorize } from '../policy';
import { readSupplyChain } from '../supplyChain';
import { editableDraft } from './drafts';
import { saveDraft } from './saveDraft';

/** Sets many controls' lines at once, on the draft at `revision`; the saved draft is at revision + 1. */
export async function setResponsibilities(
  context: AppContext,
  serviceId: string,
  revision: number,
  changes: readonly ResponsibilityInput[],
): Promise<ContractDraft> {
  if (changes.length === 0) throw badInput('Send at least one responsibility to set.', [{ path: 'responsibilities', message: 'empty' }]);
  const service = await requireServiceForUpdate(context, serviceId);
  authorize(context.caller, 'contract.draft.edit', service.providerOrganizationId);
  const draft = await editableDraft(context, service, revision);
  // A relay records the upstream's current wording of the obligation it passes on.
  const { upstreams } = await readSupplyChain(context, service);
  const wording = (upstreamServiceId: string, obligationId: string, controlId: string) =>
    upstreams
      .find((u) => u.serviceId === upstreamServiceId)
      ?.responsibilities.find((r) => r.controlId === controlId)
      ?.customerObligations.find((o) => o.id === obligationId)?.text ?? null;
  const responsibilities = applyResponsibilityChanges(draft.responsibilities, changes, context.catalogue, context.newId, wording);
  const controlIds = changes.map((c) => c.controlId.trim());
  // Ownership and status before and after, per control: what an auditor asks first (texts stay in the draft).
  const before = new Map(draft.responsibilities.map((r) => [r.controlId, r]));
  const lineChanges = responsibilities.flatMap((r) => {
    const old = before.get(r.controlId);
    const changed = old ? fieldChanges(old, r, ['ownership', 'status']) : { ownership: { from: null, to: r.ownership }, status: { from: null, to: r.status } };
    return controlIds.includes(r.controlId) && Object.keys(changed).length ? [{ controlId: r.controlId, ...changed }] : [];
  });
  return saveDraft(context, service, draft, responsibilities, {
    action: 'contract.draft.update',
    summary: (next) => `set ${controlIds.length} responsibilit${controlIds.length === 1 ? 'y' : 'ies'} in the draft of "${service.name}" (revision ${next})`,
    details: { controlIds, changes: lineChanges },
  });
}

import { notFound } from '../../domain/errors';
import { findObligation, validateTrackingInput, type TrackingInput, type TrackingRecord } from '../../domain/obligations/tracking';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { customerScope, loadStack } from '../subscriptions/customer';
import { upcomingContractOf } from '../subscriptions/readSubscriptions';

/**
 * Records the caller's organization's status on an obligation of its effective contract of a service,
 * or of the version it will move onto next (a customer prepares before the date).
 */
export async function recordObligationStatus(context: AppContext, input: TrackingInput): Promise<{ record: TrackingRecord; currentText: string }> {
  const organizationId = customerScope(context, 'customer.track');
  const stack = await loadStack(context, organizationId);
  const entry = stack.entries.find((e) => e.service.id === input.serviceId);
  if (!entry) throw notFound(`Your organization does not subscribe to service "${input.serviceId}".`);
  let contract = entry.contract;
  let found = findObligation(contract.responsibilities, input.obligationId);
  const upcoming = found
    ? null
    : await upcomingContractOf(
        context,
        stack.records.subscriptions.find((s) => s.id === entry.subscription.id)!,
      );
  if (upcoming) [contract, found] = [upcoming, findObligation(upcoming.responsibilities, input.obligationId)];
  const existing = stack.records.tracking.find((r) => r.serviceId === input.serviceId && r.obligationId === input.obligationId) ?? null;
  const fields = validateTrackingInput(input, {
    obligation: found?.obligation ?? null,
    existing,
    foundAt: found ? { controlId: found.controlId, contractVersion: contract.version } : null,
  });
  const record: TrackingRecord = { ...fields, updatedAt: nowIso(context), updatedBy: context.caller.subject };
  await context.store.commit({
    changes: [{ kind: 'tracking.put', customerOrganizationId: organizationId, record, previous: existing }],
    audit: audited(
      context,
      'obligation.status',
      { type: 'Subscription', id: entry.subscription.id, organizationId },
      `recorded ${record.status} for obligation ${record.obligationId} of "${entry.service.name}" (control ${found?.controlId})`,
      { serviceId: record.serviceId, obligationId: record.obligationId, from: existing?.status ?? 'NOT_STARTED', to: record.status },
    ),
    conflictMessage: 'Someone recorded a status for this obligation meanwhile; read it again and retry.',
  });
  return { record, currentText: found!.obligation.text };
}

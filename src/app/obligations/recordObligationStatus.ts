import { notFound } from '../../domain/errors';
import { findObligation, validateTrackingInput, type TrackingInput, type TrackingRecord } from '../../domain/obligations/tracking';
import { effectiveVersion } from '../../domain/subscriptions/subscription';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { inEffectVersion } from '../contracts/readContracts';
import { customerScope, readForUpdate } from '../subscriptions/customer';
import { upcomingContractOf } from '../subscriptions/readSubscriptions';

/**
 * Records the caller's organization's status on an obligation of its effective contract of a service,
 * or of the version it will move onto next (a customer prepares before the date). Reads only what the
 * decision needs, in one small consistent read (the subscription, its service, the obligation's
 * record) plus the contract version (from the warm cache): never the customer's whole partition.
 */
export async function recordObligationStatus(context: AppContext, input: TrackingInput): Promise<{ record: TrackingRecord; currentText: string }> {
  const organizationId = customerScope(context, 'customer.track');
  const { subscription, service, tracking: existing } = await readForUpdate(context, organizationId, input.serviceId, input.obligationId);
  const version = subscription && service ? effectiveVersion(subscription, inEffectVersion(context, service)) : null;
  const effective = version ? await context.loaders.contractVersion.load({ serviceId: input.serviceId, version }) : null;
  if (!subscription || !service || !effective) throw notFound(`Your organization does not subscribe to service "${input.serviceId}".`);
  let contract = effective;
  let found = findObligation(contract.responsibilities, input.obligationId);
  const upcoming = found ? null : await upcomingContractOf(context, subscription);
  if (upcoming) [contract, found] = [upcoming, findObligation(upcoming.responsibilities, input.obligationId)];
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
      { type: 'Subscription', id: subscription.id, organizationId },
      `recorded ${record.status} for obligation ${record.obligationId} of "${service.name}" (control ${found?.controlId})`,
      { serviceId: record.serviceId, obligationId: record.obligationId, from: existing?.status ?? 'NOT_STARTED', to: record.status },
    ),
    conflictMessage: 'Someone recorded a status for this obligation meanwhile; read it again and retry.',
  });
  return { record, currentText: found!.obligation.text };
}

import { compositeKey } from '../compositeKey';
import type { ContractVersion } from '../contracts/version';
import type { StackEntry } from './stack';
import type { TrackingRecord } from './tracking';

// A customer's tracking records outlive the obligations they are about: a provider's new version may
// drop an obligation, a customer may pin an older version or end a subscription. The record stays in
// the customer's partition and is shown here, as history, instead of vanishing from every view: an
// auditor asking "what did you do about X last year" gets the answer the customer recorded.

export type RetirementReason = 'NOT_IN_EFFECTIVE_CONTRACT' | 'NOT_SUBSCRIBED';

export interface RetiredObligation {
  readonly serviceId: string;
  readonly obligationId: string;
  readonly reason: RetirementReason;
  /** The version the subscription inherits now (which lacks the obligation); null when not subscribed or none in effect. */
  readonly effectiveVersion: number | null;
  readonly record: TrackingRecord;
}

/**
 * Every record whose obligation the customer no longer inherits, newest record first (then by
 * service and obligation id, for a stable order). `subscribedServiceIds`: every service the customer
 * subscribes to, including any whose stack entry could not be built (no version in effect).
 * `upcoming`: the versions subscriptions move onto next; a status recorded ahead on one of their
 * obligations is preparation, not history.
 */
export function retiredObligations(
  stack: readonly StackEntry[],
  records: readonly TrackingRecord[],
  subscribedServiceIds: ReadonlySet<string>,
  upcoming: readonly ContractVersion[] = [],
): RetiredObligation[] {
  const ids = (contract: ContractVersion) => contract.responsibilities.flatMap((r) => r.customerObligations.map((o) => o.id));
  const inherited = new Map(stack.map((e) => [e.service.id, { version: e.contract.version, ids: new Set(ids(e.contract)) }]));
  const coming = new Set(upcoming.flatMap((c) => ids(c).map((id) => compositeKey(c.serviceId, id))));
  const retired: RetiredObligation[] = [];
  for (const record of records) {
    const entry = inherited.get(record.serviceId);
    if (entry?.ids.has(record.obligationId) || coming.has(compositeKey(record.serviceId, record.obligationId))) continue;
    const subscribed = subscribedServiceIds.has(record.serviceId);
    retired.push({
      serviceId: record.serviceId,
      obligationId: record.obligationId,
      reason: subscribed ? 'NOT_IN_EFFECTIVE_CONTRACT' : 'NOT_SUBSCRIBED',
      effectiveVersion: subscribed ? (entry?.version ?? null) : null,
      record,
    });
  }
  return retired.sort(
    (a, b) => b.record.updatedAt.localeCompare(a.record.updatedAt) || a.serviceId.localeCompare(b.serviceId) || a.obligationId.localeCompare(b.obligationId),
  );
}

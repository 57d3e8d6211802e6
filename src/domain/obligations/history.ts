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
 */
export function retiredObligations(stack: readonly StackEntry[], records: readonly TrackingRecord[], subscribedServiceIds: ReadonlySet<string>): RetiredObligation[] {
  const inherited = new Map(stack.map((e) => [e.service.id, { version: e.contract.version, ids: new Set(e.contract.responsibilities.flatMap((r) => r.customerObligations.map((o) => o.id))) }]));
  const retired: RetiredObligation[] = [];
  for (const record of records) {
    const entry = inherited.get(record.serviceId);
    if (entry?.ids.has(record.obligationId)) continue;
    const subscribed = subscribedServiceIds.has(record.serviceId);
    retired.push({
      serviceId: record.serviceId,
      obligationId: record.obligationId,
      reason: subscribed ? 'NOT_IN_EFFECTIVE_CONTRACT' : 'NOT_SUBSCRIBED',
      effectiveVersion: subscribed ? entry?.version ?? null : null,
      record,
    });
  }
  return retired.sort(
    (a, b) => b.record.updatedAt.localeCompare(a.record.updatedAt) || a.serviceId.localeCompare(b.serviceId) || a.obligationId.localeCompare(b.obligationId),
  );
}

// Who carries a control for a service. The values are Onus's own, chosen so each maps without loss
// onto the vocabularies customers already use (see crosswalk.ts): CAIQ, FedRAMP CRM and OSCAL.
export const OWNERSHIPS = [
  'PROVIDER',
  'PROVIDER_VIA_UPSTREAM',
  'SHARED',
  'CUSTOMER_CONFIGURED',
  'CUSTOMER',
  'NOT_APPLICABLE',
] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** Ownerships where the provider (or its upstream) does something a customer relies on. */
export const PROVIDER_ACTS: readonly Ownership[] = ['PROVIDER', 'PROVIDER_VIA_UPSTREAM', 'SHARED'];
/** Ownerships where the customer has something to do. */
export const CUSTOMER_ACTS: readonly Ownership[] = ['SHARED', 'CUSTOMER_CONFIGURED', 'CUSTOMER'];

// How much of a control lands on the customer, least first. NOT_APPLICABLE is outside the scale: it
// removes the control rather than moving it between the parties.
const CUSTOMER_BURDEN: Readonly<Record<Exclude<Ownership, 'NOT_APPLICABLE'>, number>> = {
  PROVIDER: 0,
  PROVIDER_VIA_UPSTREAM: 1,
  SHARED: 2,
  CUSTOMER_CONFIGURED: 3,
  CUSTOMER: 4,
};

export type OwnershipShift = 'UNCHANGED' | 'TOWARD_CUSTOMER' | 'TOWARD_PROVIDER' | 'NOT_COMPARABLE';

/**
 * Which way a change of ownership moves the burden: TOWARD_CUSTOMER means customers now do more and
 * should be told. A move to or from NOT_APPLICABLE is NOT_COMPARABLE (the control left or entered scope).
 */
export function ownershipShift(from: Ownership, to: Ownership): OwnershipShift {
  if (from === to) return 'UNCHANGED';
  if (from === 'NOT_APPLICABLE' || to === 'NOT_APPLICABLE') return 'NOT_COMPARABLE';
  return CUSTOMER_BURDEN[to] > CUSTOMER_BURDEN[from] ? 'TOWARD_CUSTOMER' : 'TOWARD_PROVIDER';
}

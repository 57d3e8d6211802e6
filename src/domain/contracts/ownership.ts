// Who carries a control for a service. The values are Onus's own, chosen so each maps without loss
// onto the vocabularies customers already use (see crosswalk.ts): CAIQ, FedRAMP CRM and OSCAL.
export const OWNERSHIPS = ['PROVIDER', 'PROVIDER_VIA_UPSTREAM', 'SHARED', 'CUSTOMER_CONFIGURED', 'CUSTOMER', 'NOT_APPLICABLE'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/**
 * What each ownership means, stated once: validation, templates, coverage, performers and change
 * impact all read these traits instead of re-listing ownerships (they used to, and disagreed about
 * CUSTOMER_CONFIGURED). A test holds `providerSupplies` equal to the OSCAL crosswalk's `provided`.
 */
interface OwnershipTraits {
  /** The provider (or its upstream) supplies something a customer relies on: an OSCAL `provided` item. */
  readonly providerSupplies: boolean;
  /** The customer has something to do: the line must carry customer obligations. */
  readonly customerActs: boolean;
  /** The provider's part is carried by a named upstream service: follow the chain to find who acts. */
  readonly carriedUpstream: boolean;
  /** What the provider supplies is a capability the customer must configure (FedRAMP "customer-configured"). */
  readonly customerConfigures: boolean;
}

const TRAITS: Readonly<Record<Ownership, OwnershipTraits>> = {
  PROVIDER: { providerSupplies: true, customerActs: false, carriedUpstream: false, customerConfigures: false },
  PROVIDER_VIA_UPSTREAM: { providerSupplies: true, customerActs: false, carriedUpstream: true, customerConfigures: false },
  SHARED: { providerSupplies: true, customerActs: true, carriedUpstream: false, customerConfigures: false },
  // The provider offers the capability (and says what it is); the customer must configure it.
  CUSTOMER_CONFIGURED: { providerSupplies: true, customerActs: true, carriedUpstream: false, customerConfigures: true },
  CUSTOMER: { providerSupplies: false, customerActs: true, carriedUpstream: false, customerConfigures: false },
  NOT_APPLICABLE: { providerSupplies: false, customerActs: false, carriedUpstream: false, customerConfigures: false },
};

export const providerSupplies = (o: Ownership): boolean => TRAITS[o].providerSupplies;
export const customerActs = (o: Ownership): boolean => TRAITS[o].customerActs;
export const carriedUpstream = (o: Ownership): boolean => TRAITS[o].carriedUpstream;
export const customerConfigures = (o: Ownership): boolean => TRAITS[o].customerConfigures;
/** The provider's own organisation performs (its part of) the control, rather than an upstream. */
export const providerPerforms = (o: Ownership): boolean => providerSupplies(o) && !carriedUpstream(o);
/** The customer inherits the line as is, with nothing to do (when it is also implemented). */
export const providerOnly = (o: Ownership): boolean => providerSupplies(o) && !customerActs(o);

// How much of a control lands on the customer, least first. PROVIDER and PROVIDER_VIA_UPSTREAM ask
// the same of the customer (nothing: CAIQ CSP-side, FedRAMP "can be inherited: Yes"); they differ in
// who performs the provider's part. NOT_APPLICABLE is outside the scale: it removes the control
// rather than moving it between the parties.
const CUSTOMER_BURDEN: Readonly<Record<Exclude<Ownership, 'NOT_APPLICABLE'>, number>> = {
  PROVIDER: 0,
  PROVIDER_VIA_UPSTREAM: 0,
  SHARED: 1,
  CUSTOMER_CONFIGURED: 2,
  CUSTOMER: 3,
};

export const OWNERSHIP_SHIFTS = ['UNCHANGED', 'TOWARD_CUSTOMER', 'TOWARD_PROVIDER', 'OUTSOURCED', 'INSOURCED', 'NOT_COMPARABLE'] as const;
export type OwnershipShift = (typeof OWNERSHIP_SHIFTS)[number];

/**
 * Which way a change of ownership moves the work: TOWARD_CUSTOMER means customers now do more and
 * should be told. OUTSOURCED: the provider now has an upstream service perform what it performed
 * itself (a subprocessor; no more work for the customer, but a customer wants to know); INSOURCED is
 * the reverse. A move to or from NOT_APPLICABLE is NOT_COMPARABLE (the control left or entered scope).
 */
export function ownershipShift(from: Ownership, to: Ownership): OwnershipShift {
  if (from === to) return 'UNCHANGED';
  if (from === 'NOT_APPLICABLE' || to === 'NOT_APPLICABLE') return 'NOT_COMPARABLE';
  if (CUSTOMER_BURDEN[to] === CUSTOMER_BURDEN[from]) return carriedUpstream(to) ? 'OUTSOURCED' : 'INSOURCED';
  return CUSTOMER_BURDEN[to] > CUSTOMER_BURDEN[from] ? 'TOWARD_CUSTOMER' : 'TOWARD_PROVIDER';
}

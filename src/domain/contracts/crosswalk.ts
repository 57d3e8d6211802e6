import { OWNERSHIPS, type Ownership } from './ownership';

// Each Onus ownership expressed in the three vocabularies customers and auditors already use, so
// exports (CAIQ sheet, FedRAMP CRM, OSCAL) are a lookup, never a judgement made at export time.
// Source: the team's domain primer (CSA CAIQ v4, FedRAMP CRM template, OSCAL 1.1 SSP model).

export type CaiqOwnership = 'CSP-owned' | 'CSC-owned' | 'Shared CSP and CSC' | '3rd-party outsourced';
export type FedrampInheritable = 'Yes' | 'Partial' | 'No';

export interface OscalMapping {
  /** An `export.provided` item exists (what a customer may inherit). */
  readonly provided: boolean;
  /** How customer obligations become `export.responsibilities`. */
  readonly responsibility: 'NONE' | 'WITH_PROVIDED_UUID' | 'WITHOUT_PROVIDED_UUID';
  /** The provided item rests on a leveraged authorization (the upstream service's). */
  readonly leveragedAuthorization: boolean;
  /** The customer must configure what is provided (FedRAMP's "customer-configured" origination). */
  readonly customerConfigured: boolean;
  /** `implementation-status.state` forced by the ownership, or null when the status field decides. */
  readonly implementationState: 'not-applicable' | null;
}

export interface OwnershipCrosswalk {
  /** CAIQ v4 "SSRM Control Ownership"; null for NOT_APPLICABLE, which CAIQ records as an NA answer. */
  readonly caiq: CaiqOwnership | null;
  /** FedRAMP CRM "Can Be Inherited from CSP"; null for NOT_APPLICABLE (the control is out of scope). */
  readonly fedrampCanBeInherited: FedrampInheritable | null;
  readonly oscal: OscalMapping;
}

const oscal = (o: Partial<OscalMapping>): OscalMapping => ({
  provided: false,
  responsibility: 'NONE',
  leveragedAuthorization: false,
  customerConfigured: false,
  implementationState: null,
  ...o,
});

export const OWNERSHIP_CROSSWALK: Readonly<Record<Ownership, OwnershipCrosswalk>> = {
  PROVIDER: { caiq: 'CSP-owned', fedrampCanBeInherited: 'Yes', oscal: oscal({ provided: true }) },
  PROVIDER_VIA_UPSTREAM: {
    caiq: '3rd-party outsourced',
    fedrampCanBeInherited: 'Yes',
    oscal: oscal({ provided: true, leveragedAuthorization: true }),
  },
  SHARED: {
    caiq: 'Shared CSP and CSC',
    fedrampCanBeInherited: 'Partial',
    oscal: oscal({ provided: true, responsibility: 'WITH_PROVIDED_UUID' }),
  },
  // The primer allows "Shared or CSC-owned" / "No or Partial". We pick the shared reading: the
  // provider does supply the capability, and the customer inherits it once configured.
  CUSTOMER_CONFIGURED: {
    caiq: 'Shared CSP and CSC',
    fedrampCanBeInherited: 'Partial',
    oscal: oscal({ provided: true, responsibility: 'WITH_PROVIDED_UUID', customerConfigured: true }),
  },
  CUSTOMER: {
    caiq: 'CSC-owned',
    fedrampCanBeInherited: 'No',
    oscal: oscal({ responsibility: 'WITHOUT_PROVIDED_UUID' }),
  },
  NOT_APPLICABLE: { caiq: null, fedrampCanBeInherited: null, oscal: oscal({ implementationState: 'not-applicable' }) },
};

// The same table read backwards, for imports: where two ownerships share a format's value (CAIQ's
// "Shared CSP and CSC" is SHARED and CUSTOMER_CONFIGURED; OSCAL roles "provider" alone are PROVIDER
// and PROVIDER_VIA_UPSTREAM), the first in OWNERSHIPS order is read, so a round trip through the
// format keeps the format's value, never a value the table does not hold.

const spelling = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/** The ownership a CAIQ "SSRM Control Ownership" value reads as (case, spaces and hyphens aside), or null for a value CAIQ does not define. */
export function ownershipFromCaiq(value: string): Ownership | null {
  const wanted = spelling(value);
  return OWNERSHIPS.find((o) => OWNERSHIP_CROSSWALK[o].caiq !== null && spelling(OWNERSHIP_CROSSWALK[o].caiq!) === wanted) ?? null;
}

/** The ownership OSCAL responsible roles read as: whether the provider provides something and whether the customer has responsibilities. */
export function ownershipFromOscalRoles(provider: boolean, customer: boolean): Ownership {
  return OWNERSHIPS.find((o) => OWNERSHIP_CROSSWALK[o].oscal.provided === provider && (OWNERSHIP_CROSSWALK[o].oscal.responsibility !== 'NONE') === customer)!;
}

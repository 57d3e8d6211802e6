import type { Catalogue } from '../catalogue/catalogue';
import type { Ownership } from './ownership';

// One control's line in a contract: who owns it, what the provider does, what the customer must do.
// Ids are stable across versions because other documents (OSCAL SSPs, customers' own records) point
// at them: the provided item of a control and each customer obligation keep their ids until their
// meaning changes.

/** OSCAL implementation-status states, in Onus's enum spelling. */
export const IMPLEMENTATION_STATUSES = ['IMPLEMENTED', 'PARTIAL', 'PLANNED', 'ALTERNATIVE', 'NOT_APPLICABLE'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

export const EVIDENCE_KINDS = ['ATTESTATION_REPORT', 'CERTIFICATE', 'POLICY', 'DOCUMENTATION', 'OTHER'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface CustomerObligation {
  readonly id: string;
  readonly text: string;
  /**
   * The customer must do this to inherit the provider's capability on this control: an OSCAL
   * responsibility carrying the control's provided-uuid. False: the customer's own duty, unlinked.
   */
  readonly unlocksProvided: boolean;
  /**
   * The upstream obligations this one passes on to this service's customers (the line marks each
   * PASSED_DOWN). Optional because obligations stored before relays existed lack it: read it with
   * relaysOf (absent = none).
   */
  readonly relays?: readonly RelayedObligation[];
}

/** An upstream contract's obligation that a customer obligation passes on, in the upstream's words when relayed. */
export interface RelayedObligation {
  readonly upstreamServiceId: string;
  readonly obligationId: string;
  /** The upstream's wording when the relay was saved: what the end customer is really asked, and what drift is measured against. */
  readonly text: string;
}

export const relaysOf = (o: Pick<CustomerObligation, 'relays'>): readonly RelayedObligation[] => o.relays ?? [];

// Supply chain (ISO/IEC 27002 15.1.3): an obligation an upstream contract puts on its customers falls
// on this service's provider. Each line says, per such obligation on its control, whether the
// provider does it itself or hands it on to its own customers, so nothing is lost between layers.
export const UPSTREAM_HANDLINGS = [
  /** The provider does it; its provider statement on the control says how. */
  'PERFORMED',
  /** The provider's own customers must do it; the line carries the customer obligation(s) saying so. */
  'PASSED_DOWN',
] as const;
export type UpstreamHandling = (typeof UPSTREAM_HANDLINGS)[number];

export interface UpstreamObligationHandling {
  /** A declared upstream service of this service. */
  readonly upstreamServiceId: string;
  /** The id of a customer obligation on the same control in that upstream's current contract. */
  readonly obligationId: string;
  readonly handling: UpstreamHandling;
  /**
   * Onus pre-filled this answer when the draft was started or re-accounted; the provider has not
   * confirmed it yet, and a draft with proposals cannot be published. Absent: the provider's own.
   */
  readonly proposed?: boolean;
}

export interface Evidence {
  readonly kind: EvidenceKind;
  readonly title: string;
  /** Where a customer obtains it (a trust-centre page for gated reports). */
  readonly url: string;
}

export interface Responsibility {
  readonly controlId: string;
  readonly ownership: Ownership;
  /** What the provider does (CAIQ "CSP Implementation Description"). */
  readonly providerStatement: string | null;
  /** Stable id of the provider's OSCAL `provided` item for this control. */
  readonly providedId: string;
  /** What the customer must do (CAIQ "CSC Responsibilities", FedRAMP CRM third column). */
  readonly customerObligations: readonly CustomerObligation[];
  readonly status: ImplementationStatus;
  readonly evidence: readonly Evidence[];
  /** Why a control does not apply; required for NOT_APPLICABLE. */
  readonly justification: string | null;
  /** The upstream service that carries the control; required for PROVIDER_VIA_UPSTREAM. */
  readonly upstreamServiceId: string | null;
  /**
   * How this line accounts for the upstream obligations on its control. Optional because versions
   * stored before supply-chain accounting lack it: read it with upstreamHandlingsOf (absent = none).
   */
  readonly upstreamObligations?: readonly UpstreamObligationHandling[];
}

/** A line's upstream handlings; versions stored before the field existed have none. */
export const upstreamHandlingsOf = (r: Pick<Responsibility, 'upstreamObligations'>): readonly UpstreamObligationHandling[] => r.upstreamObligations ?? [];

/** Limits on what a contract may hold: large enough for real CRM text, small enough for one item. */
export const RESPONSIBILITY_LIMITS = {
  providerStatement: 4000,
  obligationText: 2000,
  obligationsPerControl: 20,
  justification: 2000,
  evidencePerControl: 10,
  evidenceTitle: 200,
  evidenceUrl: 2000,
  upstreamServiceId: 100,
  upstreamObligationsPerControl: 50,
  upstreamObligationId: 100,
  relaysPerObligation: 20,
} as const;

/** The part of the catalogue contracts need; tests may pass a smaller one. */
export type ControlIndex = Pick<Catalogue, 'controls' | 'control'>;

/** Generates ids for new provided items and obligations; injected so tests are deterministic. */
export type NewId = () => string;

// The stack layers a control concerns. Service models (IaaS/PaaS/SaaS) hand layers to the provider
// or leave them with the customer, which is how templates derive a default ownership per control.
export const LAYERS = ['DATA', 'IDENTITY_ACCESS', 'APPLICATION', 'NETWORK', 'OPERATING_SYSTEM', 'VIRTUALIZATION', 'PHYSICAL', 'GOVERNANCE'] as const;
export type Layer = (typeof LAYERS)[number];

export interface Clause {
  readonly number: string;
  readonly title: string;
  readonly objectives: readonly Objective[];
}

export interface Objective {
  readonly id: string;
  readonly clauseNumber: string;
  readonly title: string;
  readonly cloudSpecific: boolean;
  readonly controls: readonly Control[];
}

export interface Control {
  readonly id: string;
  readonly title: string;
  readonly clauseNumber: string;
  readonly objectiveId: string;
  /** True for the seven CLD controls that ISO/IEC 27017 adds to ISO/IEC 27002. */
  readonly cloudSpecific: boolean;
  readonly layers: readonly Layer[];
}

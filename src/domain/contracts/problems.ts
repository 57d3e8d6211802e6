// Every code a draft problem can carry, in one list: clients group and translate problems by code,
// so a code is never renamed once shipped. Each check module uses the subset it reports.

export const CONTRACT_PROBLEM_CODES = [
  /** A catalogue control has no line: CLD.6.3.1 wants the split to leave no gaps. */
  'MISSING_RESPONSIBILITY',
  /** SHARED, CUSTOMER_CONFIGURED or CUSTOMER without anything for the customer to do. */
  'MISSING_OBLIGATION',
  /** An ownership where the provider supplies something, without a word on what it supplies. */
  'MISSING_PROVIDER_STATEMENT',
  'MISSING_JUSTIFICATION',
  'MISSING_UPSTREAM',
  'UNDECLARED_UPSTREAM',
  /** PROVIDER, PROVIDER_VIA_UPSTREAM or NOT_APPLICABLE with customer obligations: they contradict it. */
  'UNEXPECTED_OBLIGATION',
  /**
   * The implementation status contradicts the ownership: NOT_APPLICABLE on a line where the provider
   * supplies something, or anything but NOT_APPLICABLE on a NOT_APPLICABLE line.
   */
  'STATUS_CONTRADICTS_OWNERSHIP',
  /** PROVIDER_VIA_UPSTREAM names an upstream whose own contract does not perform the control (CUSTOMER or NOT_APPLICABLE there). */
  'UPSTREAM_DOES_NOT_PERFORM',
  'TEXT_TOO_LONG',
  'TOO_MANY_ITEMS',
  'UNKNOWN_CONTROL',
  'DUPLICATE_CONTROL',
  // Supply chain (see supplyChain.ts).
  /** An upstream contract puts an obligation on this control that the line neither performs nor passes down. */
  'UNACCOUNTED_UPSTREAM_OBLIGATION',
  /** The line accounts for an upstream obligation that upstream's current contract does not have on this control. */
  'UNKNOWN_UPSTREAM_OBLIGATION',
  /** An upstream obligation marked PERFORMED on a line without a provider statement saying how. */
  'PERFORMED_WITHOUT_STATEMENT',
  /** An upstream obligation marked PASSED_DOWN that no customer obligation of the line relays. */
  'PASSED_DOWN_WITHOUT_OBLIGATION',
  /** A customer obligation relays an upstream obligation the line does not mark PASSED_DOWN. */
  'RELAY_WITHOUT_PASS_DOWN',
  /** Onus proposed how the line accounts for upstream obligations; the provider has not confirmed it. */
  'UNCONFIRMED_UPSTREAM_HANDLING',
  /**
   * The service's supply chain cannot be read to the bottom (an upstream that does not exist, a
   * cycle, a chain deeper than the limit): the accounting checks cannot be trusted until it is fixed.
   */
  'BROKEN_SUPPLY_CHAIN',
] as const;
export type ContractProblemCode = (typeof CONTRACT_PROBLEM_CODES)[number];

/** The codes the supply-chain checks report. */
export type SupplyChainProblemCode = Extract<
  ContractProblemCode,
  | 'UNACCOUNTED_UPSTREAM_OBLIGATION'
  | 'UNKNOWN_UPSTREAM_OBLIGATION'
  | 'PERFORMED_WITHOUT_STATEMENT'
  | 'PASSED_DOWN_WITHOUT_OBLIGATION'
  | 'RELAY_WITHOUT_PASS_DOWN'
  | 'UNCONFIRMED_UPSTREAM_HANDLING'
>;

export interface ContractProblem {
  readonly controlId: string | null;
  readonly code: ContractProblemCode;
  readonly message: string;
}

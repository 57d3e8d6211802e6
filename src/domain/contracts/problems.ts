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
  // SLA commitments (see commitmentValidation.ts); each problem's path says where in the commitments.
  /** The contract states commitments but neither an uptime target nor, explicitly, that it commits to none. */
  'AVAILABILITY_NOT_STATED',
  /** A percentage outside (0, 100], a number outside its limits, or a credit above the cap. */
  'COMMITMENT_OUT_OF_RANGE',
  /** A duration stated in a unit its kind does not take (a change notice in minutes). */
  'COMMITMENT_UNIT_MISMATCH',
  /** Credit tiers not from the highest threshold down with credits rising. */
  'COMMITMENT_TIERS_UNORDERED',
  /** Two credit tiers with the same threshold. */
  'COMMITMENT_TIERS_OVERLAP',
  /** A credit tier owed above the uptime target it applies to: credits in a month that meets the target. */
  'COMMITMENT_CREDIT_ABOVE_TARGET',
  /** Two targets (or credit schedules, or support targets) for the same scope or severity. */
  'COMMITMENT_DUPLICATE_SCOPE',
  /** Credits for a scope that has no uptime target, or credits without any target. */
  'COMMITMENT_UNKNOWN_SCOPE',
  /** A scope names a region the service does not offer. */
  'COMMITMENT_UNKNOWN_REGION',
  /** A commitment names a control that is not in the catalogue, or none. */
  'COMMITMENT_UNKNOWN_CONTROL',
  /** Uptime targets and an explicit "no availability commitment" at once. */
  'COMMITMENT_CONFLICT',
  /** A commitment missing a part it needs (targets without a downtime definition, an empty recovery). */
  'COMMITMENT_INCOMPLETE',
  /** Parts that contradict each other (SEV1 answered slower than SEV2, backups kept less than their interval). */
  'COMMITMENT_INCONSISTENT',
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
  /** Where in the contract's commitments, e.g. commitments.serviceCredits.schedules[0].tiers[1]; absent for lines. */
  readonly path?: string;
}

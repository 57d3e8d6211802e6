import { customerActs, providerSupplies } from './ownership';
import type { ContractProblem, ContractProblemCode } from './problems';
import { RESPONSIBILITY_LIMITS as L, upstreamHandlingsOf, type ControlIndex, type Responsibility } from './responsibility';
import { checkHandlingBacked, checkUpstreamAccounting, upstreamDuties, type UpstreamContract } from './supplyChain';

// What must hold before a draft is published. Unlike input checks, this reads the draft as a whole
// and reports every gap at once, each with a stable code a client can group or translate, and a
// message that says what to fix. It never throws: an incomplete draft is normal while editing.
// The codes are listed in problems.ts.

export interface ContractContext {
  /** The service's declared upstreams; PROVIDER_VIA_UPSTREAM must name one of them. */
  readonly upstreamServiceIds: readonly string[];
  /**
   * The current published contracts of the declared upstreams. When given, every obligation they
   * put on their customers must be accounted for; when absent those checks are skipped (the
   * behaviour before supply-chain accounting).
   */
  readonly upstreamContracts?: readonly UpstreamContract[] | null;
  /** Where the supply chain could not be read (messages written for the provider); each blocks publishing. */
  readonly chainFaults?: readonly string[];
}

/** Every problem that blocks publishing, in catalogue order; an empty list means publishable. */
export function validateContract(catalogue: ControlIndex, responsibilities: readonly Responsibility[], context: ContractContext): ContractProblem[] {
  const problems: ContractProblem[] = [];
  const byControl = new Map<string, Responsibility>();
  const late: ContractProblem[] = [];
  for (const r of responsibilities) {
    if (!catalogue.control(r.controlId)) {
      late.push({ controlId: r.controlId, code: 'UNKNOWN_CONTROL', message: `Control ${r.controlId} is not in the catalogue: remove its line.` });
    } else if (byControl.has(r.controlId)) {
      late.push({ controlId: r.controlId, code: 'DUPLICATE_CONTROL', message: `Control ${r.controlId} has more than one line: keep one.` });
    } else {
      byControl.set(r.controlId, r);
    }
  }
  const upstreams = new Set(context.upstreamServiceIds);
  const upstreamContracts = context.upstreamContracts ?? null;
  const duties = upstreamContracts ? upstreamDuties(upstreamContracts) : null;
  const withContracts = new Set(upstreamContracts?.map((c) => c.serviceId) ?? []);
  const names = new Map(upstreamContracts?.map((c) => [c.serviceId, c.serviceName]) ?? []);
  const nameOf = (id: string) => names.get(id) ?? `service ${id}`;
  for (const control of catalogue.controls) {
    const r = byControl.get(control.id);
    const add = (code: ContractProblemCode, message: string) =>
      problems.push({ controlId: control.id, code, message: `Control ${control.id} "${control.title}": ${message}` });
    if (!r) {
      add('MISSING_RESPONSIBILITY', 'has no responsibility; assign an ownership so the split leaves no gap (ISO/IEC 27017 CLD.6.3.1).');
      continue;
    }
    const obligations = r.customerObligations.filter((o) => hasText(o.text));
    if (customerActs(r.ownership) && obligations.length === 0) {
      add('MISSING_OBLIGATION', `is ${r.ownership} but says nothing the customer must do; add a customer obligation or change the ownership.`);
    }
    if (!customerActs(r.ownership) && obligations.length > 0) {
      add('UNEXPECTED_OBLIGATION', `is ${r.ownership} yet lists customer obligations; remove them or make the control SHARED.`);
    }
    if (providerSupplies(r.ownership) && !hasText(r.providerStatement)) {
      add('MISSING_PROVIDER_STATEMENT', `is ${r.ownership} but has no provider statement; describe what the provider does for this control.`);
    }
    if (r.ownership === 'NOT_APPLICABLE' && !hasText(r.justification)) {
      add('MISSING_JUSTIFICATION', 'is NOT_APPLICABLE without a justification; say why the control does not apply to this service.');
    }
    if (providerSupplies(r.ownership) && r.status === 'NOT_APPLICABLE') {
      add(
        'STATUS_CONTRADICTS_OWNERSHIP',
        `is ${r.ownership} with implementation status NOT_APPLICABLE; give the status of what the provider supplies (IMPLEMENTED, PARTIAL, PLANNED or ALTERNATIVE), or make the control NOT_APPLICABLE with a justification.`,
      );
    }
    if (r.ownership === 'NOT_APPLICABLE' && r.status !== 'NOT_APPLICABLE') {
      add('STATUS_CONTRADICTS_OWNERSHIP', `is NOT_APPLICABLE with implementation status ${r.status}; set the status to NOT_APPLICABLE too.`);
    }
    if (r.ownership === 'PROVIDER_VIA_UPSTREAM') {
      if (!hasText(r.upstreamServiceId)) {
        add('MISSING_UPSTREAM', 'is PROVIDER_VIA_UPSTREAM but names no upstream service; name the service that carries it.');
      } else if (!upstreams.has(r.upstreamServiceId!)) {
        add(
          'UNDECLARED_UPSTREAM',
          `names upstream service ${r.upstreamServiceId}, which the service does not declare; add it to the service's upstreams or name a declared one.`,
        );
      } else {
        const upstream = upstreamContracts?.find((c) => c.serviceId === r.upstreamServiceId);
        const theirs = upstream?.responsibilities.find((l) => l.controlId === control.id);
        if (upstream && theirs && !providerSupplies(theirs.ownership)) {
          add(
            'UPSTREAM_DOES_NOT_PERFORM',
            `is PROVIDER_VIA_UPSTREAM naming ${upstream.serviceName}, but ${upstream.serviceName}'s current contract makes this control ${theirs.ownership}: it performs nothing here. ` +
              `Make the line PROVIDER (your organisation performs it, and says how), ${theirs.ownership === 'NOT_APPLICABLE' ? 'NOT_APPLICABLE (with a justification), ' : ''}or name an upstream that performs it.`,
          );
        }
      }
    }
    const tooLong = (label: string, value: string | null, max: number) => {
      if (value !== null && value.length > max) add('TEXT_TOO_LONG', `${label} has ${value.length} characters; shorten it to at most ${max}.`);
    };
    tooLong('the provider statement', r.providerStatement, L.providerStatement);
    tooLong('the justification', r.justification, L.justification);
    r.customerObligations.forEach((o, i) => tooLong(`customer obligation ${i + 1}`, o.text, L.obligationText));
    r.evidence.forEach((e, i) => {
      tooLong(`the title of evidence ${i + 1}`, e.title, L.evidenceTitle);
      tooLong(`the url of evidence ${i + 1}`, e.url, L.evidenceUrl);
    });
    if (r.customerObligations.length > L.obligationsPerControl) {
      add('TOO_MANY_ITEMS', `has ${r.customerObligations.length} customer obligations; keep at most ${L.obligationsPerControl}.`);
    }
    if (r.evidence.length > L.evidencePerControl) add('TOO_MANY_ITEMS', `has ${r.evidence.length} evidence items; keep at most ${L.evidencePerControl}.`);
    const handlings = upstreamHandlingsOf(r).length;
    if (handlings > L.upstreamObligationsPerControl)
      add('TOO_MANY_ITEMS', `accounts for ${handlings} upstream obligations; keep at most ${L.upstreamObligationsPerControl}.`);
    checkHandlingBacked(r, add, nameOf);
    if (duties) checkUpstreamAccounting(r, duties.get(control.id) ?? [], withContracts, add, nameOf);
  }
  for (const message of context.chainFaults ?? []) late.push({ controlId: null, code: 'BROKEN_SUPPLY_CHAIN', message });
  return [...problems, ...late];
}

const hasText = (value: string | null): value is string => value !== null && value.trim() !== '';

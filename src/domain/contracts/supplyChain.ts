import { compositeKey } from '../compositeKey';
import type { Ownership } from './ownership';
import type { SupplyChainProblemCode } from './problems';
import {
  upstreamHandlingsOf,
  type CustomerObligation,
  type Responsibility,
  type UpstreamHandling,
  type UpstreamObligationHandling,
} from './responsibility';

// Responsibilities chain (ISO/IEC 27002 15.1.3): what an upstream contract asks of its customers, it
// asks of this service's provider. A downstream contract must answer every such obligation on the
// same control, PERFORMED or PASSED_DOWN, or it silently drops a duty its own customers may rely on.

/** The current published contract of one declared upstream service. */
export interface UpstreamContract {
  readonly serviceId: string;
  /** Named in messages, so a provider knows whose obligation it is without looking it up. */
  readonly serviceName: string;
  readonly responsibilities: readonly Responsibility[];
}

/** One obligation an upstream contract puts on this service's provider. */
export interface UpstreamDuty {
  readonly upstreamServiceId: string;
  readonly upstreamServiceName: string;
  readonly controlId: string;
  readonly obligation: CustomerObligation;
}

/**
 * Every obligation the upstream contracts put on their customers, by control. Any line carrying
 * obligations counts, whatever its ownership: an obligation is a duty whether or not the upstream
 * labelled the line consistently.
 */
export function upstreamDuties(upstreamContracts: readonly UpstreamContract[]): ReadonlyMap<string, readonly UpstreamDuty[]> {
  const byControl = new Map<string, UpstreamDuty[]>();
  for (const contract of upstreamContracts) {
    for (const line of contract.responsibilities) {
      for (const obligation of line.customerObligations) {
        const duties = byControl.get(line.controlId) ?? [];
        duties.push({ upstreamServiceId: contract.serviceId, upstreamServiceName: contract.serviceName, controlId: line.controlId, obligation });
        byControl.set(line.controlId, duties);
      }
    }
  }
  return byControl;
}

const key = (upstreamServiceId: string, obligationId: string) => compositeKey(upstreamServiceId, obligationId);

// A NOT_APPLICABLE line's justification already says why the control, and so anything upstream
// asks on it, is out of this service's scope; asking it to account obligation by obligation adds nothing.
const exempt = (ownership: Ownership) => ownership === 'NOT_APPLICABLE';
const hasText = (value: string | null): boolean => value !== null && value.trim() !== '';
const hasObligations = (r: Responsibility) => r.customerObligations.some((o) => hasText(o.text));

/**
 * Checks that need only the line itself: a handling must be backed by what the line says. They run
 * whether or not the upstream contracts are known.
 */
export function checkHandlingBacked(r: Responsibility, add: (code: SupplyChainProblemCode, message: string) => void): void {
  const handlings = upstreamHandlingsOf(r);
  const count = (h: UpstreamHandling) => handlings.filter((x) => x.handling === h).length;
  const performed = count('PERFORMED');
  if (performed > 0 && !hasText(r.providerStatement)) {
    add('PERFORMED_WITHOUT_STATEMENT', `marks ${plural(performed, 'upstream obligation')} PERFORMED but has no provider statement; say how the provider performs ${performed === 1 ? 'it' : 'them'}.`);
  }
  const passed = count('PASSED_DOWN');
  if (passed > 0 && !hasObligations(r)) {
    add('PASSED_DOWN_WITHOUT_OBLIGATION', `marks ${plural(passed, 'upstream obligation')} PASSED_DOWN but gives its customers no obligation; add the customer obligation that passes ${passed === 1 ? 'it' : 'them'} on.`);
  }
}

/**
 * Checks against the upstreams' current contracts: each upstream obligation on the control is
 * accounted for, and each handling names an obligation that exists there on the same control.
 */
export function checkUpstreamAccounting(
  r: Responsibility,
  duties: readonly UpstreamDuty[],
  upstreamServiceIds: ReadonlySet<string>,
  add: (code: SupplyChainProblemCode, message: string) => void,
): void {
  const handled = new Set(upstreamHandlingsOf(r).map((h) => key(h.upstreamServiceId, h.obligationId)));
  if (!exempt(r.ownership)) {
    for (const duty of duties) {
      if (handled.has(key(duty.upstreamServiceId, duty.obligation.id))) continue;
      add(
        'UNACCOUNTED_UPSTREAM_OBLIGATION',
        `upstream service ${duty.upstreamServiceName} requires of its customers: "${excerpt(duty.obligation.text)}" (obligation ${duty.obligation.id}), and this line does not account for it. ` +
          'Mark it PERFORMED if the provider does it (and say how in the provider statement), or PASSED_DOWN if your customers must (and add a customer obligation telling them).',
      );
    }
  }
  const known = new Set(duties.map((d) => key(d.upstreamServiceId, d.obligation.id)));
  for (const h of upstreamHandlingsOf(r)) {
    if (known.has(key(h.upstreamServiceId, h.obligationId))) continue;
    add(
      'UNKNOWN_UPSTREAM_OBLIGATION',
      upstreamServiceIds.has(h.upstreamServiceId)
        ? `accounts for obligation ${h.obligationId} of upstream service ${h.upstreamServiceId}, which that service's current contract does not put on this control; remove the entry (the upstream dropped or replaced it).`
        : `accounts for an obligation of service ${h.upstreamServiceId}, which is not an upstream of this service with a published contract; remove the entry or declare the upstream.`,
    );
  }
}

/**
 * Fills the handling defaults a new draft (from the template or a copy) needs to be publishable as
 * is: for each upstream obligation not yet accounted for, PASSED_DOWN when the line already gives its
 * customers obligations (the template's wording covers the customer's side of the control), else
 * PERFORMED when it has a provider statement. A line with neither is left for the provider to decide
 * (validation will point at it). Entries naming an obligation that a given upstream no longer has on
 * the control are dropped: they can only be stale copies, and publishing would refuse them. Entries
 * for upstreams whose contract is not given are kept, as nothing is known about them.
 */
export function accountForUpstream(responsibilities: readonly Responsibility[], upstreamContracts: readonly UpstreamContract[]): Responsibility[] {
  const duties = upstreamDuties(upstreamContracts);
  const given = new Set(upstreamContracts.map((c) => c.serviceId));
  return responsibilities.map((r) => {
    const onControl = duties.get(r.controlId) ?? [];
    const exists = new Set(onControl.map((d) => key(d.upstreamServiceId, d.obligation.id)));
    const current = upstreamHandlingsOf(r);
    const kept = current.filter((h) => !given.has(h.upstreamServiceId) || exists.has(key(h.upstreamServiceId, h.obligationId)));
    const handled = new Set(kept.map((h) => key(h.upstreamServiceId, h.obligationId)));
    const fallback: UpstreamHandling | null = exempt(r.ownership) ? null : hasObligations(r) ? 'PASSED_DOWN' : hasText(r.providerStatement) ? 'PERFORMED' : null;
    const added: UpstreamObligationHandling[] =
      fallback === null
        ? []
        : onControl
            .filter((d) => !handled.has(key(d.upstreamServiceId, d.obligation.id)))
            .map((d) => ({ upstreamServiceId: d.upstreamServiceId, obligationId: d.obligation.id, handling: fallback }));
    if (added.length === 0 && kept.length === current.length) return r;
    return { ...r, upstreamObligations: [...kept, ...added] };
  });
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Obligation texts run to 2000 characters; a message quotes enough to recognise one. */
function excerpt(text: string, max = 160): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

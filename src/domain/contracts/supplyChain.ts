import { excerpt, plural } from '../text';
import { compositeKey } from '../compositeKey';
import { customerActs, providerSupplies, type Ownership } from './ownership';
import type { SupplyChainProblemCode } from './problems';
import {
  relaysOf,
  RESPONSIBILITY_LIMITS,
  upstreamHandlingsOf,
  type CustomerObligation,
  type NewId,
  type Responsibility,
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
/** The upstream obligations some customer obligation of the line relays. */
const relayedOn = (r: Responsibility) => new Set(r.customerObligations.flatMap((o) => relaysOf(o).map((x) => key(x.upstreamServiceId, x.obligationId))));

type Add = (code: SupplyChainProblemCode, message: string) => void;

/**
 * Checks that need only the line itself: a handling must be backed by what the line says, and a
 * proposal Onus made must have been confirmed. They run whether or not the upstream contracts are known.
 */
export function checkHandlingBacked(r: Responsibility, add: Add, nameOf: (serviceId: string) => string = (id) => `service ${id}`): void {
  const handlings = upstreamHandlingsOf(r);
  const performed = handlings.filter((h) => h.handling === 'PERFORMED').length;
  if (performed > 0 && !hasText(r.providerStatement)) {
    add(
      'PERFORMED_WITHOUT_STATEMENT',
      `marks ${plural(performed, 'upstream obligation')} PERFORMED but has no provider statement; say how the provider performs ${performed === 1 ? 'it' : 'them'}.`,
    );
  }
  const relayed = relayedOn(r);
  const unrelayed = handlings.filter((h) => h.handling === 'PASSED_DOWN' && !relayed.has(key(h.upstreamServiceId, h.obligationId)));
  if (unrelayed.length > 0) {
    const which = unrelayed.map((h) => `obligation ${h.obligationId} of ${nameOf(h.upstreamServiceId)}`).join(', ');
    add(
      'PASSED_DOWN_WITHOUT_OBLIGATION',
      customerActs(r.ownership)
        ? `marks ${which} PASSED_DOWN but none of its customer obligations relays ${unrelayed.length === 1 ? 'it' : 'them'}; name ${unrelayed.length === 1 ? 'it' : 'each'} in the relays of the customer obligation that passes it on (or mark it PERFORMED).`
        : `marks ${which} PASSED_DOWN, but as ${r.ownership} the line gives its customers nothing to do; mark ${unrelayed.length === 1 ? 'it' : 'them'} PERFORMED (and say how in the provider statement), or make the line SHARED with a customer obligation that relays ${unrelayed.length === 1 ? 'it' : 'them'}.`,
    );
  }
  const passed = new Set(handlings.filter((h) => h.handling === 'PASSED_DOWN').map((h) => key(h.upstreamServiceId, h.obligationId)));
  r.customerObligations.forEach((o, i) => {
    for (const relay of relaysOf(o)) {
      if (passed.has(key(relay.upstreamServiceId, relay.obligationId))) continue;
      add(
        'RELAY_WITHOUT_PASS_DOWN',
        `customer obligation ${i + 1} relays obligation ${relay.obligationId} of ${nameOf(relay.upstreamServiceId)}, which this line does not mark PASSED_DOWN; mark it PASSED_DOWN in upstreamObligations, or remove the relay.`,
      );
    }
  });
  const proposed = handlings.filter((h) => h.proposed);
  if (proposed.length > 0) {
    const summary = (['PERFORMED', 'PASSED_DOWN'] as const)
      .map((h) => [h, proposed.filter((p) => p.handling === h).length] as const)
      .filter(([, n]) => n > 0)
      .map(([h, n]) => `${n} as ${h}`)
      .join(' and ');
    add(
      'UNCONFIRMED_UPSTREAM_HANDLING',
      `Onus proposed how this line accounts for ${plural(proposed.length, 'upstream obligation')} (${summary}); read ${proposed.length === 1 ? 'it' : 'them'}, then confirm with confirmUpstreamHandlings or change ${proposed.length === 1 ? 'it' : 'them'} with setResponsibilities.`,
    );
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
  nameOf: (serviceId: string) => string = (id) => `service ${id}`,
): void {
  const handled = new Set(upstreamHandlingsOf(r).map((h) => key(h.upstreamServiceId, h.obligationId)));
  if (!exempt(r.ownership)) {
    for (const duty of duties) {
      if (handled.has(key(duty.upstreamServiceId, duty.obligation.id))) continue;
      add(
        'UNACCOUNTED_UPSTREAM_OBLIGATION',
        `upstream service ${duty.upstreamServiceName} requires of its customers: "${excerpt(duty.obligation.text)}" (obligation ${duty.obligation.id}), and this line does not account for it. ` +
          (customerActs(r.ownership)
            ? 'Mark it PERFORMED if the provider does it (and say how in the provider statement), or PASSED_DOWN if your customers must (with a customer obligation that relays it); reaccountContractDraft proposes both.'
            : `Mark it PERFORMED and say in the provider statement how the provider does it (as ${r.ownership}, the line cannot pass it to customers); reaccountContractDraft proposes it.`),
      );
    }
  }
  const known = new Set(duties.map((d) => key(d.upstreamServiceId, d.obligation.id)));
  for (const h of upstreamHandlingsOf(r)) {
    if (known.has(key(h.upstreamServiceId, h.obligationId))) continue;
    add(
      'UNKNOWN_UPSTREAM_OBLIGATION',
      upstreamServiceIds.has(h.upstreamServiceId)
        ? `accounts for obligation ${h.obligationId} of upstream ${nameOf(h.upstreamServiceId)}, which that service's current contract does not put on this control; remove the entry (the upstream dropped or replaced it), or run reaccountContractDraft.`
        : `accounts for an obligation of service ${h.upstreamServiceId}, which is not an upstream of this service with a published contract; remove the entry or declare the upstream.`,
    );
  }
}

/**
 * Proposes how a draft accounts for its upstreams' current obligations, keeping what the provider
 * already decided. For each upstream obligation not yet accounted for on its control: on a line
 * where customers act, PASSED_DOWN relayed by a new customer obligation in the upstream's own words
 * (so the duty reaches end customers as written, not as a generic sentence); on a line where only
 * the provider acts, PERFORMED. Every answer Onus adds is a proposal the provider must confirm
 * before publishing. A PASSED_DOWN carried over without a relaying obligation (versions stored
 * before relays existed) gets one, as a proposal too. Entries naming an obligation that a given
 * upstream no longer has on the control are dropped with their relays: they can only be stale.
 * Entries for upstreams whose contract is not given are kept, as nothing is known about them.
 * NOT_APPLICABLE lines are left alone: their justification covers the control.
 */
export function accountForUpstream(
  responsibilities: readonly Responsibility[],
  upstreamContracts: readonly UpstreamContract[],
  newId: NewId,
): Responsibility[] {
  const duties = upstreamDuties(upstreamContracts);
  const given = new Set(upstreamContracts.map((c) => c.serviceId));
  return responsibilities.map((r) => {
    const onControl = duties.get(r.controlId) ?? [];
    const exists = new Set(onControl.map((d) => key(d.upstreamServiceId, d.obligation.id)));
    const live = (upstreamServiceId: string, obligationId: string) => !given.has(upstreamServiceId) || exists.has(key(upstreamServiceId, obligationId));
    const current = upstreamHandlingsOf(r);
    const kept = current.filter((h) => live(h.upstreamServiceId, h.obligationId));
    let obligations = r.customerObligations.map((o) => {
      const relays = relaysOf(o).filter((x) => live(x.upstreamServiceId, x.obligationId));
      return relays.length === relaysOf(o).length ? o : { ...o, relays };
    });
    if (exempt(r.ownership)) {
      return kept.length === current.length && obligations.every((o, i) => o === r.customerObligations[i])
        ? r
        : { ...r, customerObligations: obligations, upstreamObligations: kept };
    }
    const relayed = new Set(obligations.flatMap((o) => relaysOf(o).map((x) => key(x.upstreamServiceId, x.obligationId))));
    const handlings: UpstreamObligationHandling[] = [];
    const relayIn = (duty: UpstreamDuty) => {
      if (relayed.has(key(duty.upstreamServiceId, duty.obligation.id))) return true;
      if (obligations.length >= RESPONSIBILITY_LIMITS.obligationsPerControl) return false;
      const relay = { upstreamServiceId: duty.upstreamServiceId, obligationId: duty.obligation.id, text: duty.obligation.text };
      obligations = [...obligations, { id: newId(), text: duty.obligation.text, unlocksProvided: false, relays: [relay] }];
      relayed.add(key(duty.upstreamServiceId, duty.obligation.id));
      return true;
    };
    const handled = new Map(kept.map((h) => [key(h.upstreamServiceId, h.obligationId), h]));
    for (const h of kept) {
      const duty = onControl.find((d) => d.upstreamServiceId === h.upstreamServiceId && d.obligation.id === h.obligationId);
      const unrelayedPassDown = h.handling === 'PASSED_DOWN' && !relayed.has(key(h.upstreamServiceId, h.obligationId));
      handlings.push(unrelayedPassDown && duty && customerActs(r.ownership) && relayIn(duty) ? { ...h, proposed: true } : h);
    }
    for (const duty of onControl) {
      if (handled.has(key(duty.upstreamServiceId, duty.obligation.id))) continue;
      const ref = { upstreamServiceId: duty.upstreamServiceId, obligationId: duty.obligation.id, proposed: true };
      if (customerActs(r.ownership) && relayIn(duty)) handlings.push({ ...ref, handling: 'PASSED_DOWN' });
      else if (providerSupplies(r.ownership)) handlings.push({ ...ref, handling: 'PERFORMED' });
    }
    const unchanged =
      handlings.length === current.length &&
      handlings.every((h, i) => h === current[i]) &&
      obligations.length === r.customerObligations.length &&
      obligations.every((o, i) => o === r.customerObligations[i]);
    return unchanged ? r : { ...r, customerObligations: obligations, upstreamObligations: handlings };
  });
}

/** The provider confirms Onus's proposals on the given controls (all of them when null). */
export function confirmHandlings(responsibilities: readonly Responsibility[], controlIds: ReadonlySet<string> | null): Responsibility[] {
  return responsibilities.map((r) => {
    if (controlIds && !controlIds.has(r.controlId)) return r;
    const handlings = upstreamHandlingsOf(r);
    if (!handlings.some((h) => h.proposed)) return r;
    return { ...r, upstreamObligations: handlings.map(({ proposed: _proposed, ...h }) => h) };
  });
}

import { MAX_CHAIN_DEPTH } from '../services/supplyChain';
import { carriedUpstream, customerActs, providerPerforms, type Ownership } from '../contracts/ownership';
import { relaysOf, upstreamHandlingsOf, type Responsibility } from '../contracts/responsibility';
import type { StackService } from './stack';

// Who actually performs a control for a customer. A PROVIDER_VIA_UPSTREAM line says "my upstream
// does it": following those links down the supply chain names the organisation that really does
// (the SaaS's datacenter is its IaaS's). Where a line deep in the chain asks its customer to act,
// that customer is the provider one level up, not the subscriber: obligations chain with contracts.

/** A service with the contract a chain reads: the effective one for the subscribed service, the current one upstream. */
export interface ServiceContract {
  readonly service: StackService;
  readonly responsibilities: readonly Responsibility[];
}

/** Each service's line on the control along the chain, from the subscribed service (depth 0) down. */
export interface ChainLink {
  readonly serviceId: string;
  readonly providerOrganizationId: string;
  readonly ownership: Ownership;
  readonly depth: number;
}

export interface Performer {
  readonly serviceId: string;
  readonly providerOrganizationId: string;
  /** The ownership of the line that makes this party act. */
  readonly ownership: Ownership;
  readonly depth: number;
  /**
   * PROVIDER: the service's provider does (its part of) the control. CUSTOMER_OF_UPSTREAM: the
   * service's provider acts as the customer of the upstream at depth + 1, whose line asks it to.
   */
  readonly as: 'PROVIDER' | 'CUSTOMER_OF_UPSTREAM';
}

export const CHAIN_BREAKS = ['NO_LINE', 'NO_UPSTREAM_NAMED', 'UNKNOWN_SERVICE', 'CYCLE', 'TOO_DEEP', 'DUTY_NOT_ACCEPTED'] as const;
export type ChainBreakReason = (typeof CHAIN_BREAKS)[number];

/** Where the chain could not be followed: the service at `depth` is the last one known to answer for the control. */
export interface ChainBreak {
  readonly serviceId: string;
  readonly depth: number;
  readonly reason: ChainBreakReason;
}

export interface ControlPerformers {
  readonly controlId: string;
  readonly chain: readonly ChainLink[];
  readonly performers: readonly Performer[];
  /** The subscribing customer itself has something to do (the subscribed service's line asks it). */
  readonly customerActs: boolean;
  readonly broken: ChainBreak | null;
}

/**
 * Follows the control from the subscribed service `start` down its PROVIDER_VIA_UPSTREAM links,
 * reading each upstream in `contracts` (by service id), until a line that someone performs.
 */
export function controlPerformers(controlId: string, start: ServiceContract, contracts: ReadonlyMap<string, ServiceContract>): ControlPerformers {
  const chain: ChainLink[] = [];
  const performers: Performer[] = [];
  const visited = new Set<string>();
  let subscriberActs = false;
  let broken: ChainBreak | null = null;
  const lines: Responsibility[] = [];
  let current = start;
  for (let depth = 0; ; depth += 1) {
    const { service } = current;
    visited.add(service.id);
    const line = current.responsibilities.find((r) => r.controlId === controlId);
    if (!line) {
      broken = { serviceId: service.id, depth, reason: 'NO_LINE' };
      break;
    }
    const link: ChainLink = { serviceId: service.id, providerOrganizationId: service.providerOrganizationId, ownership: line.ownership, depth };
    chain.push(link);
    lines.push(line);
    if (carriedUpstream(line.ownership)) {
      const next = line.upstreamServiceId?.trim() || null;
      const upstream = next === null ? undefined : contracts.get(next);
      const reason: ChainBreakReason | null =
        next === null
          ? 'NO_UPSTREAM_NAMED'
          : visited.has(next)
            ? 'CYCLE'
            : depth + 1 > MAX_CHAIN_DEPTH
              ? 'TOO_DEEP'
              : upstream === undefined
                ? 'UNKNOWN_SERVICE'
                : null;
      if (reason !== null || upstream === undefined) {
        broken = { serviceId: service.id, depth, reason: reason ?? 'UNKNOWN_SERVICE' };
        break;
      }
      current = upstream;
      continue;
    }
    if (providerPerforms(line.ownership)) performers.push({ ...link, as: 'PROVIDER' });
    if (customerActs(line.ownership)) {
      // The line asks its customer to act: the subscriber at depth 0; deeper, the provider one level
      // up, but only for what that provider accepted (PERFORMED); what it PASSED_DOWN travels up to
      // its own customers the same way. A duty nobody up the chain accounted for is named as such,
      // never pinned on a party that did not accept it.
      const duty = followDuty(line, depth, lines, chain);
      performers.push(...duty.performers);
      if (duty.subscriberActs) subscriberActs = true;
      if (duty.unaccepted) broken = duty.unaccepted;
    }
    // NOT_APPLICABLE: nobody performs it, which is the answer.
    break;
  }
  return { controlId, chain, performers, customerActs: subscriberActs, broken };
}

/**
 * Who takes on the customer side of `line` (at `depth`, below the subscribed service): each provider
 * up the chain either PERFORMS an upstream obligation, PASSES it DOWN (relayed by its own obligations,
 * which then travel one level further up), or did not account for it at all.
 */
function followDuty(line: Responsibility, depth: number, lines: readonly Responsibility[], chain: readonly ChainLink[]) {
  const performers: Performer[] = [];
  let subscriberActs = false;
  let unaccepted: ChainBreak | null = null;
  if (depth === 0) return { performers, subscriberActs: true, unaccepted };
  let from = chain[depth]!.serviceId;
  let ids = new Set(line.customerObligations.map((o) => o.id));
  for (let holder = depth - 1; ids.size > 0; holder -= 1) {
    if (holder < 0) {
      subscriberActs = true;
      break;
    }
    const link = chain[holder]!;
    const handlings = upstreamHandlingsOf(lines[holder]!).filter((h) => h.upstreamServiceId === from && ids.has(h.obligationId));
    if (handlings.length < ids.size) unaccepted = { serviceId: link.serviceId, depth: holder, reason: 'DUTY_NOT_ACCEPTED' };
    if (handlings.some((h) => h.handling === 'PERFORMED')) {
      performers.push({
        serviceId: link.serviceId,
        providerOrganizationId: link.providerOrganizationId,
        ownership: line.ownership,
        depth: holder,
        as: 'CUSTOMER_OF_UPSTREAM',
      });
    }
    const passed = new Set(handlings.filter((h) => h.handling === 'PASSED_DOWN').map((h) => h.obligationId));
    ids = new Set(
      lines[holder]!.customerObligations.filter((o) => relaysOf(o).some((r) => r.upstreamServiceId === from && passed.has(r.obligationId))).map((o) => o.id),
    );
    from = link.serviceId;
  }
  return { performers, subscriberActs, unaccepted };
}

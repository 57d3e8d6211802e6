// A service's supply chain: the services it is built on, their upstreams, and so on down. Real
// chains are short (SaaS on PaaS on IaaS); anything deeper than this is a data error or a loop
// through ids Onus does not hold, so every reader of a chain stops here and says so.
export const MAX_CHAIN_DEPTH = 10;

export const CHAIN_FAULTS = ['UNKNOWN_SERVICE', 'CYCLE', 'TOO_DEEP'] as const;
export type ChainFaultReason = (typeof CHAIN_FAULTS)[number];

/** Where a chain cannot be followed: `serviceId` names `upstreamServiceId`, which breaks it. */
export interface ChainFault {
  readonly reason: ChainFaultReason;
  readonly serviceId: string;
  readonly upstreamServiceId: string;
  /** How far below the start the faulty link is (1: one of the start's own upstreams). */
  readonly depth: number;
}

/** A fault in words a provider can act on; `nameOf` turns ids into the names the provider knows. */
export function describeChainFault(fault: ChainFault, nameOf: (serviceId: string) => string): string {
  const from = nameOf(fault.serviceId);
  switch (fault.reason) {
    case 'UNKNOWN_SERVICE':
      return `${from} is built on service ${fault.upstreamServiceId}, which does not exist; fix ${from}'s upstream services.`;
    case 'CYCLE':
      return `${from} is built on ${nameOf(fault.upstreamServiceId)}, which is itself built on ${from} further down: a supply chain cannot loop. Remove one of the links.`;
    case 'TOO_DEEP':
      return `The supply chain below ${from} is deeper than ${MAX_CHAIN_DEPTH} services; Onus reads no further. Check for a mistaken upstream link.`;
  }
}

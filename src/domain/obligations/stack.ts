import type { ContractVersion } from '../contracts/version';
import type { Subscription } from '../subscriptions/subscription';

// A customer's stack: every service it subscribes to, each with the contract version it inherits
// from (the pinned version or the latest, see effectiveVersion). The obligation views all read it;
// loading it is the caller's job, so they stay pure.

/** What the obligation views need to say about a service: whose it is and what it is called. */
export interface StackService {
  readonly id: string;
  readonly name: string;
  readonly providerOrganizationId: string;
}

/**
 * `S` is whatever the caller loaded the service as (at least a StackService): views that hand it back
 * (a coverage contributor's service) give the caller its own object, not a copy.
 */
export interface StackEntry<S extends StackService = StackService> {
  readonly subscription: Pick<Subscription, 'id' | 'serviceId'>;
  readonly service: S;
  /** The subscription's effective contract version. */
  readonly contract: ContractVersion;
}

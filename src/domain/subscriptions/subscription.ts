import { badInput, type Problem } from '../errors';
import { isIsoDate } from '../services/certification';
import { SERVICE_LIMITS } from '../services/service';

// A customer's use of one cloud service: the contract it inherits obligations from. By default a
// subscription follows the service's latest version in effect (a version published with a later
// effective date waits until then, see contracts/version.ts); a customer that must not see its
// obligations move under it (an audit in progress) pins a version and moves on deliberately.

export interface Subscription {
  readonly id: string;
  readonly customerOrganizationId: string;
  readonly serviceId: string;
  /** The contract version the customer holds to; null follows the latest version in effect. */
  readonly pinnedVersion: number | null;
  /** Where the customer uses the service: some of the service's own region codes, lower case. */
  readonly regions: readonly string[];
  /** When the customer started (or starts) using the service, YYYY-MM-DD. */
  readonly startDate: string;
  /**
   * The last version whose changes the customer has taken note of (see obligations/changeImpact.ts).
   * Set to the effective version when the subscription is created: a new subscriber reads the whole
   * contract, not a diff. Null only in data stored before acknowledgement existed.
   */
  readonly acknowledgedVersion: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewSubscription {
  readonly customerOrganizationId: string;
  readonly serviceId: string;
  readonly pinnedVersion?: number | null;
  readonly regions?: readonly string[] | null;
  readonly startDate: string;
}

/** What validation needs to know about the service subscribed to. */
export interface SubscribableService {
  readonly id: string;
  readonly regions: readonly string[];
  /** The latest published contract version; null when none is published yet. */
  readonly currentVersion: number | null;
  /** The latest version in effect now (versionInEffect); null when none is in effect yet. */
  readonly versionInEffect: number | null;
}

/** A subscription as validated, before the store gives it an id and timestamps. */
export type SubscriptionFields = Omit<Subscription, 'id' | 'createdAt' | 'updatedAt'>;

/** The version whose obligations the subscription inherits: the pinned one, else the latest in effect. */
export function effectiveVersion(subscription: Pick<Subscription, 'pinnedVersion'>, versionInEffect: number | null): number | null {
  return subscription.pinnedVersion ?? versionInEffect;
}

/**
 * Checks and normalises a new subscription (trims ids, lower-cases and dedupes regions); throws
 * BAD_USER_INPUT listing every problem. An empty region list is allowed: it means the customer has
 * not said where it uses the service (a global service may declare no regions at all).
 */
export function validateNewSubscription(input: NewSubscription, service: SubscribableService): SubscriptionFields {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const customerOrganizationId = input.customerOrganizationId.trim();
  if (!customerOrganizationId) add('customerOrganizationId', 'must name the customer organization');

  const serviceId = input.serviceId.trim();
  if (serviceId !== service.id) add('serviceId', `names ${serviceId || 'no service'}, not the service checked (${service.id})`);
  // Without a published version there is nothing to inherit; subscribing would show an empty contract.
  if (service.currentVersion === null) add('serviceId', 'the service has no published contract version yet, so there is nothing to subscribe to');
  else if (service.versionInEffect === null)
    add('serviceId', "the service's first contract version is not in effect yet, so there is nothing to subscribe to until it is");

  const pinnedVersion = input.pinnedVersion ?? null;
  if (pinnedVersion !== null) {
    if (!Number.isInteger(pinnedVersion) || pinnedVersion < 1) add('pinnedVersion', `must be a positive whole version number (got ${pinnedVersion})`);
    else if (service.currentVersion !== null && pinnedVersion > service.currentVersion) {
      add('pinnedVersion', `version ${pinnedVersion} is not published; the latest is ${service.currentVersion}`);
    } else if (pinnedVersion > (service.versionInEffect ?? 0)) {
      // The provider does not stand behind a version before its effective date.
      add(
        'pinnedVersion',
        `version ${pinnedVersion} is published but not in effect yet${service.versionInEffect ? `; the version in effect is ${service.versionInEffect}` : ''}: pin it once it takes effect`,
      );
    }
  }

  // Region codes are lower case at every hyperscaler, as on the service (see validateCloudService).
  const offered = new Set(service.regions.map((r) => r.toLowerCase()));
  const regions = [...new Set((input.regions ?? []).map((r) => r.trim().toLowerCase()))];
  if (regions.length > SERVICE_LIMITS.regions) add('regions', `must list at most ${SERVICE_LIMITS.regions} regions (got ${regions.length})`);
  regions.forEach((region, i) => {
    if (!offered.has(region)) {
      const choice = offered.size ? `one of ${[...offered].join(', ')}` : 'none: the service declares no regions';
      add(`regions[${i}]`, `"${region}" is not a region of the service (${choice})`);
    }
  });

  const startDate = input.startDate.trim();
  if (!isIsoDate(startDate)) add('startDate', `"${startDate}" is not a date written YYYY-MM-DD`);

  if (problems.length) {
    throw badInput(`The subscription is not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
  }
  return {
    customerOrganizationId,
    serviceId,
    pinnedVersion,
    regions,
    startDate,
    // The customer reads the contract it subscribes to: that is its acknowledged baseline.
    acknowledgedVersion: effectiveVersion({ pinnedVersion }, service.versionInEffect),
  };
}

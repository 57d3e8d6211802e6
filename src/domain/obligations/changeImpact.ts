import { diffCommitments, type CommitmentChange } from '../contracts/commitmentTerms';
import { diffContracts, type ObligationChange } from '../contracts/diff';
import { providerSupplies, type Ownership, type OwnershipShift } from '../contracts/ownership';
import type { CustomerObligation, ImplementationStatus } from '../contracts/responsibility';
import type { ContractVersion } from '../contracts/version';
import type { Subscription } from '../subscriptions/subscription';
import { trackingLookup, type TrackingRecord } from './tracking';

// What a provider's new version means for one subscriber: from the version the customer last
// acknowledged to the one it now inherits. Built on diffContracts, keeping only what changes the
// customer's work (obligations, ownership, whether the provider's side is in place); rewordings of
// provider statements and evidence links are left to the full diff.

export interface ObligationAtControl {
  readonly controlId: string;
  readonly obligation: CustomerObligation;
  /** The customer's record on it, when the caller attached one (withTracking). */
  readonly tracking?: TrackingRecord | null;
}

export interface ObligationChangeAtControl extends ObligationChange {
  readonly controlId: string;
}

export interface OwnershipMove {
  readonly controlId: string;
  /** null when the control is new in the effective version. */
  readonly from: Ownership | null;
  /** null when the control is gone from the effective version. */
  readonly to: Ownership | null;
}

export interface ProviderStatusChange {
  readonly controlId: string;
  readonly from: ImplementationStatus;
  readonly to: ImplementationStatus;
}

export interface ChangeImpact {
  readonly subscriptionId: string;
  readonly serviceId: string;
  /** The acknowledged version; null when the subscription has none (see hasBaseline). */
  readonly fromVersion: number | null;
  readonly toVersion: number;
  /** When toVersion took (or, for an upcoming change, takes) effect. */
  readonly effectiveFrom: string;
  /**
   * False for subscriptions stored before acknowledgement existed: with no version to compare from,
   * every list is empty and the customer should read the effective contract in full, then acknowledge.
   */
  readonly hasBaseline: boolean;
  /** Something below is listed: the customer should review and acknowledge toVersion. */
  readonly changed: boolean;
  readonly obligationsAdded: readonly ObligationAtControl[];
  readonly obligationsRemoved: readonly ObligationAtControl[];
  /** Same id, new wording (or a new link to the provided capability): re-read before trusting an old status. */
  readonly obligationsChanged: readonly ObligationChangeAtControl[];
  readonly movedTowardCustomer: readonly OwnershipMove[];
  readonly movedTowardProvider: readonly OwnershipMove[];
  /** Who performs the provider's part changed, not how much the customer does: OUTSOURCED to an upstream, or INSOURCED back. */
  readonly performerChanges: readonly OwnershipMove[];
  /** The control entered or left scope (to or from NOT_APPLICABLE), or was added or removed. */
  readonly scopeChanges: readonly OwnershipMove[];
  /** The provider's implementation status changed on a line where the provider acts. */
  readonly providerStatusChanges: readonly ProviderStatusChange[];
  /** Service-level commitment terms that changed; those WEAKENED are a change toward the customer. */
  readonly commitmentChanges: readonly CommitmentChange[];
}

/**
 * The impact of moving from `acknowledged` (the contract version numbered
 * subscription.acknowledgedVersion, null when that is null) to `effective` (the subscription's
 * effective version). Passing versions that do not match the subscription is a bug and throws.
 */
export function changeImpact(
  subscription: Pick<Subscription, 'id' | 'serviceId' | 'acknowledgedVersion'>,
  effective: ContractVersion,
  acknowledged: ContractVersion | null,
): ChangeImpact {
  if (effective.serviceId !== subscription.serviceId || (acknowledged !== null && acknowledged.serviceId !== subscription.serviceId)) {
    throw new Error(`changeImpact: contract versions of another service than ${subscription.serviceId}`);
  }
  if ((acknowledged?.version ?? null) !== subscription.acknowledgedVersion) {
    throw new Error(`changeImpact: acknowledged version ${acknowledged?.version ?? null} given, subscription has ${subscription.acknowledgedVersion}`);
  }
  const base = {
    subscriptionId: subscription.id,
    serviceId: subscription.serviceId,
    fromVersion: subscription.acknowledgedVersion,
    toVersion: effective.version,
    effectiveFrom: effective.effectiveFrom,
  };
  if (acknowledged === null) return { ...base, hasBaseline: false, changed: false, ...NONE };
  if (acknowledged.version === effective.version) return { ...base, hasBaseline: true, changed: false, ...NONE };
  return { ...base, hasBaseline: true, ...between(acknowledged, effective) };
}

/**
 * What the version taking effect next will change for a subscriber that follows the latest version:
 * from the version it inherits now (`effective`) to `upcoming`, dated with upcoming.effectiveFrom.
 */
export function upcomingChangeImpact(
  subscription: Pick<Subscription, 'id' | 'serviceId'>,
  effective: ContractVersion,
  upcoming: ContractVersion,
): ChangeImpact {
  if (effective.serviceId !== subscription.serviceId || upcoming.serviceId !== subscription.serviceId) {
    throw new Error(`upcomingChangeImpact: contract versions of another service than ${subscription.serviceId}`);
  }
  if (upcoming.version <= effective.version) throw new Error(`upcomingChangeImpact: version ${upcoming.version} does not come after ${effective.version}`);
  const base = {
    subscriptionId: subscription.id,
    serviceId: subscription.serviceId,
    fromVersion: effective.version,
    toVersion: upcoming.version,
    effectiveFrom: upcoming.effectiveFrom,
  };
  return { ...base, hasBaseline: true, ...between(effective, upcoming) };
}

type Lists = Omit<ChangeImpact, 'subscriptionId' | 'serviceId' | 'fromVersion' | 'toVersion' | 'effectiveFrom' | 'hasBaseline'>;

const NONE = {
  obligationsAdded: [],
  obligationsRemoved: [],
  obligationsChanged: [],
  movedTowardCustomer: [],
  movedTowardProvider: [],
  performerChanges: [],
  scopeChanges: [],
  providerStatusChanges: [],
  commitmentChanges: [],
};

function between(acknowledged: ContractVersion, effective: ContractVersion): Lists {
  const before = new Map(acknowledged.responsibilities.map((r) => [r.controlId, r]));
  const after = new Map(effective.responsibilities.map((r) => [r.controlId, r]));
  const diff = diffContracts(acknowledged.responsibilities, effective.responsibilities);
  const at = <T>(controlId: string, items: readonly T[]) => items.map((item) => ({ controlId, ...item }));
  const moves = (shift: OwnershipShift) =>
    diff.controls.flatMap((d) =>
      d.ownershipChanged?.shift === shift ? [{ controlId: d.controlId, from: d.ownershipChanged.from, to: d.ownershipChanged.to }] : [],
    );
  const impact = {
    obligationsAdded: diff.controls.flatMap((d) => d.obligationsAdded.map((obligation) => ({ controlId: d.controlId, obligation }))),
    obligationsRemoved: diff.controls.flatMap((d) => d.obligationsRemoved.map((obligation) => ({ controlId: d.controlId, obligation }))),
    obligationsChanged: diff.controls.flatMap((d) => at(d.controlId, d.obligationsChanged)),
    movedTowardCustomer: moves('TOWARD_CUSTOMER'),
    movedTowardProvider: moves('TOWARD_PROVIDER'),
    performerChanges: diff.controls.flatMap((d) => {
      const change = d.ownershipChanged;
      return change?.shift === 'OUTSOURCED' || change?.shift === 'INSOURCED' ? [{ controlId: d.controlId, from: change.from, to: change.to }] : [];
    }),
    scopeChanges: moves('NOT_COMPARABLE'),
    // The status of a CUSTOMER or NOT_APPLICABLE line says nothing the customer relies on.
    providerStatusChanges: diff.controls.flatMap((d) => {
      const from = before.get(d.controlId);
      const to = after.get(d.controlId);
      if (!d.statusChanged || !from || !to || !providerSupplies(to.ownership)) return [];
      return [{ controlId: d.controlId, from: from.status, to: to.status }];
    }),
    commitmentChanges: diffCommitments(acknowledged, effective).changes,
  };
  const changed = Object.values(impact).some((list) => list.length > 0);
  return { changed, ...impact };
}

/** The impact with the customer's own records attached to the obligations added and removed (what it prepared, what it leaves behind). */
export function withTracking(impact: ChangeImpact, records: readonly TrackingRecord[]): ChangeImpact {
  const lookup = trackingLookup(records);
  const attach = (items: readonly ObligationAtControl[]) => items.map((o) => ({ ...o, tracking: lookup(impact.serviceId, o.obligation.id) }));
  return { ...impact, obligationsAdded: attach(impact.obligationsAdded), obligationsRemoved: attach(impact.obligationsRemoved) };
}

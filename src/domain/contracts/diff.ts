import { ownershipShift, type Ownership, type OwnershipShift } from './ownership';
import { upstreamHandlingsOf, type CustomerObligation, type Evidence, type Responsibility } from './responsibility';

// What changed between two versions of a contract, per control. Customers read this to learn what
// they now have to do, so obligations are compared by id (stable across versions), not by position.

export type ControlChange = 'ADDED' | 'REMOVED' | 'CHANGED';

export interface OwnershipChange {
  /** null when the control is new in `to`. */
  readonly from: Ownership | null;
  /** null when the control is gone from `to`. */
  readonly to: Ownership | null;
  /** Which way the burden moved; NOT_COMPARABLE when a side is missing or NOT_APPLICABLE. */
  readonly shift: OwnershipShift;
}

export interface ObligationChange {
  readonly id: string;
  readonly fromText: string;
  readonly toText: string;
  readonly fromUnlocksProvided: boolean;
  readonly toUnlocksProvided: boolean;
}

export interface ControlDiff {
  readonly controlId: string;
  readonly change: ControlChange;
  readonly ownershipChanged: OwnershipChange | null;
  readonly providerStatementChanged: boolean;
  readonly statusChanged: boolean;
  readonly justificationChanged: boolean;
  readonly upstreamServiceChanged: boolean;
  /** Which upstream obligations the line accounts for, or how (PERFORMED / PASSED_DOWN), changed. */
  readonly upstreamHandlingChanged: boolean;
  /** In `to` with an id `from` lacks (all of them for an added control). */
  readonly obligationsAdded: readonly CustomerObligation[];
  /** In `from` with an id `to` lacks (all of them for a removed control). */
  readonly obligationsRemoved: readonly CustomerObligation[];
  readonly obligationsChanged: readonly ObligationChange[];
  readonly evidenceChanged: boolean;
}

export interface ContractDiffSummary {
  /** Controls listed in the diff: added, removed or changed. */
  readonly controls: number;
  readonly controlsAdded: number;
  readonly controlsRemoved: number;
  readonly ownershipChanges: number;
  readonly movedTowardCustomer: number;
  readonly movedTowardProvider: number;
  /** The provider now has an upstream perform it (PROVIDER to PROVIDER_VIA_UPSTREAM), and the reverse. */
  readonly outsourced: number;
  readonly insourced: number;
  readonly obligationsAdded: number;
  readonly obligationsRemoved: number;
  readonly obligationsChanged: number;
}

export interface ContractDiff {
  /** Only controls that differ, in the order of `to` with removed controls where `from` had them. */
  readonly controls: readonly ControlDiff[];
  readonly summary: ContractDiffSummary;
}

export function diffContracts(from: readonly Responsibility[], to: readonly Responsibility[]): ContractDiff {
  const before = new Map(from.map((r) => [r.controlId, r]));
  const after = new Map(to.map((r) => [r.controlId, r]));
  const controls = mergedOrder(from, to)
    .map((id) => diffControl(id, before.get(id), after.get(id)))
    .filter((d): d is ControlDiff => d !== null);
  const count = (f: (d: ControlDiff) => number | boolean) => controls.reduce((n, d) => n + Number(f(d)), 0);
  return {
    controls,
    summary: {
      controls: controls.length,
      controlsAdded: count((d) => d.change === 'ADDED'),
      controlsRemoved: count((d) => d.change === 'REMOVED'),
      ownershipChanges: count((d) => d.change === 'CHANGED' && d.ownershipChanged !== null),
      movedTowardCustomer: count((d) => d.ownershipChanged?.shift === 'TOWARD_CUSTOMER'),
      movedTowardProvider: count((d) => d.ownershipChanged?.shift === 'TOWARD_PROVIDER'),
      outsourced: count((d) => d.ownershipChanged?.shift === 'OUTSOURCED'),
      insourced: count((d) => d.ownershipChanged?.shift === 'INSOURCED'),
      obligationsAdded: count((d) => d.obligationsAdded.length),
      obligationsRemoved: count((d) => d.obligationsRemoved.length),
      obligationsChanged: count((d) => d.obligationsChanged.length),
    },
  };
}

function diffControl(controlId: string, a: Responsibility | undefined, b: Responsibility | undefined): ControlDiff | null {
  const empty = {
    providerStatementChanged: false,
    statusChanged: false,
    justificationChanged: false,
    upstreamServiceChanged: false,
    upstreamHandlingChanged: false,
    obligationsChanged: [],
    evidenceChanged: false,
  };
  if (!a && b) {
    return {
      controlId,
      change: 'ADDED',
      ...empty,
      ownershipChanged: { from: null, to: b.ownership, shift: 'NOT_COMPARABLE' },
      obligationsAdded: b.customerObligations,
      obligationsRemoved: [],
    };
  }
  if (a && !b) {
    return {
      controlId,
      change: 'REMOVED',
      ...empty,
      ownershipChanged: { from: a.ownership, to: null, shift: 'NOT_COMPARABLE' },
      obligationsAdded: [],
      obligationsRemoved: a.customerObligations,
    };
  }
  if (!a || !b) return null;
  const fromObligations = new Map(a.customerObligations.map((o) => [o.id, o]));
  const toIds = new Set(b.customerObligations.map((o) => o.id));
  const obligationsChanged: ObligationChange[] = [];
  for (const o of b.customerObligations) {
    const old = fromObligations.get(o.id);
    if (old && (old.text !== o.text || old.unlocksProvided !== o.unlocksProvided)) {
      obligationsChanged.push({ id: o.id, fromText: old.text, toText: o.text, fromUnlocksProvided: old.unlocksProvided, toUnlocksProvided: o.unlocksProvided });
    }
  }
  const diff: ControlDiff = {
    controlId,
    change: 'CHANGED',
    ownershipChanged: a.ownership === b.ownership ? null : { from: a.ownership, to: b.ownership, shift: ownershipShift(a.ownership, b.ownership) },
    providerStatementChanged: a.providerStatement !== b.providerStatement,
    statusChanged: a.status !== b.status,
    justificationChanged: a.justification !== b.justification,
    upstreamServiceChanged: a.upstreamServiceId !== b.upstreamServiceId,
    upstreamHandlingChanged: !sameHandlings(a, b),
    obligationsAdded: b.customerObligations.filter((o) => !fromObligations.has(o.id)),
    obligationsRemoved: a.customerObligations.filter((o) => !toIds.has(o.id)),
    obligationsChanged,
    evidenceChanged: !sameEvidence(a.evidence, b.evidence),
  };
  const changed =
    diff.ownershipChanged !== null ||
    diff.providerStatementChanged ||
    diff.statusChanged ||
    diff.justificationChanged ||
    diff.upstreamServiceChanged ||
    diff.upstreamHandlingChanged ||
    diff.obligationsAdded.length > 0 ||
    diff.obligationsRemoved.length > 0 ||
    diff.obligationsChanged.length > 0 ||
    diff.evidenceChanged;
  return changed ? diff : null;
}

const sameEvidence = (a: readonly Evidence[], b: readonly Evidence[]) =>
  a.length === b.length && a.every((e, i) => e.kind === b[i]?.kind && e.title === b[i]?.title && e.url === b[i]?.url);

/** Compared as a set: the order of the entries carries no meaning, and re-sorting is not a change. */
function sameHandlings(a: Responsibility, b: Responsibility): boolean {
  const entries = (r: Responsibility) => new Map(upstreamHandlingsOf(r).map((h) => [`${h.upstreamServiceId}\u0000${h.obligationId}`, h.handling]));
  const before = entries(a);
  const after = entries(b);
  return before.size === after.size && [...before].every(([k, handling]) => after.get(k) === handling);
}

/** Ids of `to` in order, each id only in `from` placed right after its predecessor in `from`. */
function mergedOrder(from: readonly Responsibility[], to: readonly Responsibility[]): string[] {
  const order = to.map((r) => r.controlId);
  const present = new Set(order);
  let previous: string | null = null;
  for (const { controlId } of from) {
    if (!present.has(controlId)) {
      order.splice(previous === null ? 0 : order.indexOf(previous) + 1, 0, controlId);
      present.add(controlId);
    }
    previous = controlId;
  }
  return order;
}

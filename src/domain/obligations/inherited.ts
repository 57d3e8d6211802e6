import type { Catalogue } from '../catalogue/catalogue';
import type { Ownership } from '../contracts/ownership';
import type { CustomerObligation } from '../contracts/responsibility';
import { countStatuses, type StatusCounts } from './posture';
import type { StackEntry, StackService } from './stack';
import { memoByVersion, type VersionMemo } from './versionMemo';
import { textChangedSinceRecorded, trackingLookup, trackingStatus, type TrackingRecord, type TrackingStatus } from './tracking';

// "Which inherited controls are still mine": every obligation the customer's subscribed contracts
// put on it, each attributed to the service, subscription, version and control it comes from, with
// the customer's own tracking next to it.

/**
 * `S` is the stack entry's own service object (the caller's, as loaded). The service, the obligation's id
 * and its text are plain fields, so a page of 500 answers them without 1,500 resolver calls (issue 11).
 */
export interface InheritedObligation<S extends StackService = StackService> {
  readonly service: S;
  /** The obligation's id and text (the same as `obligation.id` and `obligation.text`). */
  readonly id: string;
  readonly text: string;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly providerOrganizationId: string;
  readonly subscriptionId: string;
  /** The contract version the obligation was read from (the subscription's effective version). */
  readonly contractVersion: number;
  readonly controlId: string;
  readonly clauseNumber: string;
  /** The ownership of the line carrying the obligation. */
  readonly ownership: Ownership;
  readonly obligation: CustomerObligation;
  /** Its place among the obligations of its line (0, 1…): the last key of the order pages follow. */
  readonly lineIndex: number;
  /** The customer's recorded status; NOT_STARTED when it has recorded nothing. */
  readonly status: TrackingStatus;
  readonly tracking: TrackingRecord | null;
  /** The provider reworded the obligation since the customer recorded its status: re-read it. */
  readonly textChangedSinceRecorded: boolean;
}

type CatalogueView = Pick<Catalogue, 'controls' | 'control' | 'clauses'>;

/**
 * One obligation of a contract version, where it sits in the catalogue: the same for every customer.
 * Its id and text are copied out too: stored obligations come from JSON with optional fields, in many
 * hidden classes, and reading them thousands of times per screen went megamorphic (issue 11).
 */
export interface VersionObligation {
  readonly controlId: string;
  readonly clauseNumber: string;
  readonly ownership: Ownership;
  readonly obligation: CustomerObligation;
  readonly obligationId: string;
  readonly text: string;
  readonly lineIndex: number;
}

/** A version's obligations bucketed by the catalogue position of their control, each bucket in the line's order. */
export type ByControlRank = readonly (readonly VersionObligation[] | undefined)[];

const perVersion: VersionMemo<ByControlRank> = new WeakMap();

export function versionObligations(catalogue: CatalogueView, contract: StackEntry['contract']): ByControlRank {
  return memoByVersion(perVersion, contract, catalogue, () => {
    const order = new Map(catalogue.controls.map((c, i) => [c.id, i]));
    const byRank: VersionObligation[][] = [];
    for (const line of contract.responsibilities) {
      const control = catalogue.control(line.controlId);
      if (!control || line.customerObligations.length === 0) continue;
      const rank = order.get(line.controlId)!;
      const bucket = (byRank[rank] ??= []);
      line.customerObligations.forEach((obligation, lineIndex) =>
        bucket.push({
          controlId: line.controlId,
          clauseNumber: control.clauseNumber,
          ownership: line.ownership,
          obligation,
          obligationId: obligation.id,
          text: obligation.text,
          lineIndex,
        }),
      );
    }
    return byRank;
  });
}

/**
 * Every obligation of every line of every subscribed contract, in catalogue order of the controls,
 * then in stack order, then in the line's order. Any line that carries obligations counts (SHARED,
 * CUSTOMER_CONFIGURED and CUSTOMER in a published contract): the obligation is what binds the
 * customer, not the label. Lines for controls outside the catalogue cannot be published and are skipped.
 */
export function inheritedObligations<S extends StackService>(
  catalogue: CatalogueView,
  stack: readonly StackEntry<S>[],
  records: readonly TrackingRecord[],
): InheritedObligation<S>[] {
  const lookup = trackingLookup(records);
  // Service by service, each version's obligations read in catalogue order into one bucket per control,
  // then the buckets in catalogue order: the same order as control by control across the stack, without
  // jumping between 250 versions' memory for every control (issue 11). Stack entries are read once each.
  const count = catalogue.controls.length;
  const byControl: InheritedObligation<S>[][] = Array.from({ length: count }, () => []);
  for (const entry of stack) {
    const fields = entryFields(entry);
    const byRank = versionObligations(catalogue, entry.contract);
    for (let rank = 0; rank < count; rank++) {
      const bucket = byRank[rank];
      if (!bucket) continue;
      const into = byControl[rank]!;
      for (const obligation of bucket) into.push(inheritedObligation(fields, obligation, lookup(fields.serviceId, obligation.obligationId)));
    }
  }
  const found: InheritedObligation<S>[] = [];
  for (const bucket of byControl) for (const o of bucket) found.push(o);
  return found;
}

/** What every obligation of a stack entry repeats, read once per entry (stack entries come from stored items of many shapes). */
export interface EntryFields<S extends StackService> {
  readonly service: S;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly providerOrganizationId: string;
  readonly subscriptionId: string;
  readonly contractVersion: number;
}

export function entryFields<S extends StackService>({ service, subscription, contract }: StackEntry<S>): EntryFields<S> {
  return {
    service,
    serviceId: service.id,
    serviceName: service.name,
    providerOrganizationId: service.providerOrganizationId,
    subscriptionId: subscription.id,
    contractVersion: contract.version,
  };
}

/** One inherited obligation: always this literal, so every one shares a hidden class. */
export function inheritedObligation<S extends StackService>(
  entry: EntryFields<S>,
  { controlId, clauseNumber, ownership, obligation, obligationId, text, lineIndex }: VersionObligation,
  tracking: TrackingRecord | null,
): InheritedObligation<S> {
  return {
    service: entry.service,
    id: obligationId,
    text,
    serviceId: entry.serviceId,
    serviceName: entry.serviceName,
    providerOrganizationId: entry.providerOrganizationId,
    subscriptionId: entry.subscriptionId,
    contractVersion: entry.contractVersion,
    controlId,
    clauseNumber,
    ownership,
    obligation,
    lineIndex,
    status: trackingStatus(tracking),
    tracking,
    textChangedSinceRecorded: textChangedSinceRecorded(tracking, text),
  };
}

export interface InheritedObligationFilter {
  readonly clause?: string | null;
  readonly serviceIds?: readonly string[] | null;
  readonly ownership?: readonly Ownership[] | null;
  readonly status?: readonly TrackingStatus[] | null;
}

/** Whether an obligation with these traits passes the filter. */
export type ObligationMatcher = (clauseNumber: string, serviceId: string, ownership: Ownership, status: TrackingStatus) => boolean;

/** The filter as a test of an obligation's traits; null when it lets everything through. An empty list means "any", like a missing one. */
export function obligationMatcher(filter: InheritedObligationFilter | null | undefined): ObligationMatcher | null {
  if (!filter) return null;
  const set = <T>(values: readonly T[] | null | undefined) => (values?.length ? new Set(values) : null);
  const clause = filter.clause ?? null;
  const services = set(filter.serviceIds);
  const owners = set(filter.ownership);
  const statuses = set(filter.status);
  if (clause === null && !services && !owners && !statuses) return null;
  return (clauseNumber, serviceId, ownership, status) =>
    (clause === null || clauseNumber === clause) &&
    (!services || services.has(serviceId)) &&
    (!owners || owners.has(ownership)) &&
    (!statuses || statuses.has(status));
}

/** The obligations matching every criterion given; an empty list means "any", like a missing one. */
export function filterInheritedObligations<O extends InheritedObligation>(
  obligations: readonly O[],
  filter: InheritedObligationFilter | null | undefined,
): O[] {
  const matches = obligationMatcher(filter);
  if (!matches) return [...obligations];
  return obligations.filter((o) => matches(o.clauseNumber, o.serviceId, o.ownership, o.status));
}

export interface ControlObligations<O extends InheritedObligation = InheritedObligation> {
  readonly controlId: string;
  readonly title: string;
  readonly obligations: readonly O[];
  readonly counts: StatusCounts;
}

export interface ClauseObligations<O extends InheritedObligation = InheritedObligation> {
  readonly clauseNumber: string;
  readonly title: string;
  readonly controls: readonly ControlObligations<O>[];
  readonly counts: StatusCounts;
}

/** Clause, then control, in catalogue order; only clauses and controls that have obligations. */
export function groupInheritedObligations<O extends InheritedObligation>(catalogue: CatalogueView, obligations: readonly O[]): ClauseObligations<O>[] {
  const byControl = new Map<string, O[]>();
  for (const o of obligations) {
    const list = byControl.get(o.controlId);
    if (list) list.push(o);
    else byControl.set(o.controlId, [o]);
  }
  return catalogue.clauses.flatMap((clause) => {
    const controls = clause.objectives.flatMap((objective) =>
      objective.controls.flatMap((control) => {
        const list = byControl.get(control.id);
        return list ? [{ controlId: control.id, title: control.title, obligations: list, counts: countStatuses(list) } as ControlObligations<O>] : [];
      }),
    );
    if (controls.length === 0) return [];
    return [{ clauseNumber: clause.number, title: clause.title, controls, counts: countStatuses(controls.flatMap((c) => c.obligations)) }];
  });
}

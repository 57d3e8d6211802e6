import type { Catalogue } from '../catalogue/catalogue';
import { customerConfigures, providerOnly, providerSupplies, type Ownership } from '../contracts/ownership';
import type { ImplementationStatus, Responsibility } from '../contracts/responsibility';
import type { StackEntry, StackService } from './stack';
import { memoByVersion, type VersionMemo } from './versionMemo';
import { isOpen, trackedByService, type TrackingRecord } from './tracking';

// One verdict per catalogue control across the customer's whole stack: can the customer drop the
// control from its to-do list, or what kind of work is left? The rule for "fully inherited" is
// compliance-trestle's: every component provides it, none attaches a responsibility, all implemented.

export const COVERAGE_VERDICTS = ['FULLY_INHERITED', 'SHARED', 'CUSTOMER_CONFIGURED', 'CUSTOMER_ONLY', 'NOT_APPLICABLE'] as const;
export type CoverageVerdict = (typeof COVERAGE_VERDICTS)[number];

/** One subscribed service's line on the control. */
export interface CoverageContributor<S extends StackService = StackService> {
  /** The stack entry's own service object (the caller's, as loaded). */
  readonly service: S;
  /** The control contributed to (so its supply chain can be followed from here). */
  readonly controlId: string;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly subscriptionId: string;
  readonly contractVersion: number;
  readonly ownership: Ownership;
  readonly status: ImplementationStatus;
  readonly obligations: number;
  /** Obligations the customer has not settled: tracked NOT_STARTED (or not at all) or PLANNED. */
  readonly openObligations: number;
}

export interface ControlCoverage<S extends StackService = StackService> {
  readonly controlId: string;
  readonly clauseNumber: string;
  readonly verdict: CoverageVerdict;
  /** Every subscribed service's line on the control, in stack order, NOT_APPLICABLE and CUSTOMER ones included. */
  readonly contributors: readonly CoverageContributor<S>[];
  readonly obligations: number;
  readonly openObligations: number;
}

export interface StackCoverage<S extends StackService = StackService> {
  /** All catalogue controls, in catalogue order. */
  readonly controls: readonly ControlCoverage<S>[];
  readonly totals: Readonly<Record<CoverageVerdict, number>>;
}

interface Line {
  readonly ownership: Ownership;
  readonly status: ImplementationStatus;
  readonly customerObligations: readonly unknown[];
}

// The provider side of a line can be relied on only once it is in place: a PARTIAL or PLANNED
// provider implementation leaves the customer work to cover the gap.
const providerInPlace = (l: Line) => l.status === 'IMPLEMENTED';
/** A line the customer inherits without doing anything (trestle: provided, no responsibility, implemented). */
const inheritedAsIs = (l: Line) => providerOnly(l.ownership) && l.customerObligations.length === 0 && providerInPlace(l);

/**
 * The verdict for one control from the lines of the subscribed services, decided in this order:
 * 1. no line at all (no subscriptions, or no subscribed contract covers the control): CUSTOMER_ONLY,
 *    since nothing is contributed;
 * 2. NOT_APPLICABLE lines are set aside when other lines exist; if every line is NOT_APPLICABLE:
 *    NOT_APPLICABLE;
 * 3. every remaining line CUSTOMER: CUSTOMER_ONLY;
 * 4. every remaining line PROVIDER or PROVIDER_VIA_UPSTREAM, without obligations, IMPLEMENTED:
 *    FULLY_INHERITED;
 * 5. every remaining line either such a line or CUSTOMER_CONFIGURED with its capability IMPLEMENTED
 *    (at least one, or rule 4 would apply): CUSTOMER_CONFIGURED;
 * 6. anything else is SHARED: a SHARED line; CUSTOMER next to a contributing service; CUSTOMER next
 *    to CUSTOMER_CONFIGURED; a provider line whose implementation is PARTIAL, PLANNED or ALTERNATIVE
 *    (not fully inherited), or that attaches obligations.
 */
export function coverageVerdict(lines: readonly Line[]): CoverageVerdict {
  return verdictOf(lines.map(traitsOf));
}

/** What the verdict needs to know of one line. */
interface LineTraits {
  readonly applicable: boolean;
  readonly supplied: boolean;
  readonly asIs: boolean;
  readonly configuredOrAsIs: boolean;
}

function traitsOf(line: Line): LineTraits {
  const asIs = inheritedAsIs(line);
  return {
    applicable: line.ownership !== 'NOT_APPLICABLE',
    supplied: providerSupplies(line.ownership),
    asIs,
    configuredOrAsIs: asIs || (customerConfigures(line.ownership) && providerInPlace(line)),
  };
}

/** The rules above, from counts of a control's lines: what stackCoverage keeps per control instead of the lines. */
function verdictOfCounts(lines: number, applicable: number, supplied: number, asIs: number, configuredOrAsIs: number): CoverageVerdict {
  if (lines === 0) return 'CUSTOMER_ONLY';
  if (applicable === 0) return 'NOT_APPLICABLE';
  if (supplied === 0) return 'CUSTOMER_ONLY';
  if (asIs === applicable) return 'FULLY_INHERITED';
  if (configuredOrAsIs === applicable) return 'CUSTOMER_CONFIGURED';
  return 'SHARED';
}

/** The rules above, counting in one pass. */
function verdictOf(lines: readonly LineTraits[]): CoverageVerdict {
  let applicable = 0;
  let supplied = 0;
  let asIs = 0;
  let configuredOrAsIs = 0;
  for (const line of lines) {
    if (!line.applicable) continue;
    applicable += 1;
    if (line.supplied) supplied += 1;
    if (line.asIs) asIs += 1;
    if (line.configuredOrAsIs) configuredOrAsIs += 1;
  }
  return verdictOfCounts(lines.length, applicable, supplied, asIs, configuredOrAsIs);
}

/**
 * What coverage reads of a line, copied once per version into objects of one shape. The stored lines
 * come from JSON with optional fields, so they have many hidden classes, and reading them 3,000 times
 * per 25-subscription screen went megamorphic: most of the screen's domain time (issue 11).
 */
interface CoverageLine extends LineTraits {
  readonly ownership: Ownership;
  readonly status: ImplementationStatus;
  readonly obligationIds: readonly string[];
}

/** A version's lines by the catalogue position of their control (none for a control it does not cover). */
type LinesByRank = readonly (CoverageLine | undefined)[];

const perVersion: VersionMemo<LinesByRank> = new WeakMap();

/** A version's lines in catalogue order, once per (immutable, cached) version and catalogue. */
const linesByRank = (catalogue: Pick<Catalogue, 'controls'>, contract: StackEntry['contract']): LinesByRank =>
  memoByVersion(perVersion, contract, catalogue, () => {
    const rankOf = new Map(catalogue.controls.map((c, rank) => [c.id, rank]));
    const byRank: (CoverageLine | undefined)[] = new Array(catalogue.controls.length).fill(undefined);
    for (const r of contract.responsibilities as readonly Responsibility[]) {
      const rank = rankOf.get(r.controlId);
      if (rank === undefined) continue;
      const traits = traitsOf(r);
      // Written out, not spread: a spread object would not share one hidden class with the others.
      byRank[rank] = {
        applicable: traits.applicable,
        supplied: traits.supplied,
        asIs: traits.asIs,
        configuredOrAsIs: traits.configuredOrAsIs,
        ownership: r.ownership,
        status: r.status,
        obligationIds: r.customerObligations.map((o) => o.id),
      };
    }
    return byRank;
  });

/** How many of `obligationIds` the customer has not settled (nothing recorded counts as not started). */
function openCount(obligationIds: readonly string[], tracked: ReadonlyMap<string, TrackingRecord> | undefined): number {
  if (!tracked) return obligationIds.length;
  let open = 0;
  for (const id of obligationIds) {
    const record = tracked.get(id);
    if (!record || isOpen(record.status)) open += 1;
  }
  return open;
}

/**
 * The verdict for every catalogue control across the stack, with who contributes and what is left open.
 * Built service by service, each version's lines read in catalogue order, and without closures or
 * intermediate arrays: 250 subscriptions make 30,000 contributors per screen, and reading them control
 * by control across 250 versions was mostly cache misses (issue 11). Keeping counts of each control's
 * line traits instead of the lines, and sizing the contributor lists once, halved its time at 250.
 */
export function stackCoverage<S extends StackService>(
  catalogue: Pick<Catalogue, 'controls'>,
  stack: readonly StackEntry<S>[],
  records: readonly TrackingRecord[],
): StackCoverage<S> {
  const tracked = trackedByService(records);
  const count = catalogue.controls.length;
  const controlIds = catalogue.controls.map((c) => c.id);
  // Per control: its contributors, at most one per stack entry (sized once, trimmed at the end), and
  // counts of its lines' traits for the verdict, rather than the lines themselves.
  const contributorsOf: CoverageContributor<S>[][] = Array.from({ length: count }, () => new Array<CoverageContributor<S>>(stack.length));
  const lines = new Int32Array(count);
  const applicable = new Int32Array(count);
  const supplied = new Int32Array(count);
  const asIs = new Int32Array(count);
  const configuredOrAsIs = new Int32Array(count);
  const obligationsOf = new Int32Array(count);
  const openOf = new Int32Array(count);
  for (const entry of stack) {
    // Read once per service: stack entries come from stored items of many shapes.
    const service = entry.service;
    const serviceId = service.id;
    const serviceName = service.name;
    const subscriptionId = entry.subscription.id;
    const contractVersion = entry.contract.version;
    const trackedHere = tracked.get(serviceId);
    const byRank = linesByRank(catalogue, entry.contract);
    for (let rank = 0; rank < count; rank++) {
      const line = byRank[rank];
      if (!line) continue;
      const open = openCount(line.obligationIds, trackedHere);
      contributorsOf[rank]![lines[rank]!] = {
        service,
        controlId: controlIds[rank]!,
        serviceId,
        serviceName,
        subscriptionId,
        contractVersion,
        ownership: line.ownership,
        status: line.status,
        obligations: line.obligationIds.length,
        openObligations: open,
      };
      lines[rank]! += 1;
      if (line.applicable) {
        applicable[rank]! += 1;
        if (line.supplied) supplied[rank]! += 1;
        if (line.asIs) asIs[rank]! += 1;
        if (line.configuredOrAsIs) configuredOrAsIs[rank]! += 1;
      }
      obligationsOf[rank]! += line.obligationIds.length;
      openOf[rank]! += open;
    }
  }
  const totals = Object.fromEntries(COVERAGE_VERDICTS.map((v) => [v, 0])) as Record<CoverageVerdict, number>;
  const controls = catalogue.controls.map((control, rank): ControlCoverage<S> => {
    const verdict = verdictOfCounts(lines[rank]!, applicable[rank]!, supplied[rank]!, asIs[rank]!, configuredOrAsIs[rank]!);
    totals[verdict] += 1;
    const contributors = contributorsOf[rank]!;
    contributors.length = lines[rank]!;
    return {
      controlId: control.id,
      clauseNumber: control.clauseNumber,
      verdict,
      contributors,
      obligations: obligationsOf[rank]!,
      openObligations: openOf[rank]!,
    };
  });
  return { controls, totals };
}

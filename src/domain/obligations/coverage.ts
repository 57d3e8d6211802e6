import type { Catalogue } from '../catalogue/catalogue';
import { customerConfigures, providerOnly, providerSupplies, type Ownership } from '../contracts/ownership';
import type { ImplementationStatus, Responsibility } from '../contracts/responsibility';
import type { StackEntry } from './stack';
import { memoByVersion, type VersionMemo } from './versionMemo';
import { isOpen, trackedByService, type TrackingRecord } from './tracking';

// One verdict per catalogue control across the customer's whole stack: can the customer drop the
// control from its to-do list, or what kind of work is left? The rule for "fully inherited" is
// compliance-trestle's: every component provides it, none attaches a responsibility, all implemented.

export const COVERAGE_VERDICTS = ['FULLY_INHERITED', 'SHARED', 'CUSTOMER_CONFIGURED', 'CUSTOMER_ONLY', 'NOT_APPLICABLE'] as const;
export type CoverageVerdict = (typeof COVERAGE_VERDICTS)[number];

/** One subscribed service's line on the control. */
export interface CoverageContributor {
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

export interface ControlCoverage {
  readonly controlId: string;
  readonly clauseNumber: string;
  readonly verdict: CoverageVerdict;
  /** Every subscribed service's line on the control, in stack order, NOT_APPLICABLE and CUSTOMER ones included. */
  readonly contributors: readonly CoverageContributor[];
  readonly obligations: number;
  readonly openObligations: number;
}

export interface StackCoverage {
  /** All catalogue controls, in catalogue order. */
  readonly controls: readonly ControlCoverage[];
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
  if (lines.length === 0) return 'CUSTOMER_ONLY';
  const applicable = lines.filter((l) => l.ownership !== 'NOT_APPLICABLE');
  if (applicable.length === 0) return 'NOT_APPLICABLE';
  if (applicable.every((l) => !providerSupplies(l.ownership))) return 'CUSTOMER_ONLY';
  if (applicable.every(inheritedAsIs)) return 'FULLY_INHERITED';
  if (applicable.every((l) => inheritedAsIs(l) || (customerConfigures(l.ownership) && providerInPlace(l)))) return 'CUSTOMER_CONFIGURED';
  return 'SHARED';
}

/**
 * What coverage reads of a line, copied once per version into objects of one shape. The stored lines
 * come from JSON with optional fields, so they have many hidden classes, and reading them 3,000 times
 * per 25-subscription screen went megamorphic: most of the screen's domain time (issue 11).
 */
interface CoverageLine extends Line {
  readonly obligationIds: readonly string[];
}

const perVersion: VersionMemo<ReadonlyMap<string, CoverageLine>> = new WeakMap();
const NO_CATALOGUE = {};

/** A version's lines by control, once per (immutable, cached) version. */
const linesByControl = (contract: StackEntry['contract']) =>
  memoByVersion(
    perVersion,
    contract,
    NO_CATALOGUE,
    () =>
      new Map(
        contract.responsibilities.map((r: Responsibility): [string, CoverageLine] => [
          r.controlId,
          { ownership: r.ownership, status: r.status, customerObligations: r.customerObligations, obligationIds: r.customerObligations.map((o) => o.id) },
        ]),
      ),
  );

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
 * One pass per control over the stack, without closures or intermediate arrays: 250 subscriptions make
 * 30,000 contributors per screen (issue 11).
 */
export function stackCoverage(catalogue: Pick<Catalogue, 'controls'>, stack: readonly StackEntry[], records: readonly TrackingRecord[]): StackCoverage {
  const tracked = trackedByService(records);
  // Read once per service rather than once per control: stack entries come from stored items of many shapes.
  const linesOf = stack.map((entry) => ({
    serviceId: entry.service.id,
    serviceName: entry.service.name,
    subscriptionId: entry.subscription.id,
    contractVersion: entry.contract.version,
    byControl: linesByControl(entry.contract),
    tracked: tracked.get(entry.service.id),
  }));
  const totals = Object.fromEntries(COVERAGE_VERDICTS.map((v) => [v, 0])) as Record<CoverageVerdict, number>;
  const controls = catalogue.controls.map((control): ControlCoverage => {
    const lines: CoverageLine[] = [];
    const contributors: CoverageContributor[] = [];
    let obligations = 0;
    let openObligations = 0;
    for (const entry of linesOf) {
      const line = entry.byControl.get(control.id);
      if (!line) continue;
      const open = openCount(line.obligationIds, entry.tracked);
      lines.push(line);
      contributors.push({
        controlId: control.id,
        serviceId: entry.serviceId,
        serviceName: entry.serviceName,
        subscriptionId: entry.subscriptionId,
        contractVersion: entry.contractVersion,
        ownership: line.ownership,
        status: line.status,
        obligations: line.obligationIds.length,
        openObligations: open,
      });
      obligations += line.obligationIds.length;
      openObligations += open;
    }
    const verdict = coverageVerdict(lines);
    totals[verdict] += 1;
    return { controlId: control.id, clauseNumber: control.clauseNumber, verdict, contributors, obligations, openObligations };
  });
  return { controls, totals };
}

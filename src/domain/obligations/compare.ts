import type { Catalogue } from '../catalogue/catalogue';
import {
  availabilityStatementOf,
  commitmentsOf,
  minutesOf,
  scopeLabel,
  type AvailabilityStatement,
  type AvailabilityTarget,
  type Duration,
} from '../contracts/commitments';
import { OWNERSHIPS, type Ownership } from '../contracts/ownership';
import type { ContractVersion } from '../contracts/version';
import { badInput, type Problem } from '../errors';
import { isCertificationCurrent, type Certification } from '../services/certification';
import type { CloudService, ServiceModel } from '../services/service';

// Procurement: a buyer puts two to five candidate services side by side and asks what each would
// leave it to do. Burden is counted in customer obligations, the work a contract hands over; the
// controls on which the candidates split responsibility differently are listed one by one.

/**
 * SLA headline figures, from the contract's commitments (slaHeadline); null when the contract
 * commits to no availability target (availabilityStatement says whether it said so explicitly).
 */
export interface SlaHeadline {
  /** Monthly uptime commitment, e.g. 99.95. */
  readonly availabilityPercent: number;
  /** What the commitment covers (region, instance, multi-AZ tier), in the provider's words. */
  readonly availabilityScope: string | null;
  /** The largest service credit, as a percentage of the month's charges. */
  readonly maxServiceCreditPercent: number | null;
  /** First-response target for the most severe support cases. */
  readonly criticalFirstResponseMinutes: number | null;
  /** Contracted window for notifying the customer of a security incident. */
  readonly incidentNotificationHours: number | null;
  readonly rtoHours: number | null;
  readonly rpoHours: number | null;
  /** Every uptime target, when the contract has several scopes. */
  readonly availabilityTargets: readonly AvailabilityTarget[];
}

const hours = (d: Duration | null | undefined) => (d ? Math.ceil(minutesOf(d) / 60) : null);

/**
 * The headline of a contract's SLA: the uptime target of the service as a whole when there is one,
 * else the lowest target (the one a buyer can count on everywhere), the largest credit, the SEV1
 * first response, the notification window and the recovery objectives. Null without uptime targets.
 */
export function slaHeadline(contract: ContractVersion): SlaHeadline | null {
  const c = commitmentsOf(contract);
  const targets = c.availability?.targets ?? [];
  if (!targets.length) return null;
  const whole = targets.find((t) => t.scope.region === null && t.scope.tier === null);
  const headline = whole ?? targets.reduce((a, b) => (b.targetPercent < a.targetPercent ? b : a));
  const credits = (c.serviceCredits?.schedules ?? []).flatMap((s) => s.tiers.map((t) => Math.min(t.creditPercent, s.capPercent)));
  const sev1 = c.support?.targets.find((t) => t.severity === 'SEV1');
  return {
    availabilityPercent: headline.targetPercent,
    availabilityScope: whole ? null : scopeLabel(headline.scope),
    maxServiceCreditPercent: credits.length ? Math.max(...credits) : null,
    criticalFirstResponseMinutes: sev1 ? minutesOf(sev1.firstResponse) : null,
    incidentNotificationHours: hours(c.incidentNotification?.within),
    rtoHours: hours(c.recovery?.rto),
    rpoHours: hours(c.recovery?.rpo),
    availabilityTargets: targets,
  };
}

export interface ComparisonCandidate {
  readonly service: Pick<CloudService, 'id' | 'name' | 'providerOrganizationId' | 'serviceModel' | 'certifications'>;
  /** The service's current published contract; null when it has none (it cannot be compared). */
  readonly contract: ContractVersion | null;
}

export interface ComparedCertification extends Certification {
  /** Valid on the day of the comparison; expired ones are listed too, flagged, as history. */
  readonly current: boolean;
}

export interface CustomerBurden {
  readonly totalObligations: number;
  /** Every catalogue clause in order, zeros included, so the columns line up across services. */
  readonly byClause: readonly { readonly clauseNumber: string; readonly title: string; readonly obligations: number }[];
  /** Obligations by the ownership of the line carrying them. */
  readonly byOwnership: Readonly<Record<Ownership, number>>;
}

export interface ComparedService {
  readonly serviceId: string;
  readonly name: string;
  readonly providerOrganizationId: string;
  readonly serviceModel: ServiceModel;
  readonly contractVersion: number;
  readonly certifications: readonly ComparedCertification[];
  readonly burden: CustomerBurden;
  /** Null when the contract gives no uptime target: see SlaHeadline. */
  readonly sla: SlaHeadline | null;
  /** Whether the contract commits to availability, says explicitly it does not, or states nothing. */
  readonly availabilityStatement: AvailabilityStatement;
}

export interface ControlDifference {
  readonly controlId: string;
  readonly clauseNumber: string;
  /** In the order of the compared services; null where a contract has no line for the control. */
  readonly ownership: readonly { readonly serviceId: string; readonly ownership: Ownership | null }[];
}

export interface ServiceComparison {
  readonly services: readonly ComparedService[];
  /** Controls whose ownership is not the same in every compared service, in catalogue order. */
  readonly differences: readonly ControlDifference[];
}

export const COMPARE_LIMITS = { minServices: 2, maxServices: 5 } as const;

/** The size check alone, so a caller can refuse a long list before loading anything for it. */
export function comparisonSizeProblems(count: number): Problem[] {
  const { minServices, maxServices } = COMPARE_LIMITS;
  return count < minServices || count > maxServices
    ? [{ path: 'serviceIds', message: `compare ${minServices} to ${maxServices} services (got ${count})` }]
    : [];
}

/**
 * Compares the candidates in the order given; `today` (YYYY-MM-DD or a Date read in UTC) decides
 * which certifications are current. Throws BAD_USER_INPUT for fewer than two or more than five
 * services, a service named twice, or one without a published contract.
 */
export function compareServices(
  catalogue: Pick<Catalogue, 'controls' | 'clauses'>,
  candidates: readonly ComparisonCandidate[],
  today: string | Date,
): ServiceComparison {
  const problems: Problem[] = [...comparisonSizeProblems(candidates.length)];
  const seen = new Map<string, number>();
  candidates.forEach(({ service, contract }, i) => {
    const first = seen.get(service.id);
    if (first !== undefined) problems.push({ path: `serviceIds[${i}]`, message: `repeats serviceIds[${first}] (${service.name})` });
    else seen.set(service.id, i);
    if (contract === null) problems.push({ path: `serviceIds[${i}]`, message: `${service.name} has no published contract to compare` });
  });
  if (problems.length) {
    throw badInput(`These services cannot be compared: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
  }
  const compared = candidates as readonly (ComparisonCandidate & { readonly contract: ContractVersion })[];

  const clauseOf = new Map(catalogue.controls.map((c) => [c.id, c.clauseNumber]));
  const services = compared.map(({ service, contract }): ComparedService => {
    const perClause = new Map<string, number>();
    const byOwnership = Object.fromEntries(OWNERSHIPS.map((o) => [o, 0])) as Record<Ownership, number>;
    let totalObligations = 0;
    for (const line of contract.responsibilities) {
      const n = line.customerObligations.length;
      totalObligations += n;
      byOwnership[line.ownership] += n;
      const clause = clauseOf.get(line.controlId);
      if (clause !== undefined) perClause.set(clause, (perClause.get(clause) ?? 0) + n);
    }
    return {
      serviceId: service.id,
      name: service.name,
      providerOrganizationId: service.providerOrganizationId,
      serviceModel: service.serviceModel,
      contractVersion: contract.version,
      certifications: service.certifications.map((c) => ({ ...c, current: isCertificationCurrent(c, today) })),
      burden: {
        totalObligations,
        byClause: catalogue.clauses.map((c) => ({ clauseNumber: c.number, title: c.title, obligations: perClause.get(c.number) ?? 0 })),
        byOwnership,
      },
      sla: slaHeadline(contract),
      availabilityStatement: availabilityStatementOf(contract),
    };
  });

  const lines = compared.map(({ contract }) => new Map(contract.responsibilities.map((r) => [r.controlId, r.ownership])));
  const differences = catalogue.controls.flatMap((control): ControlDifference[] => {
    const ownership = compared.map(({ service }, i) => ({ serviceId: service.id, ownership: lines[i]!.get(control.id) ?? null }));
    if (new Set(ownership.map((o) => o.ownership)).size <= 1) return [];
    return [{ controlId: control.id, clauseNumber: control.clauseNumber, ownership }];
  });

  return { services, differences };
}

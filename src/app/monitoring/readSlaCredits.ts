import { commitmentsOf, type CommitmentScope, type CreditTier } from '../../domain/contracts/commitments';
import { versionForMonth, type AttainmentStatus } from '../../domain/monitoring/attainment';
import { monthBounds, parseMonth, type MonitoringSource } from '../../domain/monitoring/report';
import { badInput } from '../../domain/errors';
import type { AppContext } from '../context';
import { requireOrganization, requireService } from '../load';
import { customerRecords, customerScope } from '../subscriptions/customer';
import { measureMonth } from './readSlaReports';

/** A credit a customer may claim: one subscription, one targeted scope, one source. */
export interface SlaCreditClaim {
  readonly serviceId: string;
  readonly scope: CommitmentScope;
  readonly source: MonitoringSource;
  readonly contractVersion: number | null;
  readonly status: AttainmentStatus;
  readonly uptimePercent: number | null;
  readonly tier: CreditTier | null;
  readonly creditPercent: number;
  readonly claimBy: string | null;
  readonly claimable: boolean;
}

/**
 * "Which credits may I claim for October, and until when": for each of the customer's
 * subscriptions, each scope the contract in effect for the month targets, the provider's figure and
 * the customer's own. Customer data: its admins and auditors, and platform operators. Cost per
 * subscription and scope: two Queries for the ledgers and one per source (versions cached).
 */
export async function readSlaCredits(
  context: AppContext,
  args: { readonly month: string; readonly customerOrganizationId?: string | null },
): Promise<SlaCreditClaim[]> {
  const customerOrganizationId = customerScope(context, 'monitoring.credits', args.customerOrganizationId);
  const month = parseMonth(args.month);
  const now = context.clock();
  if (monthBounds(month).start > now.getTime())
    throw badInput(`${month} has not started.`, [
      { path: 'month', code: 'MONTH_NOT_STARTED', message: `${month} has not started; ask for this month or an earlier one.` },
    ]);
  await requireOrganization(context, customerOrganizationId);
  const { subscriptions } = await customerRecords(context, customerOrganizationId);
  const today = now.toISOString().slice(0, 10);
  const perService = await Promise.all(
    [...new Set(subscriptions.map((s) => s.serviceId))].sort().map(async (serviceId) => {
      const service = await requireService(context, serviceId);
      const versions = await context.loaders.contractVersions.load(service.id);
      const version = versionForMonth(versions, month, now);
      const contract = version ? await context.loaders.contractVersion.load({ serviceId: service.id, version }) : null;
      const targets = contract ? (commitmentsOf(contract).availability?.targets ?? []) : [];
      const sources: MonitoringSource[] = [
        { organizationId: service.providerOrganizationId, kind: 'PROVIDER' },
        { organizationId: customerOrganizationId, kind: 'CUSTOMER' },
      ];
      const perScope = await Promise.all(targets.map((t) => measureMonth(context, service, t.scope, month, sources)));
      return perScope.flat().map((m): SlaCreditClaim => ({
        serviceId: service.id,
        scope: m.scope,
        source: m.source,
        contractVersion: m.contractVersion,
        status: m.status,
        uptimePercent: m.uptimePercent,
        tier: m.credit?.tier ?? null,
        creditPercent: m.credit?.creditPercent ?? 0,
        claimBy: m.credit?.claimBy ?? null,
        claimable: m.credit !== null && m.credit.creditPercent > 0 && today <= m.credit.claimBy,
      }));
    }),
  );
  return perService.flat();
}

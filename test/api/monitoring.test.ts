import type { Identity } from '../../dev/tokens';
import { graphql } from '../generated';
import type { MeasuredIntervalInput } from '../generated/graphql';
import { createTestApi } from '../helpers/api';
import { monitoredService, type MonitoredWorld } from '../helpers/monitoringWorld';
import { dataOf, firstError, found } from '../helpers/results';
import { createOrganization, subscribedCustomer, uniqueName } from '../helpers/world';

// Monitoring clients as they meet the API: the provider's monitor and a subscribing customer's
// report measured intervals; the provider and the customer read the month side by side against the
// availability commitment and credit schedule of the published contract.

const Report = graphql(`
  mutation MonitoringReport($input: AvailabilityReportInput!) {
    reportAvailability(input: $input) {
      service {
        name
      }
      scope {
        region
        tier
      }
      source {
        kind
        organization {
          id
        }
      }
      intervalsReceived
      piecesStored
      months
    }
  }
`);
const Reports = graphql(`
  query MonitoringSlaReports($id: ID!, $month: String!, $scope: CommitmentScopeInput, $sources: [ID!]) {
    cloudService(id: $id) {
      slaReports(month: $month, scope: $scope, sources: $sources) {
        month
        source {
          kind
          organization {
            id
          }
        }
        contractVersion
        status
        monthComplete
        elapsedMinutes
        watchedMinutes
        unmonitoredMinutes
        uptimePercent
        target {
          targetPercent
        }
        downtimeMinutes
        excludedMinutes
        exclusionsRefusedMinutes
        shortDisruptionMinutes
        downtime {
          start
          end
          minutes
        }
        errorBudget {
          allowedMinutes
          spentMinutes
          leftMinutes
        }
        credit {
          tier {
            belowPercent
            creditPercent
          }
          creditPercent
          capped
          claimBy
        }
        summary
        comparedWithProvider {
          bothWatchedMinutes
          downOnlyHereMinutes
          downOnlyThereMinutes
        }
      }
    }
  }
`);
const Trail = graphql(`
  query MonitoringTrail($id: ID!) {
    auditEvents(filter: { targetType: "CloudService", targetId: $id }, first: 20) {
      edges {
        node {
          kind
          summary
        }
      }
    }
  }
`);

const MINUTE = 60_000;
// The handler's clock is fixed mid-month (passed in, see createTestApi), so the month's arithmetic
// never depends on when the suite runs: an outage an hour ago is always inside this month.
const NOW = Date.UTC(2026, 10, 16, 12, 0);
/** Now, down to the minute, and this month's first instant (UTC). */
const clock = () => {
  const d = new Date(NOW);
  return { now: NOW, monthStart: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), month: d.toISOString().slice(0, 7) };
};
const iso = (ms: number) => new Date(ms).toISOString();
const daysInMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** A provider publishing 99.9 % single-zone (5 % errors for 5 minutes is down), credits 10 % below 99.9, 25 % below 99, cap 50 %; one subscribing customer. */
async function world(): Promise<MonitoredWorld> {
  const api = await createTestApi({}, { clock: () => new Date(NOW) });
  return monitoredService(api, {
    availability: {
      targets: [{ scope: { tier: 'single-zone' }, targetPercent: 99.9 }],
      downtime: { errorRatePercent: 5, consecutiveMinutes: 5, description: 'Share of API calls answered 5xx' },
      exclusions: { scheduledMaintenanceNoticeDays: 7, customerCaused: true, forceMajeure: true },
    },
    serviceCredits: {
      schedules: [
        {
          scope: { tier: 'single-zone' },
          tiers: [
            { belowPercent: 99.9, creditPercent: 10 },
            { belowPercent: 99.0, creditPercent: 25 },
          ],
          claimWindowMonths: 2,
          capPercent: 50,
        },
      ],
    },
  });
}

const scope = { region: 'eu-west-1', tier: 'single-zone' };
/** The month so far, watched and healthy: one interval from the month's start to 4 minutes ahead (inside the clock-skew tolerance, so reading a minute later still finds every minute watched). */
const healthy = (): MeasuredIntervalInput => {
  const { now, monthStart } = clock();
  return { start: iso(monthStart), end: iso(now + 4 * MINUTE), errorRatePercent: 0 };
};
/** 40 minutes at a 30 % error rate, ending an hour ago (inside this month unless it began less than 100 minutes ago). */
const outage = (): MeasuredIntervalInput => {
  const { now } = clock();
  return { start: iso(now - 100 * MINUTE), end: iso(now - 60 * MINUTE), errorRatePercent: 30, note: 'eu-west-1 API 5xx' };
};

describe('monitoring clients and SLA month reports', () => {
  it("the provider's and the customer's monitors report; both sides read the month side by side against the commitment", async () => {
    const w = await world();
    const { month } = clock();
    const byProvider = dataOf(await w.api.graphql(Report, { input: { serviceId: w.serviceId, scope, intervals: [healthy()] } }, w.providerMonitor));
    expect(byProvider.reportAvailability).toMatchObject({
      scope,
      source: { kind: 'PROVIDER', organization: { id: w.provider } },
      intervalsReceived: 1,
      months: [month],
    });
    const byCustomer = dataOf(await w.api.graphql(Report, { input: { serviceId: w.serviceId, scope, intervals: [healthy(), outage()] } }, w.customerMonitor));
    expect(byCustomer.reportAvailability.source).toEqual({ kind: 'CUSTOMER', organization: { id: w.customer } });

    // The customer's people read the provider's figure and their own by default.
    const asCustomer = dataOf(await w.api.graphql(Reports, { id: w.serviceId, month, scope }, w.customerAdmin)).cloudService!.slaReports;
    expect(asCustomer.map((r) => r.source.kind)).toEqual(['PROVIDER', 'CUSTOMER']);
    const [provider, customer] = asCustomer as [(typeof asCustomer)[number], (typeof asCustomer)[number]];
    expect(provider).toMatchObject({ contractVersion: 1, status: 'MET', monthComplete: false, downtimeMinutes: 0, uptimePercent: 100, unmonitoredMinutes: 0 });
    expect(provider.errorBudget).toEqual({
      allowedMinutes: (daysInMonth(month) * 1440) / 1000,
      spentMinutes: 0,
      leftMinutes: (daysInMonth(month) * 1440) / 1000,
    });
    // 40 minutes of a budget of 40.3 to 44.6 minutes (28 to 31 days at 99.9 %): more than 80 % spent.
    expect(customer).toMatchObject({ status: 'AT_RISK', downtimeMinutes: 40, target: { targetPercent: 99.9 } });
    expect(customer.downtime).toEqual([{ start: outage().start, end: outage().end, minutes: 40 }]);
    // Side by side: the 40 minutes only the customer's monitor saw down.
    expect(provider.comparedWithProvider).toBeNull();
    expect(customer.comparedWithProvider).toEqual({ bothWatchedMinutes: customer.watchedMinutes, downOnlyHereMinutes: 40, downOnlyThereMinutes: 0 });
    expect(customer.uptimePercent).toBeCloseTo(((customer.watchedMinutes - 40) / customer.watchedMinutes) * 100, 4);
    // The credit so far follows from the uptime so far, under the 50 % cap; claimable to the end of the second month after.
    const [y, m] = month.split('-').map(Number) as [number, number];
    const claimBy = new Date(Date.UTC(y, m + 2, 0)).toISOString().slice(0, 10);
    expect(customer.credit).toEqual(
      customer.uptimePercent! < 99.9
        ? {
            tier: customer.uptimePercent! < 99 ? { belowPercent: 99, creditPercent: 25 } : { belowPercent: 99.9, creditPercent: 10 },
            creditPercent: customer.uptimePercent! < 99 ? 25 : 10,
            capped: false,
            claimBy,
          }
        : { tier: null, creditPercent: 0, capped: false, claimBy },
    );

    // The provider reads the customer's source too, when it names it.
    const asProvider = dataOf(await w.api.graphql(Reports, { id: w.serviceId, month, scope, sources: [w.customer, w.provider] }, w.providerAdmin)).cloudService!
      .slaReports;
    expect(asProvider.map((r) => [r.source.organization.id, r.status])).toEqual([
      [w.customer, 'AT_RISK'],
      [w.provider, 'MET'],
    ]);

    // Each report is on the reporting organization's trail.
    const trail = dataOf(await w.api.graphql(Trail, { id: w.serviceId }, w.customerAdmin)).auditEvents.edges.map((e) => e.node);
    expect(found(trail, (e) => e.kind === 'MONITORING_REPORT', 'the report event').summary).toMatch(
      /^reported 2 measured intervals of ".+" \(eu-west-1, single-zone\)/,
    );
  });

  it('a retried report counts once; the same start resent is a correction; a later report speaks for the minutes it covers', async () => {
    const w = await world();
    const { month } = clock();
    const input = { serviceId: w.serviceId, scope, intervals: [healthy(), outage()] };
    dataOf(await w.api.graphql(Report, { input }, w.providerMonitor));
    dataOf(await w.api.graphql(Report, { input }, w.providerMonitor));
    const read = async () => dataOf(await w.api.graphql(Reports, { id: w.serviceId, month, scope }, w.providerAdmin)).cloudService!.slaReports[0]!;
    expect((await read()).downtimeMinutes).toBe(40);
    // A correction: the outage was 3 %, under the 5 % threshold.
    dataOf(await w.api.graphql(Report, { input: { ...input, intervals: [{ ...outage(), errorRatePercent: 3 }] } }, w.providerMonitor));
    expect(await read()).toMatchObject({ downtimeMinutes: 0, status: 'MET', uptimePercent: 100 });
    // A later interval overlapping the healthy one, starting elsewhere: its minutes are what the source says now.
    const { now } = clock();
    dataOf(
      await w.api.graphql(
        Report,
        { input: { ...input, intervals: [{ start: iso(now - 30 * MINUTE), end: iso(now - 20 * MINUTE), errorRatePercent: 100 }] } },
        w.providerMonitor,
      ),
    );
    expect((await read()).downtimeMinutes).toBe(10);
  });

  it('maintenance announced a week ahead is excluded; short disruptions and silence are not downtime', async () => {
    const w = await world();
    const { now, monthStart, month } = clock();
    const maintenance = {
      start: iso(now - 50 * MINUTE),
      end: iso(now - 40 * MINUTE),
      errorRatePercent: 100,
      exclusion: 'SCHEDULED_MAINTENANCE' as const,
      maintenanceAnnouncedAt: iso(monthStart - 10 * 1440 * MINUTE),
    };
    const blip = { start: iso(now - 30 * MINUTE), end: iso(now - 27 * MINUTE), errorRatePercent: 100 };
    dataOf(await w.api.graphql(Report, { input: { serviceId: w.serviceId, scope, intervals: [healthy(), maintenance, blip] } }, w.providerMonitor));
    const [report] = dataOf(await w.api.graphql(Reports, { id: w.serviceId, month, scope }, w.providerAdmin)).cloudService!.slaReports;
    expect(report).toMatchObject({ excludedMinutes: 10, shortDisruptionMinutes: 3, downtimeMinutes: 0, status: 'MET' });

    // Another scope nobody reported on: NO_DATA, never 100 %.
    const [silent] = dataOf(await w.api.graphql(Reports, { id: w.serviceId, month, scope: { tier: 'single-zone' } }, w.providerAdmin)).cloudService!.slaReports;
    expect(silent).toMatchObject({ status: 'NO_DATA', uptimePercent: null, watchedMinutes: 0, credit: null });
    expect(silent!.summary).toMatch(/^Not enough data/);
  });

  it('refuses bad reports whole with every problem, and callers with no standing', async () => {
    const w = await world();
    const { now, month } = clock();
    const bad = await w.api.graphql(
      Report,
      {
        input: {
          serviceId: w.serviceId,
          scope: { region: 'mars-1' },
          intervals: [
            { start: iso(now - 10 * MINUTE), end: iso(now - 20 * MINUTE), errorRatePercent: 0 },
            { start: iso(now - 60 * MINUTE + 30_000), end: iso(now), errorRatePercent: 150 },
            { start: iso(now), end: iso(now + 60 * MINUTE), errorRatePercent: 0, exclusion: 'SCHEDULED_MAINTENANCE' },
          ],
        },
      },
      w.providerMonitor,
    );
    expect(firstError(bad).extensions.code).toBe('BAD_USER_INPUT');
    expect(firstError(bad).extensions.problems!.map((p) => `${p.path} ${p.code}`)).toEqual([
      'scope.region UNKNOWN_REGION',
      'intervals[0].end END_NOT_AFTER_START',
      'intervals[1].start NOT_WHOLE_MINUTE',
      'intervals[1].errorRatePercent OUT_OF_RANGE',
      'intervals[2].end IN_THE_FUTURE',
      'intervals[2].maintenanceAnnouncedAt MISSING_ANNOUNCEMENT',
    ]);
    const tooMany = Array.from({ length: 49 }, (_, i) => ({ start: iso(now - (i + 1) * MINUTE), end: iso(now - i * MINUTE), errorRatePercent: 0 }));
    const refused = await w.api.graphql(Report, { input: { serviceId: w.serviceId, intervals: tooMany } }, w.providerMonitor);
    expect(firstError(refused).extensions.problems!.map((p) => p.code)).toEqual(['TOO_MANY_INTERVALS']);
    // Nothing of a refused report was stored.
    const [report] = dataOf(await w.api.graphql(Reports, { id: w.serviceId, month }, w.providerAdmin)).cloudService!.slaReports;
    expect(report!.watchedMinutes).toBe(0);

    // A monitor of an organization that neither provides nor subscribes, and a customer admin reporting.
    const stranger = await createOrganization(w.api, uniqueName('Stranger'), ['CUSTOMER']);
    const strangerMonitor: Identity = { subject: 'monitor@stranger', organizationId: stranger, roles: ['MONITOR'] };
    for (const as of [strangerMonitor, w.customerAdmin]) {
      const result = await w.api.graphql(Report, { input: { serviceId: w.serviceId, intervals: [healthy()] } }, as);
      expect(firstError(result).extensions.code).toBe('FORBIDDEN');
    }
    // A customer reads the provider's measurements and its own, not another customer's.
    const other = await subscribedCustomer(w.api, [w.serviceId]);
    const peek = await w.api.graphql(Reports, { id: w.serviceId, month, sources: [other.organizationId] }, w.customerAdmin);
    expect(firstError(peek).extensions.code).toBe('FORBIDDEN');
    const outsider = await w.api.graphql(
      Reports,
      { id: w.serviceId, month },
      { subject: 'admin@stranger', organizationId: stranger, roles: ['CUSTOMER_ADMIN'] },
    );
    expect(firstError(outsider).extensions.code).toBe('FORBIDDEN');
    // Months: written YYYY-MM, already started; at most 5 sources.
    for (const [m, code] of [
      ['2026-13', 'INVALID_MONTH'],
      ['2999-01', 'MONTH_NOT_STARTED'],
    ]) {
      const result = await w.api.graphql(Reports, { id: w.serviceId, month: m! }, w.providerAdmin);
      expect(firstError(result).extensions.problems!.map((p) => p.code)).toEqual([code]);
    }
    const six = await w.api.graphql(Reports, { id: w.serviceId, month, sources: ['a', 'b', 'c', 'd', 'e', 'f'] }, w.providerAdmin);
    expect(firstError(six).extensions.problems!.map((p) => p.code)).toEqual(['TOO_MANY_SOURCES']);
  });
});

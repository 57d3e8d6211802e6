import type { Identity } from '../../dev/tokens';
import { graphql } from '../generated';
import type { MonitoringItemInput } from '../generated/graphql';
import { createTestApi } from '../helpers/api';
import { monitoredService, type MonitoredWorld } from '../helpers/monitoringWorld';
import { captureLogs, requestLines } from '../helpers/logs';
import { dataOf, firstError } from '../helpers/results';
import { createOrganization, uniqueName } from '../helpers/world';

// Monitoring clients on the batch API (reportMonitoring) as they meet it: a month of watched
// periods, downtime and incidents from the provider's monitor and a customer's, sent out of order,
// retried, duplicated and corrected (a stale revision arriving late); the month's uptime, budget,
// status and credit compared with a calculation written here, independently of the domain code.

const Report = graphql(`
  mutation BatchReport($input: MonitoringBatchInput!) {
    reportMonitoring(input: $input) {
      source {
        kind
      }
      itemsReceived
      created
      corrected
      unchanged
      stale {
        id
        revision
        storedRevision
      }
      months
    }
  }
`);
const Month = graphql(`
  query BatchMonth($id: ID!, $month: String!, $scope: CommitmentScopeInput, $sources: [ID!]) {
    cloudService(id: $id) {
      slaReports(month: $month, scope: $scope, sources: $sources) {
        source {
          kind
        }
        status
        watchedMinutes
        unmonitoredMinutes
        uptimePercent
        downtimeMinutes
        excludedMinutes
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
          burnRate
        }
        credit {
          creditPercent
          claimBy
        }
        comparedWithProvider {
          bothWatchedMinutes
          downOnlyHereMinutes
          downOnlyThereMinutes
        }
        incidents {
          count
          targetsChecked
          late {
            id
            target
            targetMinutes
            due
            doneAt
            lateMinutes
          }
        }
      }
    }
  }
`);
const Item = graphql(`
  query BatchItem($id: ID!, $item: String!, $scope: CommitmentScopeInput) {
    cloudService(id: $id) {
      monitoringItem(id: $item, scope: $scope) {
        id
        source {
          kind
        }
        current {
          revision
          kind
          downtime {
            start
            end
            cause
          }
        }
        history {
          revision
          downtime {
            end
          }
        }
      }
    }
  }
`);
const Credits = graphql(`
  query BatchCredits($month: String!, $org: ID) {
    slaCredits(month: $month, customerOrganizationId: $org) {
      service {
        id
      }
      scope {
        region
        tier
      }
      source {
        kind
      }
      status
      uptimePercent
      creditPercent
      claimBy
      claimable
    }
  }
`);

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 16, 12, 0);
// The contract is published in September (so it is in effect for all of October), then the clock
// stands still mid-November for the rest of the file.
let clockNow = Date.UTC(2026, 8, 20);
const OCT = Date.UTC(2026, 9, 1);
const OCT_MINUTES = 31 * 1440;
/** An instant of October 2026. */
const oct = (day: number, h = 0, m = 0) => new Date(Date.UTC(2026, 9, day, h, m)).toISOString();
const iso = (ms: number) => new Date(ms).toISOString();
const scope = { tier: 'single-zone' };

/** 99.9 % single-zone (5 % errors for 5 minutes), credits 10 % below 99.9 and 25 % below 99; SEV1 15 min, SEV2 1 h; told of security incidents within 24 h (72 h for personal data). */
async function world(): Promise<MonitoredWorld> {
  clockNow = Date.UTC(2026, 8, 20);
  const api = await createTestApi({}, { clock: () => new Date(clockNow) });
  return monitoredService(
    api,
    {
      availability: {
        targets: [{ scope, targetPercent: 99.9 }],
        downtime: { errorRatePercent: 5, consecutiveMinutes: 5 },
        exclusions: { scheduledMaintenanceNoticeDays: 7, customerCaused: true, forceMajeure: false },
      },
      serviceCredits: {
        schedules: [
          {
            tiers: [
              { belowPercent: 99.9, creditPercent: 10 },
              { belowPercent: 99.0, creditPercent: 25 },
            ],
            claimWindowMonths: 2,
            capPercent: 50,
          },
        ],
      },
      support: {
        targets: [
          { severity: 'SEV1', firstResponse: { value: 15, unit: 'MINUTES' } },
          { severity: 'SEV2', firstResponse: { value: 1, unit: 'HOURS' } },
        ],
      },
      incidentNotification: { within: { value: 24, unit: 'HOURS' }, personalDataWithin: { value: 72, unit: 'HOURS' } },
    },
    // The version takes effect at publication; the customer subscribes when the test's October begins.
    { beforeSubscribing: () => (clockNow = NOW) },
  );
}

const watched = (id: string, start: string, end: string): MonitoringItemInput => ({ id, revision: 0, watched: { start, end } });
const down = (
  id: string,
  revision: number,
  start: string,
  end: string | null,
  cause: 'OUTAGE' | 'SCHEDULED_MAINTENANCE' | 'CUSTOMER_CAUSED' = 'OUTAGE',
  announcedAt?: string,
) => ({
  id,
  revision,
  downtime: { start, end, cause, ...(announcedAt ? { announcedAt } : {}) },
});
const day = (d: number) => String(d).padStart(2, '0');

// The provider's monitor watches every day of October but the afternoon and evening of the 10th.
const providerWatched = Array.from({ length: 31 }, (_, i) =>
  watched(`w-${day(i + 1)}`, oct(i + 1), i + 1 === 10 ? oct(10, 12) : i + 1 === 31 ? iso(Date.UTC(2026, 10, 1)) : oct(i + 2)),
);
const d1 = down('d1', 0, oct(3, 10), oct(3, 10, 45));
const d2 = down('d2', 0, oct(3, 10, 30), oct(3, 10, 50)); // overlaps d1; corrected later to 11:00
const d3 = down('d3', 0, oct(12, 2), oct(12, 4), 'SCHEDULED_MAINTENANCE', oct(1)); // announced 11 days ahead: excluded
const d4 = down('d4', 0, oct(20, 8), oct(20, 8, 3)); // 3 minutes: shorter than the definition's 5
const d5open = down('d5', 0, oct(25), null); // still open when first reported
const d5late = down('d5', 1, oct(25), oct(25, 5)); // an early guess, arriving after the final word
const d5 = down('d5', 2, oct(25), oct(25, 0, 30));
const batchA = [...providerWatched.slice(0, 15), providerWatched[2]!, d1, d2, d3, d5open];
const batchB = [...providerWatched.slice(15), d4, d5];

/**
 * The month as the contract defines it, computed minute by minute here: watched minutes, downtime
 * (every interval's minutes merged; announced maintenance and customer-caused excluded; runs under
 * 5 minutes not counted), uptime over the watched minutes.
 */
function expected(watchedPeriods: [string, string][], downtime: { start: string; end: string; excluded: boolean }[]) {
  const at = (s: string) => (Date.parse(s) - OCT) / MINUTE;
  const state = new Array<string>(OCT_MINUTES).fill('unwatched');
  for (const [s, e] of watchedPeriods) for (let m = at(s); m < at(e); m++) state[m] = 'up';
  for (const d of downtime.filter((x) => x.excluded)) for (let m = at(d.start); m < at(d.end); m++) state[m] = 'excluded';
  for (const d of downtime.filter((x) => !x.excluded)) for (let m = at(d.start); m < at(d.end); m++) state[m] = 'bad';
  let run = 0;
  let downtimeMinutes = 0;
  const isDown = new Array<boolean>(OCT_MINUTES).fill(false);
  for (let m = 0; m <= OCT_MINUTES; m++) {
    if (m < OCT_MINUTES && state[m] === 'bad') run++;
    else {
      if (run >= 5) {
        downtimeMinutes += run;
        for (let k = m - run; k < m; k++) isDown[k] = true;
      }
      run = 0;
    }
  }
  const watchedMinutes = state.filter((s) => s !== 'unwatched').length;
  const uptime = Math.round(((watchedMinutes - downtimeMinutes) / watchedMinutes) * 100 * 10_000) / 10_000;
  return { watchedMinutes, downtimeMinutes, uptime, isDown, watched: state.map((s) => s !== 'unwatched') };
}

// Whole months through DynamoDB Local's slow transactions: a generous time limit, not a timing test.
jest.setTimeout(90_000);

describe('monitoring clients on the batch API (reportMonitoring)', () => {
  let w: MonitoredWorld;
  beforeAll(async () => {
    w = await world();
  }, 60_000);

  it('a month sent out of order, retried, duplicated and corrected counts each item once, by revision; both sources read against an independent calculation', async () => {
    const report = async (items: MonitoringItemInput[], as = w.providerMonitor) =>
      dataOf(await w.api.graphql(Report, { input: { serviceId: w.serviceId, scope, items } }, as)).reportMonitoring;
    // The second half arrives first, with the final word on d5 (revision 2).
    expect(await report(batchB)).toMatchObject({
      source: { kind: 'PROVIDER' },
      itemsReceived: 18,
      created: 18,
      corrected: 0,
      unchanged: 0,
      stale: [],
      months: ['2026-10'],
    });
    // The first half, with d5 still open (revision 0) and w-03 twice: d5 is stale, w-03 counts once.
    expect(await report(batchA)).toMatchObject({ itemsReceived: 20, created: 18, unchanged: 0, stale: [{ id: 'd5', revision: 0, storedRevision: 2 }] });
    // A retry of the whole batch changes nothing; nor does an early guess arriving after the final word.
    expect(await report(batchA)).toMatchObject({ created: 0, corrected: 0, unchanged: 18, stale: [{ id: 'd5' }] });
    expect(await report([d5late])).toMatchObject({ created: 0, unchanged: 0, stale: [{ id: 'd5', revision: 1, storedRevision: 2 }] });
    // A correction: d2 lasted until 11:00.
    expect(await report([down('d2', 1, oct(3, 10, 30), oct(3, 11))])).toMatchObject({ corrected: 1, months: ['2026-10'] });
    // The same id and revision with other content is refused: a correction takes a higher revision.
    const reused = await w.api.graphql(Report, { input: { serviceId: w.serviceId, scope, items: [down('d1', 0, oct(3, 10), oct(3, 12))] } }, w.providerMonitor);
    expect(firstError(reused).extensions.problems!.map((p) => `${p.path} ${p.code}`)).toEqual(['items[0].revision REVISION_REUSED']);

    // The customer's monitor watches all month (weeks), saw the outage longer, and one customer-caused spell.
    const weeks = [1, 8, 15, 22, 29].map((d, i, all) => watched(`week-${d}`, oct(d), i + 1 < all.length ? oct(all[i + 1]!) : iso(Date.UTC(2026, 10, 1))));
    await report([...weeks, down('c1', 0, oct(3, 10, 10), oct(3, 11, 20)), down('c2', 0, oct(15, 14), oct(15, 14, 20), 'CUSTOMER_CAUSED')], w.customerMonitor);

    const p = expected(
      providerWatched.map((i) => [i.watched!.start as string, i.watched!.end as string]),
      [
        { start: oct(3, 10), end: oct(3, 10, 45), excluded: false },
        { start: oct(3, 10, 30), end: oct(3, 11), excluded: false },
        { start: oct(12, 2), end: oct(12, 4), excluded: true },
        { start: oct(20, 8), end: oct(20, 8, 3), excluded: false },
        { start: oct(25), end: oct(25, 0, 30), excluded: false },
      ],
    );
    const c = expected(
      weeks.map((i) => [i.watched!.start as string, i.watched!.end as string]),
      [
        { start: oct(3, 10, 10), end: oct(3, 11, 20), excluded: false },
        { start: oct(15, 14), end: oct(15, 14, 20), excluded: true },
      ],
    );
    expect([p.watchedMinutes, p.downtimeMinutes, c.watchedMinutes, c.downtimeMinutes]).toEqual([OCT_MINUTES - 720, 90, OCT_MINUTES, 70]);
    const reports = dataOf(await w.api.graphql(Month, { id: w.serviceId, month: '2026-10', scope, sources: [w.provider, w.customer] }, w.providerAdmin))
      .cloudService!.slaReports;
    const [provider, customer] = reports as [(typeof reports)[number], (typeof reports)[number]];
    const allowed = (OCT_MINUTES * 0.1) / 100;
    expect(provider).toMatchObject({
      status: p.uptime < 99.9 ? 'BREACHED' : 'MET',
      watchedMinutes: p.watchedMinutes,
      unmonitoredMinutes: 720,
      downtimeMinutes: p.downtimeMinutes,
      uptimePercent: p.uptime,
      excludedMinutes: 120,
      shortDisruptionMinutes: 3,
      errorBudget: { allowedMinutes: allowed, spentMinutes: p.downtimeMinutes, leftMinutes: 0 },
      credit: { creditPercent: p.uptime < 99 ? 25 : p.uptime < 99.9 ? 10 : 0, claimBy: '2026-12-31' },
    });
    expect(provider.downtime).toEqual([
      { start: oct(3, 10), end: oct(3, 11), minutes: 60 },
      { start: oct(25), end: oct(25, 0, 30), minutes: 30 },
    ]);
    expect(customer).toMatchObject({
      status: c.uptime < 99.9 ? 'BREACHED' : 'MET',
      downtimeMinutes: c.downtimeMinutes,
      uptimePercent: c.uptime,
      excludedMinutes: 20,
      credit: { creditPercent: c.uptime < 99 ? 25 : c.uptime < 99.9 ? 10 : 0, claimBy: '2026-12-31' },
    });
    // Side by side, over the minutes both watched.
    let both = 0;
    let onlyCustomer = 0;
    let onlyProvider = 0;
    for (let m = 0; m < OCT_MINUTES; m++) {
      if (!p.watched[m] || !c.watched[m]) continue;
      both++;
      if (c.isDown[m] && !p.isDown[m]) onlyCustomer++;
      if (p.isDown[m] && !c.isDown[m]) onlyProvider++;
    }
    expect(customer.comparedWithProvider).toEqual({ bothWatchedMinutes: both, downOnlyHereMinutes: onlyCustomer, downOnlyThereMinutes: onlyProvider });

    // A correction keeps its history.
    const item = dataOf(await w.api.graphql(Item, { id: w.serviceId, item: 'd2', scope }, w.providerAdmin)).cloudService!.monitoringItem;
    expect(item).toEqual({
      id: 'd2',
      source: { kind: 'PROVIDER' },
      current: { revision: 1, kind: 'DOWNTIME', downtime: { start: oct(3, 10, 30), end: oct(3, 11), cause: 'OUTAGE' } },
      history: [{ revision: 0, downtime: { end: oct(3, 10, 50) } }],
    });

    // The customer asks which credits it may claim for October, and until when.
    const credits = dataOf(await w.api.graphql(Credits, { month: '2026-10', org: w.customer }, w.customerAdmin)).slaCredits;
    expect(credits.map((x) => [x.service.id, x.scope, x.source.kind, x.uptimePercent, x.creditPercent, x.claimBy, x.claimable])).toEqual([
      [w.serviceId, { region: null, tier: 'single-zone' }, 'PROVIDER', p.uptime, 10, '2026-12-31', true],
      [w.serviceId, { region: null, tier: 'single-zone' }, 'CUSTOMER', c.uptime, 10, '2026-12-31', true],
    ]);
    // Without naming the customer, a customer's admin reads its own organization's credits.
    expect(dataOf(await w.api.graphql(Credits, { month: '2026-10' }, w.customerAdmin)).slaCredits).toEqual(credits);
    const operator: Identity = { subject: 'ops@onus', organizationId: w.provider, roles: ['PLATFORM_ADMIN'] };
    expect(dataOf(await w.api.graphql(Credits, { month: '2026-10', org: w.customer }, operator)).slaCredits).toHaveLength(2);
    for (const as of [w.providerAdmin, w.customerMonitor])
      expect(firstError(await w.api.graphql(Credits, { month: '2026-10', org: w.customer }, as)).extensions.code).toBe('FORBIDDEN');
  });

  it('incidents against the first-response targets and the notification window: each late one with how late', async () => {
    const incident = (id: string, revision: number, fields: Partial<NonNullable<MonitoringItemInput['incident']>>): MonitoringItemInput => ({
      id,
      revision,
      incident: { severity: 'SEV1', title: `Incident ${id}`, detectedAt: oct(5, 10), securityRelevant: false, ...fields },
    });
    const tier = { tier: 'multi-zone' };
    const items = [
      incident('i1', 0, { firstResponseAt: oct(5, 10, 10) }),
      // SEV2 answered after 90 minutes (30 late); security-relevant, customers told after 30 hours (6 late).
      incident('i2', 0, { severity: 'SEV2', detectedAt: oct(7, 9), firstResponseAt: oct(7, 10, 30), securityRelevant: true, customerNotifiedAt: oct(8, 15) }),
      // Personal data: the 72-hour window; told after 48 hours, in time.
      incident('i3', 0, { detectedAt: oct(9), firstResponseAt: oct(9, 0, 5), securityRelevant: true, personalData: true, customerNotifiedAt: oct(11) }),
      // Never answered: late by the time since its deadline.
      incident('i4', 0, { severity: 'SEV2', detectedAt: oct(31, 23) }),
    ];
    dataOf(await w.api.graphql(Report, { input: { serviceId: w.serviceId, scope: tier, items } }, w.providerMonitor));
    // A correction: the first answer to i1 came at 10:20, five minutes late.
    dataOf(
      await w.api.graphql(
        Report,
        { input: { serviceId: w.serviceId, scope: tier, items: [incident('i1', 1, { firstResponseAt: oct(5, 10, 20) })] } },
        w.providerMonitor,
      ),
    );
    const [month] = dataOf(await w.api.graphql(Month, { id: w.serviceId, month: '2026-10', scope: tier }, w.customerAdmin)).cloudService!.slaReports;
    expect(month!.incidents).toEqual({
      count: 4,
      targetsChecked: 6,
      late: [
        { id: 'i1', target: 'FIRST_RESPONSE', targetMinutes: 15, due: oct(5, 10, 15), doneAt: oct(5, 10, 20), lateMinutes: 5 },
        { id: 'i2', target: 'FIRST_RESPONSE', targetMinutes: 60, due: oct(7, 10), doneAt: oct(7, 10, 30), lateMinutes: 30 },
        { id: 'i2', target: 'CUSTOMER_NOTIFICATION', targetMinutes: 1440, due: oct(8, 9), doneAt: oct(8, 15), lateMinutes: 360 },
        {
          id: 'i4',
          target: 'FIRST_RESPONSE',
          targetMinutes: 60,
          due: iso(Date.UTC(2026, 10, 1)),
          doneAt: null,
          lateMinutes: (NOW - Date.UTC(2026, 10, 1)) / MINUTE,
        },
      ],
    });
  });

  it('an open interval counts up to now in the month in progress until a later revision closes it', async () => {
    const tier = { region: 'eu-west-1', tier: 'single-zone' };
    const read = async () =>
      dataOf(await w.api.graphql(Month, { id: w.serviceId, month: '2026-11', scope: tier }, w.providerAdmin)).cloudService!.slaReports[0]!;
    const monthStart = Date.UTC(2026, 10, 1);
    dataOf(
      await w.api.graphql(
        Report,
        { input: { serviceId: w.serviceId, scope: tier, items: [watched('nov', iso(monthStart), iso(NOW)), down('o1', 0, iso(NOW - 30 * MINUTE), null)] } },
        w.providerMonitor,
      ),
    );
    expect(await read()).toMatchObject({
      downtimeMinutes: 30,
      downtime: [{ start: iso(NOW - 30 * MINUTE), end: iso(NOW), minutes: 30 }],
      unmonitoredMinutes: 0,
    });
    dataOf(
      await w.api.graphql(
        Report,
        { input: { serviceId: w.serviceId, scope: tier, items: [down('o1', 1, iso(NOW - 30 * MINUTE), iso(NOW - 20 * MINUTE))] } },
        w.providerMonitor,
      ),
    );
    // 10 minutes of a 43.2-minute budget with 15.5 of 30 days gone: burning at 0.45 times the even pace.
    expect(await read()).toMatchObject({ downtimeMinutes: 10, status: 'MET', errorBudget: { spentMinutes: 10, burnRate: 0.45 } });
    // A month with too little watched: NO_DATA, not MET (the provider watched this scope in October only).
    const thin = scope;
    dataOf(
      await w.api.graphql(
        Report,
        { input: { serviceId: w.serviceId, scope: thin, items: [watched('thin', iso(monthStart), iso(monthStart + 2 * 1440 * MINUTE))] } },
        w.providerMonitor,
      ),
    );
    const [month] = dataOf(await w.api.graphql(Month, { id: w.serviceId, month: '2026-11', scope: thin }, w.providerAdmin)).cloudService!.slaReports;
    expect(month).toMatchObject({ status: 'NO_DATA', watchedMinutes: 2 * 1440 });
  });

  it('a month report costs the same few DynamoDB calls whatever the number of items reported', async () => {
    const tier = { region: 'eu-west-1', tier: 'metered' };
    const observed = await createTestApi({ logLevel: 'INFO', tableName: w.api.config.tableName }, { clock: () => new Date(NOW) });
    const read = async () => {
      const { lines } = await captureLogs(async () => {
        await observed.graphql(Month, { id: w.serviceId, month: '2026-10', scope: tier, sources: [w.provider, w.customer] }, w.providerAdmin);
        await observed.graphql(Month, { id: w.serviceId, month: '2026-10', scope: tier, sources: [w.provider, w.customer] }, w.providerAdmin);
      });
      return requestLines(lines)[1]!.dynamodbCalls as number; // warm: the contract version comes from memory
    };
    dataOf(await w.api.graphql(Report, { input: { serviceId: w.serviceId, scope: tier, items: [watched('month', oct(1), oct(31))] } }, w.providerMonitor));
    const few = await read();
    // 1-minute heartbeats and downtime samples of a day: 400 more items.
    const minutes = Array.from({ length: 200 }, (_, i) => Date.parse(oct(2)) + i * MINUTE);
    const many = [...minutes.map((t, i) => watched(`hb-${i}`, iso(t), iso(t + MINUTE))), ...minutes.map((t, i) => down(`dt-${i}`, 0, iso(t), iso(t + MINUTE)))];
    for (let i = 0; i < many.length; i += 100)
      dataOf(await w.api.graphql(Report, { input: { serviceId: w.serviceId, scope: tier, items: many.slice(i, i + 100) } }, w.providerMonitor));
    expect(await read()).toBe(few);
    // The service, the sources' organizations, the version list, the month's measured intervals per source (2) and
    // every source's ledgers (2): Queries and gets, never a Scan, never a page per item.
    expect(few).toBe(7);
    const [month] = dataOf(await observed.graphql(Month, { id: w.serviceId, month: '2026-10', scope: tier }, w.providerAdmin)).cloudService!.slaReports;
    expect(month).toMatchObject({ downtimeMinutes: 200, downtime: [{ start: oct(2), minutes: 200 }] });
  });

  it('two batches racing on the same items: the higher revision wins whichever lands last, and the month counts each item once', async () => {
    const tier = { region: 'eu-west-1', tier: 'racing' };
    const send = (items: MonitoringItemInput[]) => w.api.graphql(Report, { input: { serviceId: w.serviceId, scope: tier, items } }, w.providerMonitor);
    const days = Array.from({ length: 20 }, (_, i) => watched(`day-${i}`, oct(i + 1), oct(i + 2)));
    const early = [...days, down('race', 1, oct(5, 10), oct(5, 11))];
    const final = [...days, down('race', 2, oct(5, 10), oct(5, 10, 20))];
    const results = await Promise.all([send(early), send(final), send(early)]);
    for (const r of results) expect(r.json.errors ?? []).toEqual([]);
    const [month] = dataOf(await w.api.graphql(Month, { id: w.serviceId, month: '2026-10', scope: tier }, w.providerAdmin)).cloudService!.slaReports;
    expect(month).toMatchObject({ watchedMinutes: 20 * 1440, downtimeMinutes: 20 });
    const item = dataOf(await w.api.graphql(Item, { id: w.serviceId, item: 'race', scope: tier }, w.providerAdmin)).cloudService!.monitoringItem;
    expect(item!.current.revision).toBe(2);
  });

  it('refuses a bad batch whole with every problem (index, id, code), and monitors with no standing', async () => {
    const tier = { tier: 'refused' };
    const bad = await w.api.graphql(
      Report,
      {
        input: {
          serviceId: w.serviceId,
          scope: tier,
          items: [
            watched('ok', iso(NOW - 60 * MINUTE), iso(NOW)),
            down('backwards', 0, oct(3, 11), oct(3, 10)),
            { id: 'both', revision: 0, watched: { start: oct(1), end: oct(2) }, downtime: { start: oct(1), cause: 'OUTAGE' } },
            watched('future', iso(NOW), iso(NOW + 60 * MINUTE)),
            { id: 'why', revision: 0, downtime: { start: oct(4), end: oct(4, 1), cause: 'EXCLUDED' } },
            { id: 'early', revision: 0, incident: { severity: 'SEV1', title: 'x', detectedAt: oct(5), firstResponseAt: oct(4), securityRelevant: false } },
            watched('bad id!', oct(1), oct(2)),
            watched('ancient', '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'),
          ],
        },
      },
      w.providerMonitor,
    );
    expect(firstError(bad).extensions.code).toBe('BAD_USER_INPUT');
    const problems = firstError(bad).extensions.problems!;
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'items[1].downtime.end END_NOT_AFTER_START',
      'items[2] ONE_KIND_PER_ITEM',
      'items[3].watched.end IN_THE_FUTURE',
      'items[4].downtime.reason MISSING_REASON',
      'items[5].incident.firstResponseAt BEFORE_DETECTION',
      'items[6].id INVALID_ID',
      'items[7].watched.start TOO_OLD',
      'items[7].watched.end TOO_OLD',
    ]);
    expect(problems[0]!.message).toMatch(/^item 1 \("backwards"\)/);
    const tooMany = Array.from({ length: 501 }, (_, i) => watched(`m-${i}`, iso(NOW - (i + 1) * MINUTE), iso(NOW - i * MINUTE)));
    const refused = await w.api.graphql(Report, { input: { serviceId: w.serviceId, scope: tier, items: tooMany } }, w.providerMonitor);
    expect(firstError(refused).extensions.problems!.map((p) => p.code)).toEqual(['TOO_MANY_ITEMS']);
    // Nothing of a refused batch was stored ("ok" was valid). (Batches of 500 are accepted: the unit tests and the bench.)
    const [month] = dataOf(await w.api.graphql(Month, { id: w.serviceId, month: '2026-11', scope: tier }, w.providerAdmin)).cloudService!.slaReports;
    expect(month!.watchedMinutes).toBe(0);
    const stranger = await createOrganization(w.api, uniqueName('Stranger'), ['CUSTOMER']);
    for (const as of [{ subject: 'monitor@stranger', organizationId: stranger, roles: ['MONITOR'] } as Identity, w.customerAdmin]) {
      const result = await w.api.graphql(Report, { input: { serviceId: w.serviceId, items: [watched('x', oct(1), oct(2))] } }, as);
      expect(firstError(result).extensions.code).toBe('FORBIDDEN');
    }
  });
});

import type { AvailabilityCommitment, ServiceCreditSchedule } from '../../../src/domain/contracts/commitments';
import {
  budgetOf,
  withBurnRate,
  claimDeadline,
  compareSources,
  computeAttainment,
  targetFor,
  versionForMonth,
  type AttainmentInput,
} from '../../../src/domain/monitoring/attainment';
import type { MeasuredInterval } from '../../../src/domain/monitoring/report';

const availability: AvailabilityCommitment = {
  targets: [
    { scope: { region: null, tier: 'multi-zone' }, targetPercent: 99.99 },
    { scope: { region: null, tier: 'single-zone' }, targetPercent: 99.9 },
  ],
  downtime: { errorRatePercent: 5, consecutiveMinutes: 5, description: null },
  exclusions: { scheduledMaintenanceNoticeDays: 7, customerCaused: true, forceMajeure: false },
  noCommitmentReason: null,
  controlIds: ['17.2.1'],
};
const schedules: ServiceCreditSchedule[] = [
  {
    scope: { region: null, tier: 'single-zone' },
    tiers: [
      { belowPercent: 99.9, creditPercent: 10 },
      { belowPercent: 99.0, creditPercent: 25 },
      { belowPercent: 95.0, creditPercent: 100 },
    ],
    claimWindowMonths: 2,
    capPercent: 50,
  },
];

const at = (day: number, hh = 0, mm = 0, month = '2026-11') =>
  `${month}-${String(day).padStart(2, '0')}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00.000Z`;
const iv = (start: string, end: string, errorRatePercent: number, more: Partial<MeasuredInterval> = {}): MeasuredInterval => ({
  start,
  end,
  errorRatePercent,
  exclusion: null,
  maintenanceAnnouncedAt: null,
  note: null,
  ...more,
});
/** The whole of November 2026 watched, healthy. */
const wholeMonth = iv(at(1), '2026-12-01T00:00:00.000Z', 0);

const run = (intervals: MeasuredInterval[], more: Partial<AttainmentInput> = {}) =>
  computeAttainment({
    month: '2026-11',
    now: new Date('2027-01-05T00:00:00Z'),
    scope: { region: 'eu-west-1', tier: 'single-zone' },
    source: { organizationId: 'org-p', kind: 'PROVIDER' },
    intervals,
    contractVersion: 1,
    availability,
    creditSchedules: schedules,
    ...more,
  });

describe('attainment of a month', () => {
  it('says NO_DATA for a month nobody reported on, never 100 %', () => {
    const a = run([]);
    expect(a.status).toBe('NO_DATA');
    expect(a.uptimePercent).toBeNull();
    expect(a.unmonitoredMinutes).toBe(30 * 24 * 60);
    expect(a.credit).toBeNull();
    expect(a.summary).toMatch(/Not enough data/);
  });

  it('a month watched throughout without errors is MET at 100 % with the whole budget left', () => {
    const a = run([wholeMonth]);
    expect(a).toMatchObject({ status: 'MET', uptimePercent: 100, downtimeMinutes: 0, watchedMinutes: 43200, monthComplete: true });
    expect(a.errorBudget).toEqual({ allowedMinutes: 43.2, spentMinutes: 0, leftMinutes: 43.2, spentPercent: 0, burnRate: 0 });
    expect(a.credit).toMatchObject({ tier: null, creditPercent: 0, claimBy: '2027-01-31' });
  });

  it('counts only runs of at least the consecutive minutes above the threshold; a rate at the threshold is not down', () => {
    const a = run([
      wholeMonth,
      iv(at(3, 10, 0), at(3, 10, 4), 50), // 4 minutes: a short disruption
      iv(at(4, 10, 0), at(4, 11, 0), 5), // exactly the threshold: up
      iv(at(5, 10, 0), at(5, 11, 0), 80), // 60 minutes down
    ]);
    expect(a.downtimeMinutes).toBe(60);
    expect(a.shortDisruptionMinutes).toBe(4);
    expect(a.downtime).toEqual([{ start: at(5, 10, 0), end: at(5, 11, 0), minutes: 60 }]);
    expect(a.uptimePercent).toBe(99.8611);
    expect(a.status).toBe('BREACHED');
    expect(a.errorBudget).toMatchObject({ allowedMinutes: 43.2, spentMinutes: 60, leftMinutes: 0 });
    expect(a.credit).toMatchObject({ tier: { belowPercent: 99.9, creditPercent: 10 }, creditPercent: 10, capped: false, claimBy: '2027-01-31' });
  });

  it('overlapping intervals of one report keep the worst rate', () => {
    const a = run([wholeMonth, iv(at(5, 10, 0), at(5, 10, 30), 90), iv(at(5, 10, 20), at(5, 10, 40), 90), iv(at(5, 10, 0), at(5, 11, 0), 0)]);
    expect(a.downtimeMinutes).toBe(40);
    expect(a.downtime).toHaveLength(1);
  });

  it("the source's latest report speaks for a minute: a later correction replaces what it corrects, in either direction", () => {
    const first = { reportedAt: '2026-11-05T10:00:00.000Z' };
    const later = { reportedAt: '2026-11-05T12:00:00.000Z' };
    const outage = { ...iv(at(5, 9, 0), at(5, 9, 30), 90), ...first };
    expect(run([{ ...wholeMonth, ...first }, outage]).downtimeMinutes).toBe(30);
    // Resent later as one healthy interval over the same hour: the outage was a false alarm.
    expect(run([{ ...wholeMonth, ...first }, outage, { ...iv(at(5, 9, 0), at(5, 10, 0), 0), ...later }]).downtimeMinutes).toBe(0);
    // Or found later to have lasted longer.
    expect(run([{ ...wholeMonth, ...first }, outage, { ...iv(at(5, 9, 0), at(5, 10, 0), 90), ...later }]).downtimeMinutes).toBe(60);
  });

  it('excludes maintenance announced far enough ahead, counts maintenance announced late', () => {
    const announcedEarly = iv(at(10, 2), at(10, 4), 100, { exclusion: 'SCHEDULED_MAINTENANCE', maintenanceAnnouncedAt: at(1) });
    const announcedLate = iv(at(12, 2), at(12, 3), 100, { exclusion: 'SCHEDULED_MAINTENANCE', maintenanceAnnouncedAt: at(10) });
    const a = run([wholeMonth, announcedEarly, announcedLate]);
    expect(a.excludedMinutes).toBe(120);
    expect(a.exclusionsRefusedMinutes).toBe(60);
    expect(a.downtimeMinutes).toBe(60);
  });

  it('honours only the exclusions the contract grants (customer-caused yes, force majeure no here)', () => {
    const a = run([wholeMonth, iv(at(8), at(8, 1), 100, { exclusion: 'CUSTOMER_CAUSED' }), iv(at(9), at(9, 1), 100, { exclusion: 'FORCE_MAJEURE' })]);
    expect(a.excludedMinutes).toBe(60);
    expect(a.downtimeMinutes).toBe(60);
  });

  it('a gap ends a run of bad minutes and is reported as unmonitored', () => {
    const a = run([
      iv(at(1), at(20, 10, 0), 0),
      iv(at(20, 10, 0), at(20, 10, 3), 100),
      iv(at(20, 10, 10), at(20, 10, 13), 100),
      iv(at(20, 10, 13), '2026-12-01T00:00:00.000Z', 0),
    ]);
    expect(a.unmonitoredMinutes).toBe(7);
    expect(a.downtimeMinutes).toBe(0);
    expect(a.shortDisruptionMinutes).toBe(6);
    expect(a.status).toBe('MET');
  });

  it('too little watched time is NO_DATA even when what was watched was perfect', () => {
    const a = run([iv(at(1), at(20), 0)]);
    expect(a.status).toBe('NO_DATA');
    expect(a.uptimePercent).toBe(100);
  });

  it('months of 28, 29, 30 and 31 days', () => {
    for (const [month, days] of [
      ['2026-02', 28],
      ['2028-02', 29],
      ['2026-04', 30],
      ['2026-12', 31],
    ] as const) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const a = run([iv(`${month}-01T00:00:00.000Z`, new Date(Date.UTC(y, m, 1)).toISOString(), 0)], { month, now: new Date('2029-01-01T00:00:00Z') });
      expect(a.monthMinutes).toBe(days * 1440);
      expect(a.status).toBe('MET');
      expect(a.errorBudget!.allowedMinutes).toBe(Math.round(days * 1440 * 0.1) / 100);
    }
  });

  it('a month in progress is measured up to now and AT_RISK once most of its budget is spent', () => {
    const now = new Date(at(15));
    const a = run([iv(at(1), at(15), 0), iv(at(14, 12), at(14, 12, 40), 100)], { now });
    expect(a.monthComplete).toBe(false);
    expect(a.elapsedMinutes).toBe(14 * 1440);
    expect(a.downtimeMinutes).toBe(40);
    expect(a.status).toBe('AT_RISK');
    const b = run([iv(at(1), at(15), 0), iv(at(14, 12), at(14, 13), 100)], { now });
    expect(b.status).toBe('BREACHED');
  });

  it('caps the credit and takes the deepest tier reached', () => {
    const a = run([wholeMonth, iv(at(2), at(5), 100)]);
    expect(a.uptimePercent).toBe(90);
    expect(a.credit).toMatchObject({ tier: { belowPercent: 95, creditPercent: 100 }, creditPercent: 50, capped: true });
  });

  it('NO_COMMITMENT when no target applies; the scope falls back to the tier, then the service', () => {
    expect(run([wholeMonth], { availability: null }).status).toBe('NO_COMMITMENT');
    expect(targetFor(availability, { region: 'eu-west-1', tier: 'multi-zone' })?.targetPercent).toBe(99.99);
    expect(targetFor(availability, { region: 'eu-west-1', tier: null })).toBeNull();
    const whole = { ...availability, targets: [{ scope: { region: null, tier: null }, targetPercent: 99.5 }] };
    expect(targetFor(whole, { region: 'eu-west-1', tier: 'x' })?.targetPercent).toBe(99.5);
  });

  it('claim deadlines run to the end of the n-th month after, across years', () => {
    expect(claimDeadline('2026-11', 2)).toBe('2027-01-31');
    expect(claimDeadline('2026-12', 2)).toBe('2027-02-28');
    expect(claimDeadline('2027-12', 2)).toBe('2028-02-29');
    expect(claimDeadline('2026-01', 1)).toBe('2026-02-28');
  });

  it('budgets: 99.99 % of 30 days is 4.32 minutes', () => {
    expect(budgetOf(43200, 99.99, 2)).toEqual({ allowedMinutes: 4.32, spentMinutes: 2, leftMinutes: 2.32, spentPercent: 46.3 });
    // A quarter of the month gone and 46 % of the budget spent: burning at 1.85 times the even pace.
    expect(withBurnRate(budgetOf(43200, 99.99, 2), 0.25).burnRate).toBe(1.85);
    expect(withBurnRate(budgetOf(43200, 99.99, 0), 0).burnRate).toBeNull();
  });
});

describe('the version a month is measured against', () => {
  const versions = [
    { version: 1, effectiveFrom: '2026-10-10T00:00:00.000Z' },
    { version: 2, effectiveFrom: '2026-11-15T00:00:00.000Z' },
    { version: 3, effectiveFrom: '2027-02-01T00:00:00.000Z' },
  ];
  const now = new Date('2026-12-10T00:00:00Z');
  it('is the one in effect at the start of the month; a version taking effect mid-month applies from the next', () => {
    expect(versionForMonth(versions, '2026-11', now)).toBe(1);
    expect(versionForMonth(versions, '2026-12', now)).toBe(2);
  });
  it('is the first to take effect during the month when none was in effect at its start, and none before any', () => {
    expect(versionForMonth(versions, '2026-10', now)).toBe(1);
    expect(versionForMonth(versions, '2026-09', now)).toBeNull();
    expect(versionForMonth([{ version: 1, effectiveFrom: '2026-12-20T00:00:00.000Z' }], '2026-12', now)).toBeNull();
  });
  it('counts a first version taking effect at this very instant, and not one taking effect as the month ends', () => {
    expect(versionForMonth([{ version: 1, effectiveFrom: '2026-12-10T00:00:00.000Z' }], '2026-12', now)).toBe(1);
    expect(versionForMonth([{ version: 1, effectiveFrom: '2026-12-01T00:00:00.000Z' }], '2026-11', now)).toBeNull();
  });
});

describe("the README's worked example", () => {
  it('November 2026 at 99.9 %: 120 minutes of downtime, BREACHED, 10 % credit claimable until 2027-01-31', () => {
    const a = run(
      [
        wholeMonth,
        iv(at(5, 10), at(5, 11), 30),
        iv(at(6, 10), at(6, 10, 4), 50),
        iv(at(10, 2), at(10, 4), 100, { exclusion: 'SCHEDULED_MAINTENANCE', maintenanceAnnouncedAt: at(1) }),
        iv(at(12, 2), at(12, 3), 100, { exclusion: 'SCHEDULED_MAINTENANCE', maintenanceAnnouncedAt: at(10) }),
      ],
      { creditSchedules: [{ ...schedules[0]!, tiers: schedules[0]!.tiers.slice(0, 2), capPercent: 30 }] },
    );
    expect(a).toMatchObject({
      downtimeMinutes: 120,
      shortDisruptionMinutes: 4,
      excludedMinutes: 120,
      exclusionsRefusedMinutes: 60,
      uptimePercent: 99.7222,
      status: 'BREACHED',
    });
    expect(a.errorBudget).toEqual({ allowedMinutes: 43.2, spentMinutes: 120, leftMinutes: 0, spentPercent: 277.8, burnRate: 2.78 });
    expect(a.credit).toEqual({
      tier: { belowPercent: 99.9, creditPercent: 10 },
      creditPercent: 10,
      capPercent: 30,
      capped: false,
      claimWindowMonths: 2,
      claimBy: '2027-01-31',
    });
  });
});

describe('comparing sources', () => {
  it('counts the minutes both watched where one saw downtime and the other did not', () => {
    const provider = run([wholeMonth, iv(at(5, 10), at(5, 10, 20), 100)]);
    const customer = run([iv(at(1), at(20), 0), iv(at(5, 10, 10), at(5, 10, 40), 100)], { source: { organizationId: 'org-c', kind: 'CUSTOMER' } });
    expect(compareSources(customer, provider)).toEqual({ bothWatchedMinutes: 19 * 1440, downOnlyHereMinutes: 20, downOnlyThereMinutes: 10 });
    expect(compareSources(provider, provider)).toMatchObject({ downOnlyHereMinutes: 0, downOnlyThereMinutes: 0 });
  });
});

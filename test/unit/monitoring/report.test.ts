import { OnusError } from '../../../src/domain/errors';
import { coalesce, MONITORING_LIMITS, parseMonth, splitByMonth, validateReport, type IntervalInput } from '../../../src/domain/monitoring/report';

const now = new Date('2026-11-29T12:00:00.000Z');
const regions = ['eu-west-1'];
const ok: IntervalInput = { start: '2026-11-29T10:00:00.000Z', end: '2026-11-29T11:00:00.000Z', errorRatePercent: 0 };

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OnusError);
    return (e as OnusError).problems.map((p) => `${p.path} ${p.code}`);
  }
  throw new Error('expected problems');
};

describe('validating a report', () => {
  it('accepts a valid report, normalizes the scope and sorts intervals', () => {
    const r = validateReport(
      { scope: { region: 'EU-West-1', tier: ' Multi-Zone ' }, intervals: [ok, { ...ok, start: '2026-11-29T09:00:00Z', end: '2026-11-29T10:00:00Z' }] },
      { regions, now },
    );
    expect(r.scope).toEqual({ region: 'eu-west-1', tier: 'multi-zone' });
    expect(r.intervals.map((i) => i.start)).toEqual(['2026-11-29T09:00:00.000Z', '2026-11-29T10:00:00.000Z']);
  });

  it('lists every problem at once with stable codes', () => {
    expect(
      problemsOf(() =>
        validateReport(
          {
            scope: { region: 'mars-1' },
            intervals: [
              { ...ok, end: ok.start },
              { ...ok, start: '2026-11-29T10:00:30Z' },
              { ...ok, errorRatePercent: 101 },
              { ...ok, start: '2026-11-29T12:00:00Z', end: '2026-11-29T12:30:00Z' },
              { ...ok, start: '2025-01-01T00:00:00Z', end: '2025-01-01T01:00:00Z' },
              { ...ok, exclusion: 'SCHEDULED_MAINTENANCE' },
              { ...ok, start: '2026-11-01T00:00:00Z', end: '2026-12-03T00:00:00Z', maintenanceAnnouncedAt: '2026-10-01T00:00:00Z' },
            ],
          },
          { regions, now },
        ),
      ),
    ).toEqual([
      'scope.region UNKNOWN_REGION',
      'intervals[0].end END_NOT_AFTER_START',
      'intervals[1].start NOT_WHOLE_MINUTE',
      'intervals[2].errorRatePercent OUT_OF_RANGE',
      'intervals[3].end IN_THE_FUTURE',
      'intervals[4].start TOO_OLD',
      'intervals[5].start DUPLICATE_INTERVAL', // the same start as intervals[2] (intervals[0] was refused)
      'intervals[5].maintenanceAnnouncedAt MISSING_ANNOUNCEMENT',
      'intervals[6].end INTERVAL_TOO_LONG',
      'intervals[6].end IN_THE_FUTURE',
      'intervals[6].maintenanceAnnouncedAt NOT_MAINTENANCE',
    ]);
  });

  it('refuses more intervals than one transaction holds, and an empty report', () => {
    const many = Array.from({ length: MONITORING_LIMITS.intervalsPerReport + 1 }, (_, i) => ({
      ...ok,
      start: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString(),
      end: new Date(Date.parse('2026-11-01T00:01:00Z') + i * 60_000).toISOString(),
    }));
    expect(problemsOf(() => validateReport({ scope: null, intervals: many }, { regions, now }))).toEqual(['intervals TOO_MANY_INTERVALS']);
    expect(problemsOf(() => validateReport({ scope: null, intervals: [] }, { regions, now }))).toEqual(['intervals EMPTY_REPORT']);
  });

  it('splits an interval at month boundaries', () => {
    const pieces = splitByMonth({
      ...ok,
      start: '2026-10-31T23:00:00.000Z',
      end: '2026-11-01T01:00:00.000Z',
      exclusion: null,
      maintenanceAnnouncedAt: null,
      note: null,
    });
    expect(pieces.map((p) => [p.start, p.end])).toEqual([
      ['2026-10-31T23:00:00.000Z', '2026-11-01T00:00:00.000Z'],
      ['2026-11-01T00:00:00.000Z', '2026-11-01T01:00:00.000Z'],
    ]);
  });

  it('months are written YYYY-MM', () => {
    expect(parseMonth('2026-11')).toBe('2026-11');
    for (const bad of ['2026-13', '2026-1', 'November', '1999-12']) expect(problemsOf(() => parseMonth(bad))).toEqual(['month INVALID_MONTH']);
  });
});

describe('coalescing a report', () => {
  const minute = (i: number, errorRatePercent: number) => ({
    start: new Date(Date.parse('2026-11-29T10:00:00.000Z') + i * 60_000).toISOString(),
    end: new Date(Date.parse('2026-11-29T10:01:00.000Z') + i * 60_000).toISOString(),
    errorRatePercent,
    exclusion: null,
    maintenanceAnnouncedAt: null,
    note: null,
  });
  it('joins consecutive minutes of the same rate; a change of rate, a gap or an exclusion starts a new interval', () => {
    const joined = coalesce([minute(0, 0), minute(1, 0), minute(2, 7), minute(3, 7), minute(5, 7), { ...minute(6, 7), exclusion: 'CUSTOMER_CAUSED' }]);
    expect(joined.map((i) => [i.start.slice(11, 16), i.end.slice(11, 16), i.errorRatePercent])).toEqual([
      ['10:00', '10:02', 0],
      ['10:02', '10:04', 7],
      ['10:05', '10:06', 7],
      ['10:06', '10:07', 7],
    ]);
  });
});

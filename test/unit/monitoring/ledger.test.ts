import type { OnusError } from '../../../src/domain/errors';
import {
  apply,
  checkLedgers,
  downtimeOfMonth,
  emptyLedger,
  LEDGER_SHARDS,
  ledgersOf,
  mergeShards,
  OPEN,
  shardOf,
  type Ledger,
} from '../../../src/domain/monitoring/ledger';
import type { DowntimeContent, ItemContent } from '../../../src/domain/monitoring/items';

const watched = (start: string, end: string): ItemContent => ({ kind: 'WATCHED', start, end });
const outage = (start: string, end: string | null): DowntimeContent => ({ kind: 'DOWNTIME', start, end, cause: 'OUTAGE', reason: null, announcedAt: null });
const sum = (l: Ledger) => l.watched!.reduce((a, b) => a + b, 0);

describe('monitoring ledgers', () => {
  it('puts content into the months it spans and takes a corrected one back out', () => {
    const content = watched('2026-10-31T23:00:00Z', '2026-11-01T01:00:00Z');
    expect(ledgersOf(content)).toEqual(['2026-10', '2026-11']);
    const ledgers = new Map([
      ['2026-10', emptyLedger('2026-10')],
      ['2026-11', emptyLedger('2026-11')],
    ]);
    apply(ledgers, 'w', content, 1);
    apply(ledgers, 'w2', watched('2026-11-01T00:30:00Z', '2026-11-01T00:40:00Z'), 1);
    expect([sum(ledgers.get('2026-10')!), sum(ledgers.get('2026-11')!)]).toEqual([60, 70]);
    apply(ledgers, 'w', content, -1);
    expect([sum(ledgers.get('2026-10')!), sum(ledgers.get('2026-11')!)]).toEqual([0, 10]);
  });

  it('counts only whole minutes of a watched period', () => {
    const ledgers = new Map([['2026-11', emptyLedger('2026-11')]]);
    apply(ledgers, 'w', watched('2026-11-01T00:00:30Z', '2026-11-01T00:03:30Z'), 1);
    expect(Array.from(ledgers.get('2026-11')!.watched!.slice(0, 4))).toEqual([0, 1, 1, 0]);
  });

  it('keeps open downtime apart and counts it in any month up to now, clipped', () => {
    expect(ledgersOf(outage('2026-10-30T00:00:00Z', null))).toEqual([OPEN]);
    const open = emptyLedger(OPEN);
    apply(new Map([[OPEN, open]]), 'o', outage('2026-10-30T00:00:00Z', null), 1);
    const now = Date.parse('2026-11-02T00:00:00Z');
    expect(downtimeOfMonth(null, open, '2026-11', now).map((e) => [new Date(e.start).toISOString(), new Date(e.end!).toISOString()])).toEqual([
      ['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z'],
    ]);
    expect(downtimeOfMonth(null, open, '2026-10', now).map((e) => (e.end! - e.start) / 3_600_000)).toEqual([48]);
    expect(downtimeOfMonth(null, open, '2026-12', now)).toEqual([]);
  });

  it('shards by id, the same id always in the same shard; shards add up', () => {
    const shards = new Set(Array.from({ length: 1000 }, (_, i) => shardOf(`w${i}`)));
    expect(shards.size).toBe(LEDGER_SHARDS);
    expect(shardOf('abc')).toBe(shardOf('abc'));
    const a = emptyLedger('2026-11');
    const b = emptyLedger('2026-11');
    apply(new Map([['2026-11', a]]), 'x', watched('2026-11-01T00:00:00Z', '2026-11-01T00:10:00Z'), 1);
    apply(new Map([['2026-11', b]]), 'y', watched('2026-11-01T00:05:00Z', '2026-11-01T00:15:00Z'), 1);
    apply(new Map([['2026-11', b]]), 'd', outage('2026-11-01T00:05:00Z', '2026-11-01T00:06:00Z'), 1);
    const merged = mergeShards('2026-11', [a, b]);
    expect(Array.from(merged.watched!.slice(0, 16))).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0]);
    expect([...merged.downtime.keys()]).toEqual(['d']);
  });

  it('refuses more downtime intervals in a month than one ledger keeps, counted over its shards', () => {
    const shards = [emptyLedger('2026-11'), emptyLedger('2026-11')];
    for (let i = 0; i < 5001; i++) apply(new Map([['2026-11', shards[i % 2]!]]), `d${i}`, outage('2026-11-01T00:00:00Z', '2026-11-01T00:01:00Z'), 1);
    expect(() => checkLedgers(shards.slice(0, 1))).not.toThrow();
    try {
      checkLedgers(shards);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as OnusError).problems.map((p) => p.code)).toEqual(['TOO_MANY_DOWNTIME_INTERVALS']);
    }
  });
});

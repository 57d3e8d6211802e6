import type { OnusError } from '../../../src/domain/errors';
import { BATCH_LIMITS, decide, validateBatch, type ItemInput, type StoredItem } from '../../../src/domain/monitoring/items';

const now = new Date('2026-11-16T12:00:00Z');
const context = { regions: ['eu-west-1'], now };
const watched = (id: string, revision = 0, start = '2026-11-16T10:00:00Z', end = '2026-11-16T11:00:00Z'): ItemInput => ({
  id,
  revision,
  watched: { start, end },
});
const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as OnusError).problems.map((p) => `${p.path} ${p.code}`);
  }
  throw new Error('expected a refusal');
};

describe('validateBatch', () => {
  it('accepts 500 items, refuses 501 with one problem', () => {
    const items = Array.from({ length: BATCH_LIMITS.itemsPerBatch }, (_, i) => watched(`w${i}`));
    expect(validateBatch({ scope: null, items }, context).items).toHaveLength(500);
    expect(problemsOf(() => validateBatch({ scope: null, items: [...items, watched('one-more')] }, context))).toEqual(['items TOO_MANY_ITEMS']);
  });

  it('counts a duplicated item once, keeps the highest revision of an id, and refuses one revision with two contents', () => {
    const { items } = validateBatch(
      { scope: { tier: 'Multi-Zone' }, items: [watched('a'), watched('a'), watched('b', 0), watched('b', 2, '2026-11-16T09:00:00Z')] },
      context,
    );
    expect(items.map((i) => [i.id, i.revision])).toEqual([
      ['a', 0],
      ['b', 2],
    ]);
    expect(problemsOf(() => validateBatch({ scope: null, items: [watched('a'), watched('a', 0, '2026-11-16T09:00:00Z')] }, context))).toEqual([
      'items[1].revision REVISION_REUSED',
    ]);
  });

  it('normalizes instants and leaves an open downtime open', () => {
    const { items, scope } = validateBatch(
      { scope: { region: 'EU-WEST-1' }, items: [{ id: 'd', revision: 1, downtime: { start: '2026-11-16T11:00:30+01:00', cause: 'OUTAGE' } }] },
      context,
    );
    expect(scope).toEqual({ region: 'eu-west-1', tier: null });
    expect(items[0]!.content).toEqual({ kind: 'DOWNTIME', start: '2026-11-16T10:00:30.000Z', end: null, cause: 'OUTAGE', reason: null, announcedAt: null });
  });

  it('refuses maintenance without an announcement or announced after it began, and an unknown region', () => {
    expect(
      problemsOf(() =>
        validateBatch(
          {
            scope: { region: 'mars-1' },
            items: [
              { id: 'm1', revision: 0, downtime: { start: '2026-11-10T00:00:00Z', end: '2026-11-10T01:00:00Z', cause: 'SCHEDULED_MAINTENANCE' } },
              {
                id: 'm2',
                revision: 0,
                downtime: { start: '2026-11-10T00:00:00Z', end: '2026-11-10T01:00:00Z', cause: 'SCHEDULED_MAINTENANCE', announcedAt: '2026-11-10T00:30:00Z' },
              },
              { id: 'o', revision: 0, downtime: { start: '2026-11-10T00:00:00Z', cause: 'OUTAGE', announcedAt: '2026-11-01T00:00:00Z' } },
            ],
          },
          context,
        ),
      ),
    ).toEqual([
      'scope.region UNKNOWN_REGION',
      'items[0].downtime.announcedAt MISSING_TIME',
      'items[1].downtime.announcedAt ANNOUNCED_AFTER_START',
      'items[2].downtime.announcedAt NOT_MAINTENANCE',
    ]);
  });
});

describe('decide', () => {
  const stored = (id: string, revision: number, start = '2026-11-16T10:00:00.000Z'): StoredItem => ({
    id,
    revision,
    content: { kind: 'WATCHED', start, end: '2026-11-16T11:00:00.000Z' },
    reportedAt: '2026-11-16T11:00:00Z',
    reportedBy: 'monitor',
    history: [],
  });
  const items = (...inputs: ItemInput[]) => validateBatch({ scope: null, items: inputs }, context).items;

  it('tells new items, corrections, retries and stale revisions apart', () => {
    const s = new Map([
      ['same', stored('same', 1)],
      ['older', stored('older', 1)],
      ['newer', stored('newer', 5)],
    ]);
    const outcomes = decide(items(watched('new'), watched('same', 1), watched('older', 2, '2026-11-16T09:00:00Z'), watched('newer', 3)), s);
    expect(outcomes.map((d) => [d.item.id, d.outcome])).toEqual([
      ['new', 'CREATED'],
      ['same', 'UNCHANGED'],
      ['older', 'CORRECTED'],
      ['newer', 'STALE'],
    ]);
  });

  it('refuses a stored revision resent with other content, and a change of kind', () => {
    const s = new Map([
      ['a', stored('a', 1)],
      ['b', stored('b', 0)],
    ]);
    expect(
      problemsOf(() =>
        decide(items(watched('a', 1, '2026-11-16T09:00:00Z'), { id: 'b', revision: 1, downtime: { start: '2026-11-16T10:00:00Z', cause: 'OUTAGE' } }), s),
      ),
    ).toEqual(['items[0].revision REVISION_REUSED', 'items[1] KIND_CHANGED']);
  });
});

import { filterInheritedObligations, inheritedObligations, type InheritedObligationFilter } from '../../../src/domain/obligations/inherited';
import { inheritedObligationPage } from '../../../src/domain/obligations/inheritedPage';
import { byServiceId, obligationPage, obligationPageRequest } from '../../../src/domain/obligations/paging';
import { countStatuses } from '../../../src/domain/obligations/posture';
import type { TrackingRecord, TrackingStatus } from '../../../src/domain/obligations/tracking';
import { catalogue, edit, entry, longTextService, record, threeLayerStack, version } from './fixtures';

// The screen's page is built in one walk that builds only the page's obligations (inheritedPage.ts).
// It must answer exactly what building every obligation, filtering, paging and counting answer: for
// every filter, page size and cursor a client can send, including cursors of obligations since gone.

const { stack: unsorted } = threeLayerStack();
const stack = [...unsorted].sort(byServiceId);
const STATUSES: TrackingStatus[] = ['IMPLEMENTED', 'PLANNED', 'NOT_APPLICABLE', 'NOT_STARTED'];
const everything = inheritedObligations(catalogue, stack, []);
// Some obligations tracked, in every status, one with its text changed since.
const records: TrackingRecord[] = everything
  .filter((_, i) => i % 3 === 0)
  .map((o, i) => record(o.serviceId, o.obligation.id, STATUSES[i % STATUSES.length]!, i === 0 ? 'an older wording' : o.obligation.text));

/** The reference: every obligation built, filtered, paged and counted. */
function reference(filter: InheritedObligationFilter | null, first: number, after: string | null, withRecords = records, entries = stack) {
  const matching = filterInheritedObligations(inheritedObligations(catalogue, entries, withRecords), filter);
  return { page: obligationPage(catalogue, matching, obligationPageRequest(catalogue, { first, after })), counts: countStatuses(matching) };
}

const walked = (filter: InheritedObligationFilter | null, first: number, after: string | null, withRecords = records, entries = stack) =>
  inheritedObligationPage(catalogue, entries, withRecords, filter, obligationPageRequest(catalogue, { first, after }));

const FILTERS: Array<InheritedObligationFilter | null> = [
  null,
  {},
  { clause: '12' },
  { serviceIds: ['svc-paas', 'svc-saas'] },
  { ownership: ['CUSTOMER'] },
  { status: ['PLANNED', 'NOT_STARTED'] },
  { clause: '9', ownership: ['SHARED', 'CUSTOMER_CONFIGURED'], status: ['NOT_STARTED'] },
  { serviceIds: [] },
  { clause: 'no such clause' },
];

describe('a page of inherited obligations built in one walk', () => {
  it('holds the stack some hundred obligations to page through, tracked in every status', () => {
    expect(everything.length).toBeGreaterThan(200);
    expect(new Set(records.map((r) => r.status)).size).toBe(STATUSES.length);
  });

  it.each(FILTERS.map((filter) => [JSON.stringify(filter), filter] as const))('answers filter %s page after page exactly as the reference', (_, filter) => {
    for (const first of [1, 7, 100, 500]) {
      let after: string | null = null;
      let pages = 0;
      do {
        const expected = reference(filter, first, after);
        const actual = walked(filter, first, after);
        expect(actual.page).toEqual(expected.page);
        expect(actual.counts).toEqual(expected.counts);
        after = expected.page.pageInfo.hasNextPage ? expected.page.pageInfo.endCursor : null;
        pages += 1;
      } while (after && pages < 400);
      expect(after).toBeNull();
    }
  });

  // Lines of a service with no status recorded are counted whole when no filter applies (inheritedPage.ts):
  // no records at all, and records on one service only, page after page from every page size, with a
  // service whose lines hold 20 obligations each, so that cursors fall inside lines.
  const someServiceTracked = records.filter((r) => r.serviceId === stack[1]!.service.id);
  const withLongLines = [...stack, ...longTextService('svc-long').stack].sort(byServiceId);
  it.each([
    ['no status recorded', [] as TrackingRecord[]],
    ['statuses on one service only', someServiceTracked],
  ])('answers page after page exactly as the reference with %s', (_, withRecords) => {
    expect(new Set(withRecords.map((r) => r.serviceId)).size).toBeLessThan(stack.length);
    for (const filter of [null, {}, { status: ['NOT_STARTED' as const] }, { serviceIds: [stack[0]!.service.id, 'svc-long'] }]) {
      for (const first of [3, 100, 500]) {
        let after: string | null = null;
        let pages = 0;
        do {
          const expected = reference(filter, first, after, withRecords, withLongLines);
          expect(walked(filter, first, after, withRecords, withLongLines)).toEqual(expected);
          after = expected.page.pageInfo.hasNextPage ? expected.page.pageInfo.endCursor : null;
          pages += 1;
        } while (after && pages < 1000);
        expect(after).toBeNull();
      }
    }
  });

  it('starts after a cursor whose obligation is gone, as the reference does', () => {
    const first = reference(null, 10, null).page;
    const cursor = first.pageInfo.endCursor!;
    const gone = first.edges.at(-1)!.node;
    // The next version of the contract without that obligation's line.
    const entries = stack.map((e) =>
      e.service.id === gone.serviceId
        ? entry(
            e.service.id,
            version(e.service.id, 2, edit(e.contract.responsibilities, [{ controlId: gone.controlId, ownership: 'PROVIDER', customerObligations: [] }])),
            e.service.name,
          )
        : e,
    );
    const expected = reference(null, 10, cursor, records, entries);
    expect(walked(null, 10, cursor, records, entries)).toEqual(expected);
    expect(inheritedObligations(catalogue, entries, []).some((o) => o.id === gone.id)).toBe(false);
    expect(expected.page.edges).toHaveLength(10);
  });

  it('ends a page at its byte budget where the reference does', () => {
    const { stack: big, fullRecord } = longTextService();
    const heavy = inheritedObligations(catalogue, big, []).map((o) => fullRecord(o.obligation.id, o.obligation.text));
    const expected = reference(null, 500, null, heavy, big);
    expect(expected.page.edges.length).toBeLessThan(500);
    expect(expected.page.pageInfo.hasNextPage).toBe(true);
    expect(walked(null, 500, null, heavy, big)).toEqual(expected);
    const next = expected.page.pageInfo.endCursor;
    expect(walked(null, 500, next, heavy, big)).toEqual(reference(null, 500, next, heavy, big));
  });

  it('answers an empty stack with an empty page and zero counts', () => {
    expect(walked(null, 100, null, [], [])).toEqual(reference(null, 100, null, [], []));
    expect(walked(null, 100, null, [], []).page.totalCount).toBe(0);
  });
});

import { inheritedObligations } from '../../../src/domain/obligations/inherited';
import { OBLIGATION_PAGE, obligationPage, obligationPageRequest } from '../../../src/domain/obligations/paging';
import { OnusError } from '../../../src/domain/errors';
import { catalogue, longTextService, threeLayerStack } from './fixtures';

describe('pages of inherited obligations', () => {
  const { stack } = threeLayerStack();
  const all = inheritedObligations(catalogue, stack, []);
  const page = (first: number | null, after: string | null = null, items = all) =>
    obligationPage(catalogue, items, obligationPageRequest(catalogue, { first, after }));

  it('holds `first` obligations (100 by default, at most 500) and says whether more follow', () => {
    expect(page(null).edges).toHaveLength(Math.min(100, all.length));
    const ten = page(10);
    expect(ten.edges.map((e) => e.node)).toEqual(all.slice(0, 10));
    expect(ten.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = page(10, ten.pageInfo.endCursor);
    expect(next.edges.map((e) => e.node)).toEqual(all.slice(10, 20));
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    for (const bad of [0, -1, 501, 1.5]) expect(() => obligationPageRequest(catalogue, { first: bad })).toThrow(OnusError);
    expect(obligationPageRequest(catalogue, { first: OBLIGATION_PAGE.maxSize }).size).toBe(500);
  });

  it('starts after the cursor’s place even when its obligation is gone, or another took its place', () => {
    const ten = page(10);
    const withoutLast = all.filter((o) => o !== all[9]);
    expect(page(10, ten.pageInfo.endCursor, withoutLast).edges.map((e) => e.node)).toEqual(all.slice(10, 20));
    const withoutEarlier = all.filter((o) => o !== all[2]);
    expect(page(10, ten.pageInfo.endCursor, withoutEarlier).edges.map((e) => e.node)).toEqual(all.slice(10, 20));
  });

  it('ends a page early at its byte budget, never empty, so a page of 500 long texts with full tracking still fits a response', () => {
    const { stack: big, fullRecord } = longTextService();
    const plain = inheritedObligations(catalogue, big, []);
    const tracked = inheritedObligations(
      catalogue,
      big,
      plain.map((o) => fullRecord(o.obligation.id, o.obligation.text)),
    );
    const full = obligationPage(catalogue, plain, { size: 500, after: null });
    expect(full.edges).toHaveLength(500);
    const short = obligationPage(catalogue, tracked, { size: 500, after: null });
    expect(short.edges.length).toBeLessThan(500);
    expect(short.edges.length).toBeGreaterThan(0);
    expect(short.pageInfo.hasNextPage).toBe(true);
    const bytes = Buffer.byteLength(JSON.stringify(short.edges.map((e) => ({ obligation: e.node.obligation, tracking: e.node.tracking }))));
    expect(bytes).toBeLessThanOrEqual(OBLIGATION_PAGE.budgetBytes);
  });

  it('refuses cursors it did not make', () => {
    const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    for (const after of [
      'garbage',
      cursor('services:abc'),
      cursor('obligations:{'),
      cursor('obligations:[1,2,3,4]'),
      cursor(`obligations:${JSON.stringify(['99.1', 's', 0, 'o'])}`),
    ]) {
      expect(() => obligationPageRequest(catalogue, { after })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });
});

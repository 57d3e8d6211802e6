import { MAX_SEGMENTS, planSegments, SEGMENT_BYTES, trackingPrefix } from '../../../src/store/partitionSegments';

// A fully tracked customer's partition is read in parallel ranges after its first page: the ranges
// must cover everything after that page, in order, without gaps, and hold about SEGMENT_BYTES each.

const services = Array.from({ length: 100 }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
const subscriptions = services.map((s) => `SUB#${s}`);
/** 93 statuses a service, ~620 bytes each (a real customer's), the first page stopping inside service 17. */
const statuses = (from: number, to: number) => services.slice(from, to).flatMap((s) => Array.from({ length: 93 }, (_, o) => `${trackingPrefix(s)}o${o}`));

describe('planSegments', () => {
  it('covers the rest of the partition contiguously, cut at subscribed services, about SEGMENT_BYTES a range', () => {
    const sortKeys = [...subscriptions, ...statuses(0, 17), `${trackingPrefix(services[17]!)}o0`];
    const bytes = sortKeys.length * 620;
    const segments = planSegments({ sortKeys, stoppedAt: sortKeys.at(-1)!, bytes, serviceIds: services });
    expect(segments[0]).toMatchObject({ from: sortKeys.at(-1), after: true });
    expect(segments.at(-1)!.to).toBeNull();
    for (let i = 1; i < segments.length; i++) {
      expect(segments[i]!.from).toBe(segments[i - 1]!.to);
      expect(segments[i]!.after).toBe(false);
    }
    // 83 services of ~58 KB left: ~4.8 MB, in ranges of at most 512 KB by that measure.
    const perService = 93 * 620;
    expect(segments.length).toBeGreaterThanOrEqual(Math.ceil((83 * perService) / SEGMENT_BYTES));
    expect(segments.length).toBeLessThanOrEqual(MAX_SEGMENTS);
  });

  it('gives each service its own range when the first page saw no service whole, up to MAX_SEGMENTS ranges', () => {
    const first = [...subscriptions.slice(0, 3), ...Array.from({ length: 1600 }, (_, o) => `${trackingPrefix(services[0]!)}o${String(o).padStart(4, '0')}`)];
    const segments = planSegments({ sortKeys: first, stoppedAt: first.at(-1)!, bytes: 1024 * 1024, serviceIds: services.slice(0, 3) });
    expect(segments.map((s) => s.to)).toEqual([trackingPrefix(services[1]!), trackingPrefix(services[2]!), null]);
    const many = planSegments({ sortKeys: first, stoppedAt: first.at(-1)!, bytes: 1024 * 1024, serviceIds: services });
    expect(many.length).toBeLessThanOrEqual(MAX_SEGMENTS);
  });

  it('reads whatever follows in one range when no subscribed service sorts after the page', () => {
    const sortKeys = [...subscriptions.slice(0, 2), ...statuses(0, 2)];
    expect(planSegments({ sortKeys, stoppedAt: sortKeys.at(-1)!, bytes: 1024 * 1024, serviceIds: services.slice(0, 2) })).toEqual([
      { from: sortKeys.at(-1), after: true, to: null },
    ]);
  });
});

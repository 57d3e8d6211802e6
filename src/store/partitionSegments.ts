// A customer's partition holds its subscriptions (SUB#<service>) and, after them in sort order, its
// obligation statuses (TRACK#<service>#<obligation>). A Query returns at most 1 MB a page and each
// page needs the key where the last one stopped, so a fully tracked customer read page after page
// would cost one sequential round trip per megabyte. The first page always holds the subscriptions
// (they sort first and are small), so it says which services' statuses may follow: the rest of the
// partition is cut at those services' prefixes into ranges of about SEGMENT_BYTES each, read in
// parallel, one round trip for all of them (more only where the estimate was short).

/** What one parallel Query should read, by estimate: half a page, so an estimate twice too small still fits. */
export const SEGMENT_BYTES = 512 * 1024;
/** At most this many parallel Queries (the request's call budget is 50): past it, segments grow. */
export const MAX_SEGMENTS = 12;
export const TRACKING_PREFIX = 'TRACK#';

/** A sort-key range of the partition: from `from` (exclusive when `after`) up to `to` (inclusive; null: the end). */
export interface Segment {
  readonly from: string;
  readonly after: boolean;
  readonly to: string | null;
}

export interface FirstPage {
  /** Sort keys of the page's items, in order. */
  readonly sortKeys: readonly string[];
  /** The sort key the page stopped at (DynamoDB's LastEvaluatedKey). */
  readonly stoppedAt: string;
  /** What the page read, in bytes (its read units say it: 8 KB a unit, eventually consistent). */
  readonly bytes: number;
  /** The services subscribed to: where tracking items may follow. */
  readonly serviceIds: readonly string[];
}

export const trackingPrefix = (serviceId: string) => `${TRACKING_PREFIX}${serviceId}#`;
const serviceOf = (sk: string) => sk.slice(TRACKING_PREFIX.length, sk.indexOf('#', TRACKING_PREFIX.length));

/**
 * Ranges covering everything after the first page, cut at subscribed services' tracking prefixes so
 * that each holds about SEGMENT_BYTES by the first page's measure of a service's statuses. Ranges
 * are contiguous: statuses of services no longer subscribed (history) are read too.
 */
export function planSegments(page: FirstPage): Segment[] {
  const trackingKeys = page.sortKeys.filter((sk) => sk.startsWith(TRACKING_PREFIX));
  const bytesPerItem = page.bytes / Math.max(1, page.sortKeys.length);
  // Services whose statuses the page read to the end: all but the one it stopped in.
  const stoppedIn = page.stoppedAt.startsWith(TRACKING_PREFIX) ? serviceOf(page.stoppedAt) : null;
  const complete = new Map<string, number>();
  for (const sk of trackingKeys) if (serviceOf(sk) !== stoppedIn) complete.set(serviceOf(sk), (complete.get(serviceOf(sk)) ?? 0) + 1);
  // Unknown (the page saw no service whole): a whole page for each, so that every service gets its own range.
  const perService = complete.size ? (bytesPerItem * [...complete.values()].reduce((a, b) => a + b, 0)) / complete.size : SEGMENT_BYTES;
  const boundaries = [...new Set(page.serviceIds.map(trackingPrefix))].filter((b) => b > page.stoppedAt).sort();
  // Ranges of whole services: the one the page stopped in, then one for each boundary.
  const perSegment = Math.max(1, Math.floor(SEGMENT_BYTES / Math.max(1, perService)), Math.ceil((boundaries.length + 1) / MAX_SEGMENTS));
  const segments: Segment[] = [];
  let start: { from: string; after: boolean } = { from: page.stoppedAt, after: true };
  for (let n = perSegment - 1; n < boundaries.length; n += perSegment) {
    segments.push({ ...start, to: boundaries[n]! });
    start = { from: boundaries[n]!, after: false };
  }
  segments.push({ ...start, to: null });
  return segments;
}

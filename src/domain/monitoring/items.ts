import { SEVERITIES, type CommitmentScope, type Severity } from '../contracts/commitments';
import { badInput, type Problem } from '../errors';
import { plural } from '../text';
import { MONITORING_LIMITS, normalizeScope } from './report';

// The monitoring batch (reportMonitoring): items a monitoring client identifies itself, each a
// downtime interval, an incident or a watched period. The client's id makes a retry count once; a
// higher revision of the same id is a correction (kept with the revisions before it), a lower one
// arriving late is stale and changes nothing. Pure: validation and the decision per item.

export const DOWNTIME_CAUSES = ['OUTAGE', 'SCHEDULED_MAINTENANCE', 'CUSTOMER_CAUSED', 'EXCLUDED'] as const;
export type DowntimeCause = (typeof DOWNTIME_CAUSES)[number];

export interface DowntimeContent {
  readonly kind: 'DOWNTIME';
  readonly start: string;
  /** null: still open, counted up to now until a later revision closes it. */
  readonly end: string | null;
  readonly cause: DowntimeCause;
  /** Required with EXCLUDED; free text otherwise. */
  readonly reason: string | null;
  /** SCHEDULED_MAINTENANCE: when customers were told. */
  readonly announcedAt: string | null;
}

export interface IncidentContent {
  readonly kind: 'INCIDENT';
  readonly severity: Severity;
  readonly title: string;
  readonly detectedAt: string;
  readonly customerNotifiedAt: string | null;
  readonly firstResponseAt: string | null;
  readonly resolvedAt: string | null;
  readonly securityRelevant: boolean;
  /** Personal data affected: the contract's personal-data notification window applies. */
  readonly personalData: boolean;
}

export interface WatchedContent {
  readonly kind: 'WATCHED';
  readonly start: string;
  readonly end: string;
}

export type ItemContent = DowntimeContent | IncidentContent | WatchedContent;
export type ItemKind = ItemContent['kind'];

export interface ReportedItem {
  readonly id: string;
  readonly revision: number;
  readonly content: ItemContent;
}

/** An item as stored: its latest revision, and the revisions it replaced (newest first). */
export interface StoredItem extends ReportedItem {
  readonly reportedAt: string;
  readonly reportedBy: string;
  readonly history: readonly { readonly revision: number; readonly reportedAt: string; readonly reportedBy: string; readonly content: ItemContent }[];
}

/** Limits of the batch API, each with why (README, Limits). */
export const BATCH_LIMITS = {
  /** One request of a monitor that buffered a few minutes of 1-minute samples for a few scopes; written as ~6 transactions. */
  itemsPerBatch: 500,
  /** Client ids are keys: short, printable. */
  idLength: 128,
  /** A DynamoDB item holds an item with its history (400 KB). */
  revisionsKept: 50,
  titleLength: 200,
  reasonLength: 500,
  /** Raw items live this long after their last revision (DynamoDB TTL); nothing older than the retention may be reported. */
  retentionDays: MONITORING_LIMITS.maxAgeDays,
} as const;

export interface ItemInput {
  readonly id: string;
  readonly revision: number;
  readonly downtime?: {
    readonly start: string;
    readonly end?: string | null;
    readonly cause: DowntimeCause;
    readonly reason?: string | null;
    readonly announcedAt?: string | null;
  } | null;
  readonly incident?: {
    readonly severity: Severity;
    readonly title: string;
    readonly detectedAt: string;
    readonly customerNotifiedAt?: string | null;
    readonly firstResponseAt?: string | null;
    readonly resolvedAt?: string | null;
    readonly securityRelevant: boolean;
    readonly personalData?: boolean | null;
  } | null;
  readonly watched?: { readonly start: string; readonly end: string } | null;
}

export interface BatchInput {
  readonly scope: { readonly region?: string | null; readonly tier?: string | null } | null | undefined;
  readonly items: readonly ItemInput[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 1440 * MINUTE_MS;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

/** Canonical text of a content: equal contents compare equal (a retry is recognised by it). */
export const contentKey = (c: ItemContent): string => JSON.stringify(c, Object.keys(c).sort());

/**
 * Checks a batch whole: every problem (path items[i]..., the item's id in the message) or the items,
 * one per id (the same id twice: the highest revision; twice with one revision, identical, counts once).
 */
export function validateBatch(
  input: BatchInput,
  context: { readonly regions: readonly string[]; readonly now: Date },
): { scope: CommitmentScope; items: ReportedItem[] } {
  const problems: Problem[] = [];
  const scope = normalizeScope(input.scope);
  const regions = context.regions.map((r) => r.toLowerCase());
  if (scope.region !== null && !regions.includes(scope.region))
    problems.push({
      path: 'scope.region',
      code: 'UNKNOWN_REGION',
      message: `"${scope.region}" is not one of the service's regions (${regions.join(', ') || 'none'}).`,
    });
  if (scope.tier !== null && scope.tier.length > MONITORING_LIMITS.tierLength)
    problems.push({ path: 'scope.tier', code: 'TOO_LONG', message: `A tier name is at most ${MONITORING_LIMITS.tierLength} characters.` });
  if (input.items.length === 0) problems.push({ path: 'items', code: 'EMPTY_BATCH', message: 'Send at least one item.' });
  if (input.items.length > BATCH_LIMITS.itemsPerBatch)
    problems.push({
      path: 'items',
      code: 'TOO_MANY_ITEMS',
      message: `At most ${BATCH_LIMITS.itemsPerBatch} items per batch; send ${input.items.length} as ${Math.ceil(input.items.length / BATCH_LIMITS.itemsPerBatch)} batches.`,
    });
  const now = context.now.getTime();
  const byId = new Map<string, { index: number; item: ReportedItem }>();
  input.items.slice(0, BATCH_LIMITS.itemsPerBatch).forEach((raw, index) => {
    const itemProblems: Problem[] = [];
    const label = `item ${index} ("${String(raw.id).slice(0, 40)}")`;
    const problem = (field: string, code: string, message: string) =>
      itemProblems.push({ path: `items[${index}]${field ? `.${field}` : ''}`, code, message: `${label}: ${message}` });
    if (typeof raw.id !== 'string' || raw.id.length > BATCH_LIMITS.idLength || !ID.test(raw.id))
      problem('id', 'INVALID_ID', `an id is 1 to ${BATCH_LIMITS.idLength} characters: letters, digits and . _ : / - (starting with a letter or digit).`);
    if (!Number.isInteger(raw.revision) || raw.revision < 0) problem('revision', 'INVALID_REVISION', 'a revision is a whole number, 0 or more.');
    const kinds = [raw.downtime ? 'downtime' : null, raw.incident ? 'incident' : null, raw.watched ? 'watched' : null].filter((k) => k !== null);
    if (kinds.length !== 1)
      problem('', 'ONE_KIND_PER_ITEM', `give exactly one of downtime, incident or watched (${kinds.length ? kinds.join(', ') : 'none'} given).`);
    const time = (field: string, value: string | null | undefined, required: boolean): number | null => {
      if (value == null) {
        if (required) problem(field, 'MISSING_TIME', `${field.split('.').at(-1)} is required.`);
        return null;
      }
      const t = Date.parse(value);
      if (Number.isNaN(t)) {
        problem(field, 'INVALID_TIME', `"${value}" is not an instant.`);
        return null;
      }
      if (t > now + MONITORING_LIMITS.futureToleranceMinutes * MINUTE_MS)
        problem(
          field,
          'IN_THE_FUTURE',
          `${value} is after now (${context.now.toISOString()}, ${MONITORING_LIMITS.futureToleranceMinutes} minutes of clock skew allowed).`,
        );
      else if (t < now - BATCH_LIMITS.retentionDays * DAY_MS)
        problem(field, 'TOO_OLD', `items reach back at most ${BATCH_LIMITS.retentionDays} days (the retention).`);
      return t;
    };
    const after = (field: string, t: number | null, from: number | null, code: string, what: string) => {
      if (t !== null && from !== null && t < from) problem(field, code, what);
    };
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    const text = (field: string, value: string | null | undefined, max: number) => {
      const v = value?.trim() || null;
      if (v && v.length > max) problem(field, 'TOO_LONG', `at most ${max} characters.`);
      return v;
    };
    let content: ItemContent | null = null;
    if (kinds.length === 1 && raw.downtime) {
      const d = raw.downtime;
      const start = time('downtime.start', d.start, true);
      const end = time('downtime.end', d.end, false);
      if (start !== null && end !== null && end <= start) problem('downtime.end', 'END_NOT_AFTER_START', 'the end comes after the start.');
      if (start !== null && end !== null && end - start > MONITORING_LIMITS.maxIntervalDays * DAY_MS)
        problem('downtime.end', 'INTERVAL_TOO_LONG', `an interval lasts at most ${MONITORING_LIMITS.maxIntervalDays} days; split it.`);
      const reason = text('downtime.reason', d.reason, BATCH_LIMITS.reasonLength);
      if (d.cause === 'EXCLUDED' && !reason) problem('downtime.reason', 'MISSING_REASON', 'an EXCLUDED interval says why.');
      const announced = d.cause === 'SCHEDULED_MAINTENANCE' ? time('downtime.announcedAt', d.announcedAt, true) : null;
      if (d.cause !== 'SCHEDULED_MAINTENANCE' && d.announcedAt != null)
        problem('downtime.announcedAt', 'NOT_MAINTENANCE', 'an announcement belongs to SCHEDULED_MAINTENANCE.');
      if (announced !== null && start !== null && announced > start)
        problem('downtime.announcedAt', 'ANNOUNCED_AFTER_START', 'maintenance is announced before it starts.');
      if (start !== null) content = { kind: 'DOWNTIME', start: iso(start)!, end: iso(end), cause: d.cause, reason, announcedAt: iso(announced) };
    } else if (kinds.length === 1 && raw.incident) {
      const i = raw.incident;
      if (!SEVERITIES.includes(i.severity)) problem('incident.severity', 'INVALID_SEVERITY', `one of ${SEVERITIES.join(', ')}.`);
      const title = text('incident.title', i.title, BATCH_LIMITS.titleLength);
      if (!title) problem('incident.title', 'MISSING_TITLE', 'an incident has a title.');
      const detected = time('incident.detectedAt', i.detectedAt, true);
      const notified = time('incident.customerNotifiedAt', i.customerNotifiedAt, false);
      const responded = time('incident.firstResponseAt', i.firstResponseAt, false);
      const resolved = time('incident.resolvedAt', i.resolvedAt, false);
      for (const [field, t] of [
        ['incident.customerNotifiedAt', notified],
        ['incident.firstResponseAt', responded],
        ['incident.resolvedAt', resolved],
      ] as const)
        after(field, t, detected, 'BEFORE_DETECTION', 'comes after detectedAt.');
      if (detected !== null && title)
        content = {
          kind: 'INCIDENT',
          severity: i.severity,
          title,
          detectedAt: iso(detected)!,
          customerNotifiedAt: iso(notified),
          firstResponseAt: iso(responded),
          resolvedAt: iso(resolved),
          securityRelevant: i.securityRelevant,
          personalData: i.personalData ?? false,
        };
    } else if (kinds.length === 1 && raw.watched) {
      const start = time('watched.start', raw.watched.start, true);
      const end = time('watched.end', raw.watched.end, true);
      if (start !== null && end !== null && end <= start) problem('watched.end', 'END_NOT_AFTER_START', 'the end comes after the start.');
      if (start !== null && end !== null && end - start > MONITORING_LIMITS.maxIntervalDays * DAY_MS)
        problem('watched.end', 'INTERVAL_TOO_LONG', `a watched period lasts at most ${MONITORING_LIMITS.maxIntervalDays} days; split it.`);
      if (start !== null && end !== null) content = { kind: 'WATCHED', start: iso(start)!, end: iso(end)! };
    }
    if (itemProblems.length || content === null) {
      problems.push(...itemProblems);
      return;
    }
    const item: ReportedItem = { id: raw.id, revision: raw.revision, content };
    const earlier = byId.get(raw.id);
    if (!earlier || earlier.item.revision < item.revision) byId.set(raw.id, { index, item });
    else if (earlier.item.revision === item.revision && contentKey(earlier.item.content) !== contentKey(content))
      problems.push({
        path: `items[${index}].revision`,
        code: 'REVISION_REUSED',
        message: `${label}: items[${earlier.index}] has the same id and revision with other content; a correction takes a higher revision.`,
      });
  });
  if (problems.length) throw badInput(`The batch has ${plural(problems.length, 'problem')}; nothing was stored.`, problems);
  return { scope, items: [...byId.values()].sort((a, b) => a.index - b.index).map((e) => e.item) };
}

export type Decision =
  | { readonly outcome: 'CREATED'; readonly item: ReportedItem; readonly previous: null }
  | { readonly outcome: 'CORRECTED'; readonly item: ReportedItem; readonly previous: StoredItem }
  | { readonly outcome: 'UNCHANGED'; readonly item: ReportedItem; readonly previous: StoredItem }
  | { readonly outcome: 'STALE'; readonly item: ReportedItem; readonly previous: StoredItem };

/**
 * What each item does against what is stored: new, a correction (higher revision), a retry (same
 * revision and content: unchanged) or stale (lower revision: a late retry, ignored). Refused whole:
 * the same revision with other content, a change of kind, a history full.
 */
export function decide(items: readonly ReportedItem[], stored: ReadonlyMap<string, StoredItem>): Decision[] {
  const problems: Problem[] = [];
  const decisions = items.map((item, index): Decision => {
    const previous = stored.get(item.id);
    if (!previous) return { outcome: 'CREATED', item, previous: null };
    const label = `item ${index} ("${item.id}")`;
    if (previous.content.kind !== item.content.kind)
      problems.push({ path: `items[${index}]`, code: 'KIND_CHANGED', message: `${label}: was reported as ${previous.content.kind}; an id keeps its kind.` });
    if (item.revision < previous.revision) return { outcome: 'STALE', item, previous };
    if (item.revision === previous.revision) {
      if (contentKey(item.content) !== contentKey(previous.content))
        problems.push({
          path: `items[${index}].revision`,
          code: 'REVISION_REUSED',
          message: `${label}: revision ${item.revision} is stored with other content; a correction takes a higher revision.`,
        });
      return { outcome: 'UNCHANGED', item, previous };
    }
    if (previous.history.length + 1 >= BATCH_LIMITS.revisionsKept)
      problems.push({
        path: `items[${index}].revision`,
        code: 'TOO_MANY_REVISIONS',
        message: `${label}: at most ${BATCH_LIMITS.revisionsKept} revisions of one item are kept.`,
      });
    return { outcome: 'CORRECTED', item, previous };
  });
  if (problems.length) throw badInput(`The batch has ${plural(problems.length, 'problem')}; nothing was stored.`, problems);
  return decisions;
}

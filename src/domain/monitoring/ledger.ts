import { badInput, type Problem } from '../errors';
import type { DowntimeCause, IncidentContent, ItemContent } from './items';
import { monthBounds, monthOf } from './report';

// What a month report needs, kept for good: per service, scope, source and month, a ledger of the
// minutes watched (a count per minute, so a corrected watched period can be taken back) and of the
// current downtime intervals and incidents by id. A batch takes each changed item's previous content
// out and puts the new one in, in the same transaction as the item itself, so a month report reads
// one small item per source whatever the number of items reported. Downtime still open lives in one
// more ledger per source ("open"), counted up to now in whichever month is read, until a later
// revision closes it and it moves to the months it spans.

export const OPEN = 'OPEN';

/**
 * A source's ledgers of a month are split in shards by item id, so a batch's items write in
 * parallel transactions (one per shard, each with its shard's ledgers) rather than one after
 * another on one ledger; a report reads every shard in the same Query and adds them up.
 */
export const LEDGER_SHARDS = 16;

/** The shard of an item id (FNV-1a): fixed, so every revision of an item lands in the same ledgers. */
export function shardOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % LEDGER_SHARDS;
}

/** The shards of one month (or OPEN) as one ledger: watched minutes added, intervals and incidents together. */
export function mergeShards(month: string, shards: readonly Ledger[]): Ledger {
  const merged = emptyLedger(month);
  for (const s of shards) {
    if (s.watched && merged.watched)
      for (let m = 0; m < merged.watched.length; m++) merged.watched[m] = Math.min(0xffff, merged.watched[m]! + (s.watched[m] ?? 0));
    for (const [id, e] of s.downtime) merged.downtime.set(id, e);
    for (const [id, i] of s.incidents) merged.incidents.set(id, i);
  }
  return merged;
}

export interface DowntimeEntry {
  /** ms since the epoch; `end` null: still open. */
  readonly start: number;
  readonly end: number | null;
  readonly cause: DowntimeCause;
  readonly reason: string | null;
  /** Maintenance: the notice given, in days (start of the whole interval − announcement). */
  readonly noticeDays: number | null;
}

export interface Ledger {
  /** YYYY-MM, or OPEN. */
  readonly month: string;
  /** Items of the month's minutes watched, per minute (null for OPEN). */
  readonly watched: Uint16Array | null;
  readonly downtime: Map<string, DowntimeEntry>;
  readonly incidents: Map<string, IncidentContent>;
}

/** Limits of one ledger (one DynamoDB item of at most 400 KB, compressed), each with why (README, Limits). */
export const LEDGER_LIMITS = {
  /** Downtime intervals of one month, source and scope: a monitor sending a 1-minute sample per bad minute stays under it for 3 days of outage. */
  downtimePerMonth: 5000,
  incidentsPerMonth: 1000,
} as const;

const MINUTE_MS = 60_000;
const DAY_MS = 1440 * MINUTE_MS;

export function emptyLedger(month: string): Ledger {
  const watched = month === OPEN ? null : new Uint16Array((monthBounds(month).end - monthBounds(month).start) / MINUTE_MS);
  return { month, watched, downtime: new Map(), incidents: new Map() };
}

export const cloneLedger = (l: Ledger): Ledger => ({
  month: l.month,
  watched: l.watched ? new Uint16Array(l.watched) : null,
  downtime: new Map(l.downtime),
  incidents: new Map(l.incidents),
});

/** The months (or OPEN) an item's content is kept in. */
export function ledgersOf(content: ItemContent): string[] {
  if (content.kind === 'INCIDENT') return [monthOf(content.detectedAt)];
  if (content.kind === 'DOWNTIME' && content.end === null) return [OPEN];
  return monthsSpanned(Date.parse(content.start), Date.parse(content.end!));
}

function monthsSpanned(start: number, end: number): string[] {
  const months: string[] = [];
  let at = start;
  while (at < end) {
    const month = monthOf(new Date(at).toISOString());
    months.push(month);
    at = monthBounds(month).end;
  }
  return months;
}

/** Puts an item's content in (sign 1) or takes it out (sign −1) of the ledgers it belongs to (all loaded). */
export function apply(ledgers: Map<string, Ledger>, id: string, content: ItemContent, sign: 1 | -1): void {
  for (const key of ledgersOf(content)) {
    const ledger = ledgers.get(key);
    if (!ledger) throw new Error(`ledger ${key} not loaded`);
    if (content.kind === 'INCIDENT') {
      if (sign > 0) ledger.incidents.set(id, content);
      else ledger.incidents.delete(id);
    } else if (content.kind === 'DOWNTIME') {
      if (sign < 0) ledger.downtime.delete(id);
      else {
        const { start: monthStart, end: monthEnd } = key === OPEN ? { start: -Infinity, end: Infinity } : monthBounds(key);
        const start = Date.parse(content.start);
        const end = content.end === null ? null : Date.parse(content.end);
        ledger.downtime.set(id, {
          start: Math.max(start, monthStart),
          end: end === null ? null : Math.min(end, monthEnd),
          cause: content.cause,
          reason: content.reason,
          noticeDays: content.announcedAt === null ? null : (start - Date.parse(content.announcedAt)) / DAY_MS,
        });
      }
    } else {
      // Only whole minutes inside the period count as watched.
      const monthStart = monthBounds(key).start;
      const watched = ledger.watched!;
      const from = Math.max(0, Math.ceil((Date.parse(content.start) - monthStart) / MINUTE_MS));
      const to = Math.min(watched.length, Math.floor((Date.parse(content.end) - monthStart) / MINUTE_MS));
      for (let m = from; m < to; m++) watched[m] = Math.max(0, Math.min(0xffff, watched[m]! + sign));
    }
  }
}

/** Every ledger over its limits: the batch is refused whole before anything is written. */
export function checkLedgers(shards: Iterable<Ledger>): void {
  const problems: Problem[] = [];
  const byMonth = new Map<string, { month: string; downtime: { size: number }; incidents: { size: number } }>();
  for (const s of shards) {
    const m = byMonth.get(s.month) ?? { month: s.month, downtime: { size: 0 }, incidents: { size: 0 } };
    m.downtime.size += s.downtime.size;
    m.incidents.size += s.incidents.size;
    byMonth.set(s.month, m);
  }
  for (const l of byMonth.values()) {
    if (l.downtime.size > LEDGER_LIMITS.downtimePerMonth)
      problems.push({
        path: 'items',
        code: 'TOO_MANY_DOWNTIME_INTERVALS',
        message: `${l.month}: at most ${LEDGER_LIMITS.downtimePerMonth} downtime intervals per month, scope and source (${l.downtime.size}); send runs, not minutes.`,
      });
    if (l.incidents.size > LEDGER_LIMITS.incidentsPerMonth)
      problems.push({
        path: 'items',
        code: 'TOO_MANY_INCIDENTS',
        message: `${l.month}: at most ${LEDGER_LIMITS.incidentsPerMonth} incidents per month, scope and source.`,
      });
  }
  if (problems.length) throw badInput('The batch would exceed what one month keeps; nothing was stored.', problems);
}

/**
 * A source's downtime of one month as the report reads it: the month's intervals and those still
 * open (clipped to the month and to now), overlapping ones merged per cause precedence by the caller.
 */
export function downtimeOfMonth(month: Ledger | null, open: Ledger | null, monthName: string, now: number): DowntimeEntry[] {
  const { start, end } = monthBounds(monthName);
  const entries = [...(month?.downtime.values() ?? [])].map((e) => (e.end === null ? { ...e, end: Math.min(end, now) } : e));
  for (const e of open?.downtime.values() ?? []) {
    if (e.start >= Math.min(end, now)) continue;
    entries.push({ ...e, start: Math.max(e.start, start), end: Math.min(end, now) });
  }
  return entries.filter((e) => e.end! > e.start);
}

import { plural } from '../text';
import { badInput } from '../errors';
import type { Commitments } from './commitments';
import { diffContracts } from './diff';
import type { Responsibility } from './responsibility';

// A service has at most one draft and any number of published versions. Versions are immutable
// (customers and OSCAL documents cite them); edits go to the draft, which `revision` guards against
// lost updates, and publishing turns it into version n+1.

export interface ContractDraft {
  readonly serviceId: string;
  /** Increases with every saved edit; a save naming a stale revision is a conflict. */
  readonly revision: number;
  /** The version the draft started from; null for a service's first contract. */
  readonly basedOnVersion: number | null;
  readonly responsibilities: readonly Responsibility[];
  /** The service-level commitments; absent when never set (read with commitmentsOf). */
  readonly commitments?: Commitments;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface ContractVersion {
  readonly serviceId: string;
  /** 1, 2, 3… per service. */
  readonly version: number;
  /** Why this version exists, in words a customer reads next to the diff. */
  readonly changeNote: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
  /** When subscribers following the latest version move onto it (never before publishedAt). */
  readonly effectiveFrom: string;
  readonly responsibilities: readonly Responsibility[];
  /** Published with the responsibilities; absent in versions stored before commitments existed (read with commitmentsOf). */
  readonly commitments?: Commitments;
}

export const CHANGE_NOTE_LIMIT = 2000;

/** The trimmed note; throws BAD_USER_INPUT when it is empty or longer than CHANGE_NOTE_LIMIT. */
export function validateChangeNote(note: string): string {
  const trimmed = note.trim();
  if (!trimmed) {
    throw badInput('A change note is required: say what changed in this version.', [{ path: 'changeNote', message: 'must not be empty' }]);
  }
  if (trimmed.length > CHANGE_NOTE_LIMIT) {
    throw badInput(`The change note must be at most ${CHANGE_NOTE_LIMIT} characters (got ${trimmed.length}).`, [
      { path: 'changeNote', message: `must be at most ${CHANGE_NOTE_LIMIT} characters` },
    ]);
  }
  return trimmed;
}

// ---- effective dates ----
//
// A version is published with the instant it takes effect (default: when it is published). Until
// then, subscribers that follow the latest version stay on the version in effect and see the coming
// change. Versions take effect in the order they are published (dates never go back), so the
// versions not yet in effect are always the newest ones: the service item keeps them in a short
// list beside its pointer, and which version is in effect is derived from that at read time — time
// passing changes it without any write.

/** A published version that was not yet in effect when the service's pointer last moved. */
export interface ScheduledVersion {
  readonly version: number;
  readonly effectiveFrom: string;
}

/** What a service says about its published versions: enough to tell which one is in effect at any instant. */
export interface VersionTimeline {
  /** The latest published version; null before the first publish. */
  readonly currentVersion: number | null;
  /** The newest versions, oldest first, that were not in effect at the last publish (their dates never decrease). */
  readonly scheduledVersions: readonly ScheduledVersion[];
}

export type VersionStatus = 'CURRENT' | 'SUPERSEDED' | 'UPCOMING';

const at = (iso: string) => Date.parse(iso);

/** The latest version in effect at `now`; null when none is published or the first one is still to come. */
export function versionInEffect(timeline: VersionTimeline, now: Date): number | null {
  if (timeline.currentVersion === null) return null;
  const scheduled = timeline.scheduledVersions;
  // The version before the first scheduled one was in effect when the list was written.
  let inEffect = scheduled.length ? scheduled[0]!.version - 1 : timeline.currentVersion;
  for (const s of scheduled) if (at(s.effectiveFrom) <= now.getTime() && s.version > inEffect) inEffect = s.version;
  return inEffect >= 1 ? inEffect : null;
}

/**
 * The version that takes effect next, with its date; null when nothing is coming. Two versions
 * scheduled for the same instant: the later one (it supersedes the other before it takes effect).
 */
export function nextVersionToTakeEffect(timeline: VersionTimeline, now: Date): ScheduledVersion | null {
  const future = timeline.scheduledVersions.filter((s) => at(s.effectiveFrom) > now.getTime());
  if (!future.length) return null;
  const first = Math.min(...future.map((s) => at(s.effectiveFrom)));
  return future.filter((s) => at(s.effectiveFrom) === first).reduce((a, b) => (b.version > a.version ? b : a));
}

/** CURRENT: the version in effect; UPCOMING: published, not in effect yet; SUPERSEDED: a newer one is in effect. */
export function versionStatus(version: number, timeline: VersionTimeline, now: Date): VersionStatus {
  const inEffect = versionInEffect(timeline, now);
  if (inEffect === version) return 'CURRENT';
  return inEffect === null || version > inEffect ? 'UPCOMING' : 'SUPERSEDED';
}

/** The service's scheduled versions once `published` is out: those now in effect drop out, a future one joins. */
export function scheduleAfterPublish(timeline: VersionTimeline, published: ScheduledVersion, now: Date): ScheduledVersion[] {
  const future = (s: ScheduledVersion) => at(s.effectiveFrom) > now.getTime();
  return [...timeline.scheduledVersions.filter(future), ...(future(published) ? [published] : [])];
}

export const EFFECTIVE_DATE_LIMITS = {
  /** A date this much in the past is taken as "now" (clock skew between the client and Onus). */
  pastToleranceMinutes: 5,
  /** How far ahead a version may be scheduled. */
  maxDaysAhead: 730,
  /** How many versions may wait to take effect at once. */
  scheduledVersions: 10,
} as const;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** What a new version takes from customers compared with the latest published one (see workMovedTowardCustomers). */
export interface WorkMovedTowardCustomers {
  /** Controls whose ownership moves toward the customer. */
  readonly movedControls: readonly string[];
  /** Controls that gain customer obligations, with how many. */
  readonly obligationsAdded: readonly { readonly controlId: string; readonly count: number }[];
  /** Service-level commitments the version weakens (their labels in the latest version): less promised is a change toward customers too. */
  readonly commitmentsWeakened?: readonly string[];
}

/** Ownership moved toward the customer or obligations added: the changes that need the service's change notice. */
export function workMovedTowardCustomers(from: readonly Responsibility[], to: readonly Responsibility[]): WorkMovedTowardCustomers {
  const { controls } = diffContracts(from, to);
  return {
    movedControls: controls.filter((d) => d.ownershipChanged?.shift === 'TOWARD_CUSTOMER').map((d) => d.controlId),
    obligationsAdded: controls.filter((d) => d.obligationsAdded.length > 0).map((d) => ({ controlId: d.controlId, count: d.obligationsAdded.length })),
  };
}

export const movesWork = (moved: WorkMovedTowardCustomers | null): moved is WorkMovedTowardCustomers =>
  moved !== null && (moved.movedControls.length > 0 || moved.obligationsAdded.length > 0 || (moved.commitmentsWeakened?.length ?? 0) > 0);

export interface EffectiveDateRequest {
  /** What the provider asked for; null or undefined: now. */
  readonly requested: Date | null | undefined;
  readonly now: Date;
  /** The change-notice period: the contract's change-notice commitment, else the service's setting. */
  readonly changeNoticeDays: number;
  /** Where changeNoticeDays comes from, in the refusal's words; default "the service's change notice". */
  readonly noticeSource?: string;
  readonly timeline: VersionTimeline;
  /**
   * Compared with the latest published version; null when there is nobody to give notice to: a first
   * version, or no subscriber follows the latest version (pinned subscribers do not move).
   */
  readonly moved: WorkMovedTowardCustomers | null;
}

/**
 * The instant a new version takes effect, as stored (ISO-8601): the requested one, or now. Throws
 * BAD_USER_INPUT (path effectiveFrom) for a date in the past, too far ahead, before a version
 * published earlier takes effect, or — when the version moves work toward customers — less than the
 * service's change-notice period ahead.
 */
export function decideEffectiveFrom(request: EffectiveDateRequest): string {
  const { now, changeNoticeDays, timeline, moved } = request;
  const L = EFFECTIVE_DATE_LIMITS;
  const tolerance = L.pastToleranceMinutes * 60 * 1000;
  const requested = request.requested ?? null;
  if (requested !== null && Number.isNaN(requested.getTime())) throw dateProblem('Pass effectiveFrom as an ISO-8601 instant.', 'is not a valid date');
  const effective = requested === null || requested.getTime() < now.getTime() ? now : requested;
  const iso = effective.toISOString();
  if (requested !== null && requested.getTime() < now.getTime() - tolerance) {
    throw dateProblem(
      `A version cannot take effect in the past: effectiveFrom ${requested.toISOString()} is before now (${now.toISOString()}). Omit it to take effect now, or pass a later date.`,
      'must not be in the past',
    );
  }
  const latest = new Date(now.getTime() + L.maxDaysAhead * DAY_MS);
  if (effective > latest) {
    throw dateProblem(
      `A version can be scheduled at most ${L.maxDaysAhead} days ahead (until ${latest.toISOString()}); effectiveFrom is ${iso}.`,
      `must be at most ${L.maxDaysAhead} days ahead`,
    );
  }
  const pending = timeline.scheduledVersions.filter((s) => at(s.effectiveFrom) > now.getTime());
  const last = pending[pending.length - 1];
  if (last && at(last.effectiveFrom) > effective.getTime()) {
    throw dateProblem(
      `Version ${last.version} takes effect on ${last.effectiveFrom}; versions take effect in the order they are published, so this one cannot take effect before it. Pass effectiveFrom on or after ${last.effectiveFrom}.`,
      `must be on or after ${last.effectiveFrom}, when version ${last.version} takes effect`,
    );
  }
  if (pending.length >= L.scheduledVersions) {
    throw dateProblem(
      `At most ${L.scheduledVersions} versions may wait to take effect at once; publish this one after ${pending[0]!.effectiveFrom}.`,
      `${L.scheduledVersions} versions already wait to take effect`,
    );
  }
  if (movesWork(moved) && changeNoticeDays > 0) {
    const earliest = new Date(now.getTime() + changeNoticeDays * DAY_MS);
    if (effective.getTime() < earliest.getTime() - tolerance) {
      const what = [
        moved.movedControls.length ? `moves ${list(moved.movedControls)} toward the customer` : null,
        moved.obligationsAdded.length ? `adds customer obligations on ${list(moved.obligationsAdded.map((o) => o.controlId))}` : null,
        moved.commitmentsWeakened?.length ? `weakens service-level commitments (${list(moved.commitmentsWeakened)})` : null,
      ]
        .filter(Boolean)
        .join(' and ');
      throw dateProblem(
        `This version ${what}, so customers get ${request.noticeSource ?? "the service's change notice"} of ${plural(changeNoticeDays, 'day')}: pass effectiveFrom on or after ${earliest.toISOString()}${requested === null ? ' (without it, a version takes effect as soon as it is published)' : ''}.`,
        `must be on or after ${earliest.toISOString()} (${changeNoticeDays} days' notice): the version ${moved.movedControls.length || moved.obligationsAdded.length ? 'moves work toward customers' : 'weakens commitments'}`,
      );
    }
  }
  return iso;
}

const list = (ids: readonly string[]) => (ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more controls`);
const dateProblem = (message: string, problem: string) => badInput(message, [{ path: 'effectiveFrom', message: problem }]);

import type { CustomerObligation, Responsibility } from '../contracts/responsibility';
import { badInput, type Problem } from '../errors';
import { isHttpUrl } from '../organizations/organization';

// A customer's record of where it stands on one inherited obligation. It is keyed by the service and
// the obligation's id, not by contract version: obligation ids survive new versions while their
// meaning holds (contracts/changes.ts), so a provider's new version keeps the customer's work. An
// obligation without a record is NOT_STARTED.

export const TRACKING_STATUSES = ['NOT_STARTED', 'PLANNED', 'IMPLEMENTED', 'NOT_APPLICABLE'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

/** A link to where the customer keeps its proof (a ticket, a policy page, a scan report). */
export interface TrackingEvidence {
  readonly title: string;
  readonly url: string;
}

export interface TrackingRecord {
  readonly serviceId: string;
  readonly obligationId: string;
  readonly status: TrackingStatus;
  /** Why the obligation does not apply; required for NOT_APPLICABLE, optional context otherwise. */
  readonly reason: string | null;
  /** Who answers for it: a team or a person, free text (customers' org charts are not ours). */
  readonly owner: string | null;
  readonly evidence: readonly TrackingEvidence[];
  readonly notes: string | null;
  /**
   * The obligation's text when the status was recorded. A provider may reword an obligation and keep
   * its id; comparing texts tells the customer to re-read it before trusting an old IMPLEMENTED.
   */
  readonly recordedText: string;
  /** The control the obligation was on, and the contract version it was read from, when the status was recorded (absent in older records). */
  readonly recordedControlId?: string | null;
  readonly recordedInVersion?: number | null;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** A tracking update: a field left out keeps the current record's value, null clears it. */
export interface TrackingInput {
  readonly serviceId: string;
  readonly obligationId: string;
  readonly status: TrackingStatus;
  readonly reason?: string | null;
  readonly owner?: string | null;
  readonly evidence?: readonly TrackingEvidence[] | null;
  readonly notes?: string | null;
}

export const TRACKING_LIMITS = {
  reason: 2000,
  owner: 200,
  evidence: 10,
  evidenceTitle: 200,
  evidenceUrl: 2000,
  notes: 4000,
} as const;

/** A record as validated; the store adds who wrote it and when. */
export type TrackingFields = Omit<TrackingRecord, 'updatedAt' | 'updatedBy'>;

export interface TrackingContext {
  /** The obligation in the customer's effective contract of the service (or the version it moves onto next); null when neither has it. */
  readonly obligation: Pick<CustomerObligation, 'id' | 'text'> | null;
  /** The customer's current record for it, if any. */
  readonly existing: TrackingRecord | null;
  /** Where the obligation was found: its control and the contract version (kept with the record, for history). */
  readonly foundAt?: { readonly controlId: string; readonly contractVersion: number } | null;
}

/**
 * Checks and normalises a tracking update merged into the existing record; throws BAD_USER_INPUT
 * listing every problem. recordedText becomes the obligation's current text: recording a status
 * means the customer answered what the contract says now.
 */
export function validateTrackingInput(input: TrackingInput, context: TrackingContext): TrackingFields {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const L = TRACKING_LIMITS;
  const { existing, obligation } = context;

  const serviceId = input.serviceId.trim();
  if (!serviceId) add('serviceId', 'must name the service');
  const obligationId = input.obligationId.trim();
  if (!obligationId) add('obligationId', 'must name the obligation');
  else if (obligation === null)
    add('obligationId', `"${obligationId}" is not an obligation of the contract version you follow for this service, nor of the one you move onto next`);

  if (!(TRACKING_STATUSES as readonly string[]).includes(input.status)) add('status', `must be one of ${TRACKING_STATUSES.join(', ')}`);

  const keep = <K extends 'reason' | 'owner' | 'notes'>(key: K, max: number): string | null => {
    const value = input[key] === undefined ? (existing?.[key] ?? null) : input[key]?.trim() || null;
    if (value !== null && value.length > max) add(key, `must be at most ${max} characters (got ${value.length})`);
    return value;
  };
  const reason = keep('reason', L.reason);
  // Declaring an obligation out of scope is a claim an auditor will question: it needs its reason.
  if (input.status === 'NOT_APPLICABLE' && reason === null)
    add('reason', 'is required when the status is NOT_APPLICABLE: say why the obligation does not apply to you');
  const owner = keep('owner', L.owner);
  const notes = keep('notes', L.notes);

  const evidence = input.evidence === undefined ? (existing?.evidence ?? []) : (input.evidence ?? []).map((e, i) => evidenceItem(e, `evidence[${i}]`, add));
  if (evidence.length > L.evidence) add('evidence', `must list at most ${L.evidence} links (got ${evidence.length})`);

  if (problems.length) {
    throw badInput(`The obligation's tracking was not saved: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
  }
  // No problems means the obligation was found (a missing one is reported above).
  const foundAt = context.foundAt ?? null;
  return {
    serviceId,
    obligationId,
    status: input.status,
    reason,
    owner,
    evidence,
    notes,
    recordedText: obligation!.text,
    ...(foundAt ? { recordedControlId: foundAt.controlId, recordedInVersion: foundAt.contractVersion } : {}),
  };
}

function evidenceItem(item: TrackingEvidence, at: string, add: (path: string, message: string) => void): TrackingEvidence {
  const L = TRACKING_LIMITS;
  const title = item.title.trim();
  if (!title) add(`${at}.title`, 'must not be empty');
  else if (title.length > L.evidenceTitle) add(`${at}.title`, `must be at most ${L.evidenceTitle} characters (got ${title.length})`);
  const url = item.url.trim();
  if (url.length > L.evidenceUrl || !isHttpUrl(url)) add(`${at}.url`, `must be an http(s) URL of at most ${L.evidenceUrl} characters`);
  return { title, url };
}

/** The obligation with this id in a contract, with its control; null when the contract has none. */
export function findObligation(
  responsibilities: readonly Responsibility[],
  obligationId: string,
): { controlId: string; obligation: CustomerObligation } | null {
  for (const r of responsibilities) {
    const obligation = r.customerObligations.find((o) => o.id === obligationId);
    if (obligation) return { controlId: r.controlId, obligation };
  }
  return null;
}

export type TrackingLookup = (serviceId: string, obligationId: string) => TrackingRecord | null;

/** A customer's records by service, then by obligation. */
export function trackedByService(records: readonly TrackingRecord[]): ReadonlyMap<string, ReadonlyMap<string, TrackingRecord>> {
  const byService = new Map<string, Map<string, TrackingRecord>>();
  for (const r of records) {
    let byObligation = byService.get(r.serviceId);
    if (!byObligation) byService.set(r.serviceId, (byObligation = new Map()));
    byObligation.set(r.obligationId, r);
  }
  return byService;
}

/** Indexes a customer's records by (service, obligation): a map per service, so a lookup builds no key string (thousands per screen). */
export function trackingLookup(records: readonly TrackingRecord[]): TrackingLookup {
  const byService = trackedByService(records);
  return (serviceId, obligationId) => byService.get(serviceId)?.get(obligationId) ?? null;
}

/** An obligation nobody has recorded anything for has not been started. */
export const trackingStatus = (record: Pick<TrackingRecord, 'status'> | null | undefined): TrackingStatus => record?.status ?? 'NOT_STARTED';

/** True when the provider reworded the obligation after the customer recorded its status. */
export const textChangedSinceRecorded = (record: Pick<TrackingRecord, 'recordedText'> | null | undefined, currentText: string): boolean =>
  record != null && record.recordedText !== currentText;

/** Open: still something to do. NOT_APPLICABLE is closed, by the customer's recorded reason. */
export const isOpen = (status: TrackingStatus): boolean => status === 'NOT_STARTED' || status === 'PLANNED';

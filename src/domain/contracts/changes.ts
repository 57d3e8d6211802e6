import { compositeKey } from '../compositeKey';
import { badInput, type Problem } from '../errors';
import { isHttpUrl } from '../organizations/organization';
import { OWNERSHIPS, providerSupplies, type Ownership } from './ownership';
import {
  EVIDENCE_KINDS,
  IMPLEMENTATION_STATUSES,
  RESPONSIBILITY_LIMITS as L,
  UPSTREAM_HANDLINGS,
  type ControlIndex,
  type CustomerObligation,
  type Evidence,
  type EvidenceKind,
  type ImplementationStatus,
  type NewId,
  type RelayedObligation,
  type Responsibility,
  type UpstreamHandling,
  type UpstreamObligationHandling,
  relaysOf,
  upstreamHandlingsOf,
} from './responsibility';

// How a provider edits a draft: a list of per-control inputs merged into the current lines. A field
// left out keeps its current value (a control new to the draft starts empty); null clears it.

export interface ObligationInput {
  /** Keep this existing obligation's id: its meaning is unchanged even if the wording is. */
  readonly id?: string | null;
  readonly text: string;
  /** Defaults to the current value, or for a new obligation to whether the ownership provides anything. */
  readonly unlocksProvided?: boolean | null;
  /** The upstream obligations this one passes on (the line marks each PASSED_DOWN); left out keeps them, null clears. */
  readonly relays?: readonly RelayInput[] | null;
}

export interface RelayInput {
  readonly upstreamServiceId: string;
  readonly obligationId: string;
}

/**
 * The current wording of an upstream obligation on a control, or null when the upstream's current
 * contract has no such obligation there: a relay records what the end customer is really asked.
 */
export type UpstreamWording = (upstreamServiceId: string, obligationId: string, controlId: string) => string | null;

export interface EvidenceInput {
  readonly kind: EvidenceKind;
  readonly title: string;
  readonly url: string;
}

export interface UpstreamObligationInput {
  readonly upstreamServiceId: string;
  readonly obligationId: string;
  readonly handling: UpstreamHandling;
}

export interface ResponsibilityInput {
  readonly controlId: string;
  readonly ownership: Ownership;
  readonly providerStatement?: string | null;
  /** The control's full list when sent: obligations left out are removed; null removes all. */
  readonly customerObligations?: readonly ObligationInput[] | null;
  /** Omitted or null keeps the current status; a new control starts IMPLEMENTED (NOT_APPLICABLE if so owned). */
  readonly status?: ImplementationStatus | null;
  readonly evidence?: readonly EvidenceInput[] | null;
  readonly justification?: string | null;
  readonly upstreamServiceId?: string | null;
  /** The control's full list of upstream handlings when sent; left out keeps it, null clears it. */
  readonly upstreamObligations?: readonly UpstreamObligationInput[] | null;
}

/**
 * The draft after `changes`, in catalogue order (lines for unknown controls already in `current`
 * are kept, last, for validateContract to report). Throws BAD_USER_INPUT listing every problem, with
 * paths `responsibilities[i].field`; on error nothing is applied.
 */
export function applyResponsibilityChanges(
  current: readonly Responsibility[],
  changes: readonly ResponsibilityInput[],
  catalogue: ControlIndex,
  newId: NewId,
  upstreamWording: UpstreamWording = () => null,
): Responsibility[] {
  const problems: Problem[] = [];
  const byControl = new Map(current.map((r) => [r.controlId, r]));
  const firstIndex = new Map<string, number>();
  // Ids are drawn only after validation, so a rejected call consumes none.
  const plans: Array<() => Responsibility> = [];

  changes.forEach((input, i) => {
    const at = `responsibilities[${i}]`;
    const controlId = input.controlId.trim();
    const add = (field: string, message: string) => problems.push({ path: `${at}.${field}`, message: `control ${controlId}: ${message}` });
    if (!catalogue.control(controlId)) {
      add('controlId', 'no such control in the ISO/IEC 27017 catalogue');
      return;
    }
    const first = firstIndex.get(controlId);
    if (first !== undefined) {
      add('controlId', `is already changed by responsibilities[${first}]; give each control once per change`);
      return;
    }
    firstIndex.set(controlId, i);
    if (!(OWNERSHIPS as readonly string[]).includes(input.ownership)) add('ownership', `must be one of ${OWNERSHIPS.join(', ')}`);
    if (input.status != null && !(IMPLEMENTATION_STATUSES as readonly string[]).includes(input.status)) {
      add('status', `must be one of ${IMPLEMENTATION_STATUSES.join(', ')}`);
    }
    const existing = byControl.get(controlId);
    const providerStatement = text(
      input.providerStatement,
      existing?.providerStatement ?? null,
      'providerStatement',
      'provider statement',
      L.providerStatement,
      add,
    );
    const justification = text(input.justification, existing?.justification ?? null, 'justification', 'justification', L.justification, add);
    const upstreamServiceId = upstream(input.upstreamServiceId, existing?.upstreamServiceId ?? null, add);
    const upstreamObligations =
      input.upstreamObligations === undefined ? [...upstreamHandlingsOf(existing ?? {})] : upstreamHandlingList(input.upstreamObligations ?? [], add);
    const evidence = input.evidence === undefined ? (existing?.evidence ?? []) : evidenceList(input.evidence ?? [], add);
    const obligations =
      input.customerObligations === undefined
        ? () => existing?.customerObligations ?? []
        : obligationPlan(input.customerObligations ?? [], existing?.customerObligations ?? [], input.ownership, newId, add, (u, o) =>
            upstreamWording(u, o, controlId),
          );
    const status: ImplementationStatus = input.status ?? defaultStatus(input.ownership, existing);
    plans.push(() => ({
      controlId,
      ownership: input.ownership,
      providerStatement,
      providedId: existing?.providedId ?? newId(),
      customerObligations: obligations(),
      status,
      evidence,
      justification,
      upstreamServiceId,
      upstreamObligations,
    }));
  });

  if (problems.length) {
    throw badInput(
      `The contract draft was not changed (${problems.length} problem${problems.length > 1 ? 's' : ''}): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}.`,
      problems,
    );
  }
  for (const plan of plans) {
    const next = plan();
    byControl.set(next.controlId, next);
  }
  const order = new Map(catalogue.controls.map((c, i) => [c.id, i]));
  const rank = (r: Responsibility) => order.get(r.controlId) ?? Number.MAX_SAFE_INTEGER;
  return [...byControl.values()].sort((a, b) => rank(a) - rank(b));
}

type Add = (field: string, message: string) => void;

/** Omitted keeps, null clears, blank is an error: a blank text is a mistake, not a way to clear. */
function text(value: string | null | undefined, current: string | null, field: string, label: string, max: number, add: Add): string | null {
  if (value === undefined) return current;
  if (value === null) return null;
  const trimmed = value.trim();
  if (!trimmed) add(field, `${label} must not be empty (send null to remove it)`);
  else if (trimmed.length > max) add(field, `${label} must be at most ${max} characters (got ${trimmed.length})`);
  return trimmed;
}

function upstream(value: string | null | undefined, current: string | null, add: Add): string | null {
  if (value === undefined) return current;
  const id = value?.trim() || null;
  if (id !== null && id.length > L.upstreamServiceId) add('upstreamServiceId', `upstream service id must be at most ${L.upstreamServiceId} characters`);
  return id;
}

function evidenceList(items: readonly EvidenceInput[], add: Add): Evidence[] {
  if (items.length > L.evidencePerControl) add('evidence', `at most ${L.evidencePerControl} evidence items are allowed (got ${items.length})`);
  return items.map((item, j) => {
    const at = `evidence[${j}]`;
    if (!(EVIDENCE_KINDS as readonly string[]).includes(item.kind)) add(`${at}.kind`, `evidence kind must be one of ${EVIDENCE_KINDS.join(', ')}`);
    const title = item.title.trim();
    if (!title) add(`${at}.title`, 'evidence title must not be empty');
    else if (title.length > L.evidenceTitle) add(`${at}.title`, `evidence title must be at most ${L.evidenceTitle} characters (got ${title.length})`);
    const url = item.url.trim();
    if (url.length > L.evidenceUrl || !isHttpUrl(url)) add(`${at}.url`, `evidence url must be an http(s) URL of at most ${L.evidenceUrl} characters`);
    return { kind: item.kind, title, url };
  });
}

/**
 * Shape checks only: whether each entry names a real upstream obligation needs the upstream
 * contracts, which validateContract reads when the draft is checked for publishing.
 */
function upstreamHandlingList(items: readonly UpstreamObligationInput[], add: Add): UpstreamObligationHandling[] {
  if (items.length > L.upstreamObligationsPerControl) {
    add('upstreamObligations', `at most ${L.upstreamObligationsPerControl} upstream obligations are allowed (got ${items.length})`);
  }
  const seen = new Map<string, number>();
  return items.map((item, j) => {
    const at = `upstreamObligations[${j}]`;
    const upstreamServiceId = item.upstreamServiceId.trim();
    const obligationId = item.obligationId.trim();
    if (!upstreamServiceId) add(`${at}.upstreamServiceId`, 'upstream service id must not be empty');
    else if (upstreamServiceId.length > L.upstreamServiceId)
      add(`${at}.upstreamServiceId`, `upstream service id must be at most ${L.upstreamServiceId} characters`);
    if (!obligationId) add(`${at}.obligationId`, 'upstream obligation id must not be empty');
    else if (obligationId.length > L.upstreamObligationId)
      add(`${at}.obligationId`, `upstream obligation id must be at most ${L.upstreamObligationId} characters`);
    if (!(UPSTREAM_HANDLINGS as readonly string[]).includes(item.handling)) add(`${at}.handling`, `handling must be one of ${UPSTREAM_HANDLINGS.join(', ')}`);
    // One obligation handled twice would be two answers to one question (and possibly contradictory).
    const key = compositeKey(upstreamServiceId, obligationId);
    const first = seen.get(key);
    if (first !== undefined) add(at, `repeats upstreamObligations[${first}] (obligation "${obligationId}" of ${upstreamServiceId})`);
    else seen.set(key, j);
    return { upstreamServiceId, obligationId, handling: item.handling };
  });
}

/** Each relay must name an obligation the upstream's current contract has on this control; its wording is recorded. */
function relayList(
  items: readonly RelayInput[],
  at: string,
  wording: (upstreamServiceId: string, obligationId: string) => string | null,
  add: Add,
): RelayedObligation[] {
  if (items.length > L.relaysPerObligation) add(`${at}.relays`, `at most ${L.relaysPerObligation} relays are allowed (got ${items.length})`);
  const seen = new Set<string>();
  return items.flatMap((item, k) => {
    const upstreamServiceId = item.upstreamServiceId.trim();
    const obligationId = item.obligationId.trim();
    const text = wording(upstreamServiceId, obligationId);
    if (text === null) {
      add(
        `${at}.relays[${k}]`,
        `obligation "${obligationId}" of upstream service ${upstreamServiceId} is not on this control in that service's current contract`,
      );
      return [];
    }
    const id = compositeKey(upstreamServiceId, obligationId);
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ upstreamServiceId, obligationId, text }];
  });
}

/**
 * Resolves obligation ids: an explicit id must already belong to this control; without one, an
 * existing obligation with the same text keeps its id (re-sending a list must not mint new ids,
 * or every customer record pointing at them would break); otherwise a new id is drawn.
 */
function obligationPlan(
  inputs: readonly ObligationInput[],
  existing: readonly CustomerObligation[],
  ownership: Ownership,
  newId: NewId,
  add: Add,
  wording: (upstreamServiceId: string, obligationId: string) => string | null,
): () => CustomerObligation[] {
  if (inputs.length > L.obligationsPerControl)
    add('customerObligations', `at most ${L.obligationsPerControl} customer obligations are allowed (got ${inputs.length})`);
  const existingById = new Map(existing.map((o) => [o.id, o]));
  const claimed = new Map<string, number>();
  const seenText = new Map<string, number>();
  const texts = inputs.map((o, j) => {
    const at = `customerObligations[${j}]`;
    const t = o.text.trim();
    if (!t) add(`${at}.text`, 'obligation text must not be empty');
    else if (t.length > L.obligationText) add(`${at}.text`, `obligation text must be at most ${L.obligationText} characters (got ${t.length})`);
    else if (seenText.has(t)) add(`${at}.text`, `repeats customerObligations[${seenText.get(t)}]`);
    else seenText.set(t, j);
    const id = o.id?.trim() || null;
    if (id !== null) {
      if (!existingById.has(id)) add(`${at}.id`, `unknown obligation id "${id}" (send no id for a new obligation)`);
      else if (claimed.has(id)) add(`${at}.id`, `obligation id "${id}" is already used by customerObligations[${claimed.get(id)}]`);
      else claimed.set(id, j);
    }
    return t;
  });
  // Text matches are resolved only against obligations no explicit id has claimed.
  const resolved = inputs.map((o, j) => {
    const id = o.id?.trim() || null;
    if (id !== null) return existingById.get(id);
    const match = existing.find((e) => e.text === texts[j] && !claimed.has(e.id));
    if (match) claimed.set(match.id, j);
    return match;
  });
  const relays = inputs.map((o, j) =>
    o.relays === undefined ? relaysOf(resolved[j] ?? {}) : relayList(o.relays ?? [], `customerObligations[${j}]`, wording, add),
  );
  return () =>
    inputs.map((o, j) => {
      const relayed = relays[j] ?? [];
      return {
        id: resolved[j]?.id ?? newId(),
        text: texts[j] ?? '',
        unlocksProvided: o.unlocksProvided ?? resolved[j]?.unlocksProvided ?? providerSupplies(ownership),
        ...(relayed.length ? { relays: relayed } : {}),
      };
    });
}

/**
 * The status a line gets when a change gives none: its current one, unless the new ownership
 * contradicts it (validation would refuse the pair, so the provider is not made to fix what it never
 * touched): a line becoming NOT_APPLICABLE is NOT_APPLICABLE, one leaving it is IMPLEMENTED.
 */
function defaultStatus(ownership: Ownership, existing: Responsibility | undefined): ImplementationStatus {
  if (ownership === 'NOT_APPLICABLE') return 'NOT_APPLICABLE';
  if (!existing || existing.status === 'NOT_APPLICABLE') return 'IMPLEMENTED';
  return existing.status;
}

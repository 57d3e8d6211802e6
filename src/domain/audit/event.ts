import { randomUUID } from 'node:crypto';
import type { Caller } from '../identity/caller';

// Every mutation in Onus writes one audit event in the same transaction as its change, so the trail
// can never disagree with the data: either both are written or neither is.
export interface AuditTarget {
  readonly type: string;
  readonly id: string;
  /** The organization whose trail this belongs to: its admins and auditors may read it. */
  readonly organizationId: string;
}

export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly action: string;
  readonly actor: { readonly subject: string; readonly organizationId: string | null; readonly roles: readonly string[] };
  readonly target: AuditTarget;
  /** A human summary of the change, e.g. "published version 3 (12 controls changed)". */
  readonly summary: string;
  /** Structured detail of the change, small by design (ids and counts, not whole documents). */
  readonly details: Readonly<Record<string, unknown>>;
}

export function auditEvent(
  caller: Caller,
  action: string,
  target: AuditTarget,
  summary: string,
  details: Readonly<Record<string, unknown>> = {},
  now: Date = new Date(),
  id: string = randomUUID(),
): AuditEvent {
  return {
    id,
    at: now.toISOString(),
    action,
    actor: { subject: caller.subject, organizationId: caller.organizationId, roles: [...caller.roles] },
    target,
    summary,
    details,
  };
}

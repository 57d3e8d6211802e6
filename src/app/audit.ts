import type { AuditAction } from '../domain/audit/actions';
import { auditEvent, type AuditEvent, type AuditTarget } from '../domain/audit/event';
import type { AppContext } from './context';

/** The audit event of a change the caller makes now; it goes into the change's unit of work. */
export function audited(
  context: AppContext,
  action: AuditAction,
  target: AuditTarget,
  summary: string,
  details: Readonly<Record<string, unknown>> = {},
): AuditEvent {
  return auditEvent(context.caller, action, target, summary, details, context.clock(), context.newId());
}

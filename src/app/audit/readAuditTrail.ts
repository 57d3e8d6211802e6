import { badInput } from '../../domain/errors';
import { decodeCursor, keysetPage, pageSize, type PageArgs } from '../../domain/pagination';
import { audited } from '../audit';
import type { AppContext } from '../context';
import { authorize } from '../policy';

export interface AuditTrailFilter {
  readonly organizationId?: string | null;
  readonly targetType?: string | null;
  readonly targetId?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
}

/** An organization's trail (default: the caller's), by target and time range, oldest first. */
export async function readAuditTrail(context: AppContext, filter: AuditTrailFilter | null | undefined, page: PageArgs) {
  const organizationId = filter?.organizationId ?? context.caller.organizationId;
  if (!organizationId) throw badInput('Name the organization whose trail you want (filter.organizationId).');
  authorize(context.caller, 'audit.read', organizationId);
  if ((filter?.targetType == null) !== (filter?.targetId == null)) {
    throw badInput('Give targetType and targetId together, or neither.', [{ path: 'filter.targetId', message: 'needs targetType' }]);
  }
  const from = filter?.from?.toISOString() ?? null;
  const to = filter?.to?.toISOString() ?? null;
  if (from && to && from > to) throw badInput('"from" must not be after "to".', [{ path: 'filter.from', message: 'after to' }]);
  if (organizationId !== context.caller.organizationId) await recordOperatorRead(context, organizationId, filter, page);
  const { events, next } = await context.store.audit.query({
    organizationId,
    target: filter?.targetType && filter.targetId ? { type: filter.targetType, id: filter.targetId } : null,
    from,
    to,
    limit: pageSize(page.first),
    after: page.after ? decodeCursor('audit', page.after) : null,
  });
  return keysetPage(events, next, page.after, 'audit', (e) => `${e.at}#${e.id}`);
}

/**
 * An operator reading another organization's trail leaves a mark on that trail, written before the
 * read so a trail can never have been read without saying so. Its admins and auditors see who looked,
 * when and for what (ISO/IEC 27002 8.15: access to logs is itself logged).
 */
async function recordOperatorRead(context: AppContext, organizationId: string, filter: AuditTrailFilter | null | undefined, page: PageArgs) {
  const details = {
    targetType: filter?.targetType ?? null,
    targetId: filter?.targetId ?? null,
    from: filter?.from?.toISOString() ?? null,
    to: filter?.to?.toISOString() ?? null,
    nextPage: page.after != null,
  };
  const scope = details.targetId ? ` (${details.targetType} ${details.targetId})` : '';
  await context.store.commit({
    changes: [],
    audit: audited(context, 'auditTrail.read', { type: 'Organization', id: organizationId, organizationId }, `operator read the audit trail${scope}`, details),
    conflictMessage: 'The audit trail could not be opened; try again.',
  });
}

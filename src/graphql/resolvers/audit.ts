import { badInput } from '../../domain/errors';
import { hasRole, requireRole } from '../../domain/identity/caller';
import { decodeCursor, encodeCursor, pageSize } from '../../domain/pagination';
import { forbidden } from '../../domain/errors';
import type { Resolvers } from '../generated/types';

export const auditResolvers: Resolvers = {
  Query: {
    auditEvents: async (_parent, { filter, first, after }, { caller, store }) => {
      requireRole(caller, 'AUDITOR', 'PROVIDER_ADMIN', 'CUSTOMER_ADMIN', 'PLATFORM_ADMIN');
      const organizationId = filter?.organizationId ?? caller.organizationId;
      if (!organizationId) throw badInput('Name the organization whose trail you want (filter.organizationId).');
      if (organizationId !== caller.organizationId && !hasRole(caller, 'PLATFORM_ADMIN')) {
        throw forbidden("You can read your own organization's audit trail only.");
      }
      if ((filter?.targetType == null) !== (filter?.targetId == null)) {
        throw badInput('Give targetType and targetId together, or neither.', [{ path: 'filter.targetId', message: 'needs targetType' }]);
      }
      const from = filter?.from?.toISOString() ?? null;
      const to = filter?.to?.toISOString() ?? null;
      if (from && to && from > to) throw badInput('"from" must not be after "to".', [{ path: 'filter.from', message: 'after to' }]);
      const { events, next } = await store.audit.query({
        organizationId,
        target: filter?.targetType && filter.targetId ? { type: filter.targetType, id: filter.targetId } : null,
        from,
        to,
        limit: pageSize(first),
        after: after ? decodeCursor('audit', after) : null,
      });
      const edges = events.map((node) => ({ node, cursor: encodeCursor('audit', `${node.at}#${node.id}`) }));
      return {
        edges,
        pageInfo: {
          hasNextPage: next !== null,
          hasPreviousPage: after != null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
      };
    },
  },
  AuditEvent: {
    details: (event) => ({ ...event.details }),
  },
};

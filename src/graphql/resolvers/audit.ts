import { readAuditTrail } from '../../app/audit/readAuditTrail';
import type { Resolvers } from '../generated/types';

export const auditResolvers: Resolvers = {
  Query: {
    auditEvents: (_parent, { filter, first, after }, context) => readAuditTrail(context, filter, { first, after }),
  },
  AuditEvent: {
    details: (event) => ({ ...event.details }),
  },
};

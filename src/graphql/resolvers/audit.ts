import { readAuditTrail } from '../../app/audit/readAuditTrail';
import { auditActionEnum } from '../../domain/audit/actions';
import type { AuditAction, Resolvers } from '../generated/types';

export const auditResolvers: Resolvers = {
  Query: {
    auditEvents: (_parent, { filter, first, after }, context) => readAuditTrail(context, filter, { first, after }),
  },
  AuditEvent: {
    details: (event) => ({ ...event.details }),
    kind: (event) => auditActionEnum(event.action) as AuditAction,
  },
};

import { randomUUID } from 'node:crypto';
import { auditEvent } from '../../domain/audit/event';
import { notFound } from '../../domain/errors';
import { requireRole } from '../../domain/identity/caller';
import { validateNewOrganization, type Organization } from '../../domain/organizations/organization';
import { decodeCursor, encodeCursor, pageSize } from '../../domain/pagination';
import type { Resolvers } from '../generated/types';

export const organizationResolvers: Resolvers = {
  Query: {
    organization: async (_parent, { id }, { loaders }) => {
      const organization = await loaders.organization.load(id);
      if (!organization) throw notFound(`No organization "${id}".`);
      return organization;
    },
    organizations: async (_parent, { first, after }, { store }) => {
      const { items, next } = await store.organizations.list(pageSize(first), after ? decodeCursor('organization', after) : null);
      const edges = items.map((node) => ({ node, cursor: encodeCursor('organization', `${node.name.toLowerCase()}#${node.id}`) }));
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
  Mutation: {
    createOrganization: async (_parent, { input }, { caller, store }) => {
      requireRole(caller, 'PLATFORM_ADMIN');
      const valid = validateNewOrganization(input);
      const organization: Organization = {
        id: randomUUID(),
        name: valid.name,
        kinds: valid.kinds,
        website: valid.website ?? null,
        description: valid.description ?? null,
        createdAt: new Date().toISOString(),
      };
      const event = auditEvent(
        caller,
        'organization.create',
        { type: 'Organization', id: organization.id, organizationId: organization.id },
        `created organization "${organization.name}" (${organization.kinds.join(', ')})`,
      );
      await store.transact(
        [{ Put: store.organizations.putItem(organization) }, { Put: store.audit.putItem(event) }],
        `Organization ${organization.id} already exists.`,
      );
      return organization;
    },
  },
};

import { createOrganization } from '../../app/organizations/createOrganization';
import { listOrganizations, readOrganization } from '../../app/organizations/readOrganizations';
import type { Resolvers } from '../generated/types';

export const organizationResolvers: Resolvers = {
  Query: {
    organization: (_parent, { id }, context) => readOrganization(context, id),
    organizations: (_parent, args, context) => listOrganizations(context, args),
  },
  Mutation: {
    createOrganization: (_parent, { input }, context) => createOrganization(context, input),
  },
};

import type { Resolvers } from '../generated/types';

export const identityResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, { caller }) => caller,
  },
  Caller: {
    roles: (caller) => [...caller.roles],
    organization: (caller, _args, { loaders }) => (caller.organizationId ? loaders.organization.load(caller.organizationId) : null),
  },
};

import { GraphQLDateTimeISO, GraphQLJSONObject } from 'graphql-scalars';
import type { Resolvers } from '../generated/types';
import { customScalars } from '../scalars';
import { auditResolvers } from './audit';
import { catalogueResolvers } from './catalogue';
import { contractResolvers } from './contracts';
import { obligationResolvers } from './customers/obligations';
import { subscriptionResolvers } from './customers/subscriptions';
import { identityResolvers } from './identity';
import { organizationResolvers } from './organizations';
import { serviceResolvers } from './services';
import { supplyChainResolvers } from './supplyChain';

const areas: Resolvers[] = [
  identityResolvers,
  organizationResolvers,
  catalogueResolvers,
  auditResolvers,
  serviceResolvers,
  contractResolvers,
  supplyChainResolvers,
  subscriptionResolvers,
  obligationResolvers,
];

/** All resolvers, merged type by type. Each area owns distinct fields, so nothing is overwritten. */
export const resolvers: Resolvers = areas.reduce<Resolvers>(
  (merged, area) => {
    for (const [type, fields] of Object.entries(area)) {
      merged[type] = { ...(merged[type] as object), ...(fields as object) };
    }
    return merged;
  },
  { DateTime: GraphQLDateTimeISO, JSON: GraphQLJSONObject, ...customScalars },
);

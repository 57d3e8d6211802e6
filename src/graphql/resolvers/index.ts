import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTimeISO, GraphQLJSONObject } from 'graphql-scalars';
import type { Resolvers } from '../generated/types';
import { customScalars } from '../scalars';
import { auditResolvers } from './audit';
import { catalogueResolvers } from './catalogue';
import { commitmentResolvers } from './commitments';
import { contractResolvers } from './contracts';
import { exportResolvers } from './exports';
import { obligationResolvers } from './customers/obligations';
import { subscriptionResolvers } from './customers/subscriptions';
import { identityResolvers } from './identity';
import { monitoringResolvers } from './monitoring';
import { organizationResolvers } from './organizations';
import { serviceResolvers } from './services';
import { supplyChainResolvers } from './supplyChain';

// graphql-scalars calls its scalar DateTimeISO; given as is, it renames the schema's DateTime and a
// client could not declare a `$at: DateTime` variable (GRAPHQL_VALIDATION_FAILED: Unknown type).
const DateTime = new GraphQLScalarType({
  ...GraphQLDateTimeISO.toConfig(),
  name: 'DateTime',
  description: 'An instant in time as an ISO-8601 string in UTC, e.g. 2026-11-28T12:00:00.000Z.',
});

const areas: Resolvers[] = [
  identityResolvers,
  organizationResolvers,
  catalogueResolvers,
  auditResolvers,
  serviceResolvers,
  contractResolvers,
  commitmentResolvers,
  supplyChainResolvers,
  subscriptionResolvers,
  obligationResolvers,
  monitoringResolvers,
  exportResolvers,
];

/** All resolvers, merged type by type. Each area owns distinct fields, so nothing is overwritten. */
export const resolvers: Resolvers = areas.reduce<Resolvers>(
  (merged, area) => {
    for (const [type, fields] of Object.entries(area)) {
      merged[type] = { ...(merged[type] as object), ...(fields as object) };
    }
    return merged;
  },
  { DateTime, JSON: GraphQLJSONObject, ...customScalars },
);

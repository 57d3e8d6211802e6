import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLContext } from '../graphql/context';
import { apolloLogger, type Logger } from '../log';
import { jitGateway } from './execution';
import { formatError } from './formatError';
import { inputLimitsPlugin } from './inputLimits';
import { QUERY_LIMITS, queryLimitRules } from './limits';
import { observabilityPlugin } from './plugins';
import { onusSchema } from './schema';
import { trustedDocumentsPlugin } from './trustedDocuments';

export interface ServerOptions {
  readonly introspection: boolean;
  readonly logger: Logger;
}

// Lambda sets no NODE_ENV, so every production behaviour Apollo would otherwise pick from it is
// stated here: no stack traces, no landing page, no "Did you mean" hints, introspection as configured.
export function createApolloServer({ introspection, logger }: ServerOptions): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    // Built by src/server/schema.ts with graphql-js alone rather than from typeDefs by Apollo (with
    // @graphql-tools): building the schema was most of a cold start's require() (issue 11).
    // Executed by graphql-jit (src/server/execution.ts), through the only hook Apollo Server 5 offers for it.
    gateway: jitGateway(onusSchema()),
    introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    csrfPrevention: true,
    // Bounds parse work per request; a legitimate screen query stays far below this. Apollo's own
    // limit rather than graphql-armor's maxTokens, which turns every syntax error into HTTP 500.
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    // Apollo pretty-prints responses by default: indentation no client reads, measured at ~16 % of a
    // 1 MB customer screen's time (with the Lambda integration's byteLength over it) and a third
    // more bytes on the wire. Compact JSON is the same document.
    stringifyResult: (result) => JSON.stringify(result),
    // Depth, aliases, cost and directives (graphql-armor), refused before anything runs (README, "Limits").
    validationRules: queryLimitRules(),
    formatError,
    // Apollo's own warnings go through the same structured log.
    logger: apolloLogger(logger),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Onus sets no cache hints: the default cache-control plugin would only wrap every resolver
      // (measured: ~1 % of CPU on a 2,000-obligation response). Nothing is reported to Apollo's
      // cloud either, whatever APOLLO_KEY a deployment environment happens to carry.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      observabilityPlugin(logger),
      // IDs and cursors over their length limits: BAD_USER_INPUT before any resolver runs.
      inputLimitsPlugin(),
      // The registered documents of Onus's own clients, by hash; the only ones a locked client may send.
      trustedDocumentsPlugin(),
    ],
  });
}

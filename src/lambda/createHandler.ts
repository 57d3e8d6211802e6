import { randomUUID } from 'node:crypto';
import { startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { GraphQLError } from 'graphql';
import { createAuthenticator } from '../auth/authenticate';
import type { Config } from '../config';
import { Catalogue } from '../domain/catalogue/catalogue';
import { OnusError } from '../domain/errors';
import type { GraphQLContext } from '../graphql/context';
import { createLogger, type Logger } from '../log';
import { createApolloServer } from '../server/apollo';
import { runInRequestScope, type RequestScope } from '../server/requestScope';
import { createDocumentClient } from '../store/client';
import { createLoaders } from '../store/loaders';
import { newMeter, runWithMeter } from '../store/metering';
import { Store } from '../store/store';
import { createV2RequestHandler, jsonErrorResult } from './httpEvents';

export type OnusHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the per-request log line says; benchmarks read it directly instead of parsing logs. */
export interface RequestSummary {
  readonly requestId: string;
  readonly operationName: string | null;
  readonly status: number | undefined;
  readonly durationMs: number;
  readonly dynamodbCalls: number;
  readonly dynamodbReadUnits: number;
  readonly dynamodbWriteUnits: number;
  readonly errorCodes: readonly string[];
}

export interface HandlerOptions {
  readonly logger?: Logger;
  readonly onRequest?: (summary: RequestSummary) => void;
}

type GatewayClaims = Record<string, unknown>;
type EventWithAuthorizer = APIGatewayProxyEventV2 & { requestContext: { authorizer?: { jwt?: { claims?: GatewayClaims } } } };

const header = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const entry = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
};

/**
 * Everything built once per cold start: the DynamoDB client, the catalogue, the Apollo server.
 * Everything per request: the caller, the DataLoaders, the meter and the log line.
 */
export function createLambdaHandler(config: Config, { logger = createLogger(config.logLevel), onRequest }: HandlerOptions = {}): OnusHandler {
  const store = new Store(
    createDocumentClient({
      region: config.region,
      endpoint: config.dynamodbEndpoint,
      ...config.dynamodb,
    }),
    config.tableName,
  );
  const catalogue = new Catalogue();
  const authenticate = createAuthenticator(config.auth);
  const server = createApolloServer({ introspection: config.introspection, logger });

  const apollo = startServerAndCreateLambdaHandler(server, createV2RequestHandler(), {
    context: async ({ event, context }): Promise<GraphQLContext> => {
      try {
        const caller = await authenticate({
          authorizationHeader: header(event, 'authorization'),
          gatewayClaims: (event as EventWithAuthorizer).requestContext.authorizer?.jwt?.claims,
        });
        return { caller, requestId: context.awsRequestId, catalogue, store, loaders: createLoaders(store), clock: () => new Date(), newId: randomUUID, memo: new Map() };
      } catch (error) {
        if (error instanceof OnusError) {
          throw new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 401 } } });
        }
        throw error;
      }
    },
  });

  return async (event, context) => {
    const scope: RequestScope = { requestId: context.awsRequestId, operationName: null, errorCodes: [] };
    const meter = newMeter();
    const started = performance.now();
    let result: APIGatewayProxyStructuredResultV2;
    try {
      result = (await runInRequestScope(scope, () =>
        runWithMeter(meter, () => apollo(event, context, () => undefined)),
      )) as APIGatewayProxyStructuredResultV2;
    } catch (error) {
      logger.error('request failed outside GraphQL', { requestId: scope.requestId, error: error as Error });
      result = jsonErrorResult(500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side. It has been logged; quote the requestId when you report it.');
    }
    result.headers = { ...result.headers, 'x-request-id': scope.requestId };
    const summary: RequestSummary = {
      requestId: scope.requestId,
      operationName: scope.operationName,
      status: result.statusCode,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      dynamodbCalls: meter.calls,
      dynamodbReadUnits: meter.readUnits,
      dynamodbWriteUnits: meter.writeUnits,
      errorCodes: scope.errorCodes,
    };
    logger.info('request', { ...summary });
    onRequest?.(summary);
    return result;
  };
}

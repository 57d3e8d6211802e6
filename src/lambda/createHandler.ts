import { randomUUID } from 'node:crypto';
import { startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { GraphQLError } from 'graphql';
import { createAuthenticator } from '../auth/authenticate';
import { DEFAULT_REQUEST_LIMITS, type Config } from '../config';
import { Catalogue } from '../domain/catalogue/catalogue';
import { ErrorCode, OnusError } from '../domain/errors';
import type { GraphQLContext } from '../graphql/context';
import { createLogger, type Logger } from '../log';
import { createApolloServer } from '../server/apollo';
import { runInRequestScope, type RequestScope } from '../server/requestScope';
import { createDocumentClient } from '../store/client';
import { createLoaders } from '../store/loaders';
import { newMeter, runWithMeter } from '../store/metering';
import { Store } from '../store/store';
import { createV2RequestHandler, jsonErrorResult } from './httpEvents';
import { responseTooLarge } from './responseSize';

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
  /** Sequential DynamoDB round trips on the request's critical path (src/store/metering.ts, Meter.waves). */
  readonly dynamodbWaves: number;
  readonly errorCodes: readonly string[];
}

export interface HandlerOptions {
  readonly logger?: Logger;
  readonly onRequest?: (summary: RequestSummary) => void;
  /** What "now" is for the use cases; the wall clock unless a test fixes it (passed in, never patched). */
  readonly clock?: () => Date;
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
export function createLambdaHandler(
  config: Config,
  { logger = createLogger(config.logLevel), onRequest, clock = () => new Date() }: HandlerOptions = {},
): OnusHandler {
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
        return {
          caller,
          requestId: context.awsRequestId,
          catalogue,
          store,
          loaders: createLoaders(store, { callerOrganizationId: caller.organizationId }),
          clock,
          newId: randomUUID,
          memo: new Map(),
        };
      } catch (error) {
        if (error instanceof OnusError) {
          throw new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 401 } } });
        }
        throw error;
      }
    },
  });

  const limits = { ...DEFAULT_REQUEST_LIMITS, ...config.limits };

  return async (event, context) => {
    const scope: RequestScope = { requestId: context.awsRequestId, operationName: null, errorCodes: [] };
    // Time left before Lambda kills the invocation, less what answering and logging need.
    const remaining = context.getRemainingTimeInMillis?.();
    const timeLeft = typeof remaining === 'number' && Number.isFinite(remaining) ? Math.max(0, remaining - limits.timeoutReserveMs) : null;
    const meter = newMeter(limits.dynamodbCallsPerRequest, timeLeft === null ? Number.POSITIVE_INFINITY : Date.now() + timeLeft);
    const started = performance.now();
    let result: APIGatewayProxyStructuredResultV2;
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = runInRequestScope(scope, () =>
        runWithMeter(meter, () => apollo(event, context, () => undefined)),
      ) as Promise<APIGatewayProxyStructuredResultV2>;
      const outOfTime = new Promise<null>((resolve) => {
        if (timeLeft !== null) timer = setTimeout(() => resolve(null), timeLeft);
      });
      const answered = await Promise.race([work, outOfTime]);
      if (answered) result = answered;
      else {
        // Answer and log while there is still time; the work left behind starts no new DynamoDB call.
        work.catch(() => undefined);
        scope.timedOut = true;
        scope.errorCodes.push(ErrorCode.REQUEST_TIMED_OUT);
        result = jsonErrorResult(
          503,
          ErrorCode.REQUEST_TIMED_OUT,
          'The request ran out of time before it could finish. A change it was making may or may not have been saved: read the current state before retrying.',
          { 'retry-after': '1' },
        );
      }
    } catch (error) {
      logger.error('request failed outside GraphQL', { requestId: scope.requestId, error: error as Error });
      result = jsonErrorResult(500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side. It has been logged; quote the requestId when you report it.');
    } finally {
      clearTimeout(timer);
      // Answered: whatever is still running for this request may not reach DynamoDB any more.
      meter.deadline = 0;
    }
    if (responseTooLarge(result, limits.responseBytes)) {
      scope.errorCodes.push(ErrorCode.RESPONSE_TOO_LARGE);
      result = jsonErrorResult(
        400,
        ErrorCode.RESPONSE_TOO_LARGE,
        `The response would be larger than ${limits.responseBytes.toLocaleString('en-US')} bytes, the most one response may carry. Narrow the query (a filter, fewer fields) or page through lists with a smaller \`first\`.`,
      );
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
      dynamodbWaves: meter.waves,
      errorCodes: scope.errorCodes,
    };
    logger.info('request', { ...summary });
    onRequest?.(summary);
    return result;
  };
}

import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { print, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { Config } from '../src/config';
import { createLambdaHandler, type HandlerOptions, type OnusHandler } from '../src/lambda/createHandler';
import { createLogger } from '../src/log';
import { createLocalIssuer, type Identity, type LocalIssuer } from './tokens';

// Drives Onus the way API Gateway does: HTTP API (v2) events into the real Lambda handler, in this
// process. The tests use it, and so does the demo seed, so demo data goes through the same
// validation, transactions and audit trail as a vendor portal's calls.

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly json: any;
}

/** What Onus puts in an error's `extensions` (README, Errors). */
export interface ApiErrorExtensions {
  readonly code?: string;
  readonly problems?: readonly { readonly path: string; readonly message: string; readonly code?: string }[];
  readonly requestId?: string;
  readonly [key: string]: unknown;
}

export interface ApiError extends GraphQLFormattedError {
  readonly extensions?: ApiErrorExtensions;
}

/** The response to a typed document: `data` has the shape the operation selects. */
export interface GraphQLResult<TResult> extends Omit<HttpResult, 'json'> {
  readonly json: { readonly data?: TResult | null; readonly errors?: readonly ApiError[] };
}

/** Who calls: an identity (a token is issued for it), a raw token, or nobody (null). */
export type Caller = Identity | { token: string } | null;

export interface HttpRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly rawQueryString?: string;
}

export interface InProcessApi {
  readonly handler: OnusHandler;
  readonly issuer: LocalIssuer;
  readonly config: Config;
  /** POST a typed operation (a `graphql()` document from test/generated) as `identity` (or with a raw token, or anonymously with null). */
  graphql<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: NoInfer<TVariables>, as?: Caller): Promise<GraphQLResult<TResult>>;
  /** POST a GraphQL operation given as text, possibly malformed on purpose; the answer is untyped. */
  graphql(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<HttpResult>;
  http(request: HttpRequest): Promise<HttpResult>;
  token(identity: Identity): Promise<string>;
}

export function lambdaContext(requestId = randomUUID()): Context {
  return {
    awsRequestId: requestId,
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'onus-graphql',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:onus-graphql',
    memoryLimitInMB: '1024',
    logGroupName: '/aws/lambda/onus-graphql',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function v2Event(request: HttpRequest): APIGatewayProxyEventV2 {
  const method = request.method ?? 'POST';
  return {
    version: '2.0',
    routeKey: `${method} /graphql`,
    rawPath: '/graphql',
    rawQueryString: request.rawQueryString ?? '',
    headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'local',
      http: { method, path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'onus-in-process' },
      requestId: randomUUID(),
      routeKey: `${method} /graphql`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(request.body !== undefined ? { body: request.body } : {}),
    isBase64Encoded: false,
  };
}

/** An API on `tableName` at `endpoint`, trusting tokens of its own throwaway issuer. */
export async function createInProcessApi(
  endpoint: string,
  tableName: string,
  overrides: Partial<Config> = {},
  options: Omit<HandlerOptions, 'logger'> = {},
): Promise<InProcessApi> {
  const issuer = await createLocalIssuer('https://onus.in-process/', 'onus-in-process');
  const config: Config = {
    tableName,
    region: 'us-east-1',
    dynamodbEndpoint: endpoint,
    auth: { mode: 'verify', issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks },
    introspection: false,
    logLevel: 'SILENT',
    dynamodb: { maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 5000 },
    ...overrides,
  };
  const handler = createLambdaHandler(config, { ...options, logger: createLogger(config.logLevel) });
  const http: InProcessApi['http'] = async (request) => {
    const result = await handler(v2Event(request), lambdaContext());
    const text = result.body ?? '';
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      status: result.statusCode ?? 200,
      headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
      text,
      json,
    };
  };
  return {
    handler,
    issuer,
    config,
    http,
    token: (identity) => issuer.token(identity),
    async graphql(query: string | DocumentNode, variables: unknown = {}, as: Caller = null): Promise<HttpResult> {
      const token = as === null ? null : 'token' in as ? as.token : await issuer.token(as);
      return http({
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
      });
    },
  };
}

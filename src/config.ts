import type { JSONWebKeySet } from 'jose';

// Onus reads its environment once, here, at the edge (the Lambda handler or a local script) and
// passes a typed Config inward. Nothing below this file touches process.env.

export type AuthConfig =
  /** Deployed: API Gateway's JWT authorizer has verified the token; trust its claims. */
  | { readonly mode: 'gateway' }
  /** Everywhere else (serverless-offline verifies nothing): verify RS256 tokens against a key set. */
  | { readonly mode: 'verify'; readonly issuer: string; readonly audience: string; readonly jwks: JSONWebKeySet };

export interface Config {
  readonly tableName: string;
  readonly region: string;
  /** Only for DynamoDB Local; unset in AWS. */
  readonly dynamodbEndpoint: string | null;
  readonly auth: AuthConfig;
  /** Introspection on or off. Off in production: Lambda sets no NODE_ENV, so nothing defaults it. */
  readonly introspection: boolean;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  readonly dynamodb: {
    readonly maxAttempts: number;
    readonly connectionTimeoutMs: number;
    readonly requestTimeoutMs: number;
  };
  /** Work one request may do (README, "Limits"); defaults in DEFAULT_REQUEST_LIMITS. */
  readonly limits?: Partial<RequestLimits>;
}

export interface RequestLimits {
  /** DynamoDB calls one request may start; the next one is refused with REQUEST_TOO_EXPENSIVE. */
  readonly dynamodbCallsPerRequest: number;
  /** Bytes of the Lambda's response (its JSON, body escaped) past which the answer is RESPONSE_TOO_LARGE. */
  readonly responseBytes: number;
  /** Time kept back from the function's timeout to answer and log when a request runs out of time. */
  readonly timeoutReserveMs: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  // The heaviest real operation makes 7 calls (the demo seed's service list; startContractDraft 6);
  // a supply chain read 10 levels deep adds ~2 a level. 50 leaves room for all of it and stops fan-out.
  dynamodbCallsPerRequest: 50,
  // Lambda refuses a response over 6 MB (6,291,456 bytes) and the caller gets a bare 502.
  responseBytes: 5_000_000,
  timeoutReserveMs: 1000,
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`Environment variable ${name} is required (see the configuration table in README.md).`);
  return value;
}

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive whole number; got "${raw}".`);
  return value;
}

function authFrom(env: Env): AuthConfig {
  const mode = env.ONUS_AUTH_MODE?.trim() || 'gateway';
  if (mode === 'gateway') return { mode };
  if (mode !== 'verify') throw new ConfigError(`ONUS_AUTH_MODE must be "gateway" or "verify"; got "${mode}".`);
  let jwks: JSONWebKeySet;
  try {
    jwks = JSON.parse(required(env, 'ONUS_JWKS')) as JSONWebKeySet;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('ONUS_JWKS must be a JSON Web Key Set ({"keys":[...]}) holding the public keys tokens are signed with.');
  }
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new ConfigError('ONUS_JWKS holds no keys.');
  return { mode, issuer: required(env, 'ONUS_JWT_ISSUER'), audience: required(env, 'ONUS_JWT_AUDIENCE'), jwks };
}

export function configFromEnv(env: Env): Config {
  const logLevel = (env.ONUS_LOG_LEVEL?.trim().toUpperCase() || 'INFO') as Config['logLevel'];
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'].includes(logLevel)) {
    throw new ConfigError(`ONUS_LOG_LEVEL must be DEBUG, INFO, WARN, ERROR or SILENT; got "${env.ONUS_LOG_LEVEL}".`);
  }
  return {
    tableName: required(env, 'ONUS_TABLE_NAME'),
    region: env.AWS_REGION?.trim() || 'us-east-1',
    dynamodbEndpoint: env.ONUS_DYNAMODB_ENDPOINT?.trim() || null,
    auth: authFrom(env),
    introspection: env.ONUS_INTROSPECTION?.trim() === 'true',
    logLevel,
    dynamodb: {
      maxAttempts: integer(env, 'ONUS_DYNAMODB_MAX_ATTEMPTS', 3),
      connectionTimeoutMs: integer(env, 'ONUS_DYNAMODB_CONNECT_TIMEOUT_MS', 1000),
      // 3 attempts × 2 s (plus the SDK's backoff, well under a second) stay inside the function's 10 s.
      requestTimeoutMs: integer(env, 'ONUS_DYNAMODB_REQUEST_TIMEOUT_MS', 2000),
    },
    limits: { dynamodbCallsPerRequest: integer(env, 'ONUS_DYNAMODB_CALL_BUDGET', DEFAULT_REQUEST_LIMITS.dynamodbCallsPerRequest) },
  };
}

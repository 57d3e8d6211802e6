import type { JSONWebKeySet } from 'jose';

// Onus reads its environment once, here, at the edge (the Lambda handler or a local script) and
// passes a typed Config inward. Nothing below this file touches process.env.

/** The signature algorithms Onus accepts. Asymmetric only: an HMAC secret or `alg: none` can never verify a token. */
export const JWT_ALGORITHMS = ['RS256', 'ES256'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

export const DEFAULT_CLOCK_SKEW_SECONDS = 30;
/** Beyond five minutes a skew stops being clock drift and becomes a longer token lifetime. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** How a remote key set (the identity provider's JWKS URL) is fetched and kept (jose's createRemoteJWKSet). */
export interface RemoteKeySetOptions {
  /** A fetched key set is used for this long before the next token makes Onus fetch it again. */
  readonly cacheMaxAgeMs: number;
  /** After a fetch, a token whose key id is unknown waits this long before it may cause another fetch. */
  readonly cooldownMs: number;
  /** A fetch taking longer fails (the function has 10 s for everything). */
  readonly timeoutMs: number;
}

export const DEFAULT_REMOTE_KEY_SET: RemoteKeySetOptions = { cacheMaxAgeMs: 600_000, cooldownMs: 30_000, timeoutMs: 2000 };

/** Where the public keys that sign tokens come from: a key set given inline, or the identity provider's JWKS URL. */
export type KeySource =
  { readonly jwks: JSONWebKeySet; readonly jwksUrl?: never } | { readonly jwksUrl: string; readonly jwks?: never; readonly remote?: RemoteKeySetOptions };

export type VerifyAuthConfig = {
  readonly mode: 'verify';
  /** Expected `iss` (required). */
  readonly issuer: string;
  /** Expected `aud` (required). */
  readonly audience: string;
  /** Accepted signature algorithms; every one of JWT_ALGORITHMS unless narrowed. */
  readonly algorithms?: readonly JwtAlgorithm[];
  /** Tolerance on `exp` and `nbf` for clocks that disagree; DEFAULT_CLOCK_SKEW_SECONDS unless set. */
  readonly clockSkewSeconds?: number;
} & KeySource;

/** What applies to a caller whichever way its token was verified. */
export interface CallerRestrictions {
  /**
   * Clients (the token's `client_id`, else `azp`) that may send only the trusted documents registered
   * with Onus (src/server/trusted-documents.json), e.g. a vendor portal locking its API surface.
   * Tokens of other clients are unaffected. Left out: none.
   */
  readonly trustedDocumentsOnlyClients?: readonly string[];
}

export type AuthConfig = CallerRestrictions &
  (
    | /** Deployed: API Gateway's JWT authorizer has verified the token; trust its claims. */
      { readonly mode: 'gateway' }
      /** Everywhere else (serverless-offline verifies nothing), or by choice: verify tokens against a key set. */
    | VerifyAuthConfig
  );

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

function wholeNumber(env: Env, name: string, fallback: number, { min, max }: { min: number; max: number }): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

function jwksUrlFrom(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`ONUS_JWKS_URL must be the identity provider's JWKS URL (https://…/.well-known/jwks.json); got "${raw}".`);
  }
  // Keys fetched over plain HTTP could be swapped on the way; only a key server on this machine may use it.
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(`ONUS_JWKS_URL must use https (plain http only for 127.0.0.1 or localhost); got "${raw}".`);
  }
  return url.toString();
}

function algorithmsFrom(env: Env): readonly JwtAlgorithm[] {
  const raw = env.ONUS_JWT_ALGORITHMS?.trim();
  if (!raw) return JWT_ALGORITHMS;
  const names = raw.split(/[\s,]+/).filter(Boolean);
  const refused = names.filter((n) => !(JWT_ALGORITHMS as readonly string[]).includes(n));
  if (refused.length > 0 || names.length === 0) {
    throw new ConfigError(`ONUS_JWT_ALGORITHMS may list only ${JWT_ALGORITHMS.join(' and ')} (comma-separated); got "${raw}".`);
  }
  return [...new Set(names)] as JwtAlgorithm[];
}

function keySourceFrom(env: Env): KeySource {
  const inline = env.ONUS_JWKS?.trim();
  const url = env.ONUS_JWKS_URL?.trim();
  if (inline && url) throw new ConfigError('Set one of ONUS_JWKS (a key set) and ONUS_JWKS_URL (where to fetch it), not both.');
  if (url) {
    return {
      jwksUrl: jwksUrlFrom(url),
      remote: {
        cacheMaxAgeMs: wholeNumber(env, 'ONUS_JWKS_CACHE_SECONDS', DEFAULT_REMOTE_KEY_SET.cacheMaxAgeMs / 1000, { min: 1, max: 86_400 }) * 1000,
        cooldownMs: wholeNumber(env, 'ONUS_JWKS_COOLDOWN_SECONDS', DEFAULT_REMOTE_KEY_SET.cooldownMs / 1000, { min: 0, max: 3600 }) * 1000,
        timeoutMs: wholeNumber(env, 'ONUS_JWKS_TIMEOUT_MS', DEFAULT_REMOTE_KEY_SET.timeoutMs, { min: 100, max: 5000 }),
      },
    };
  }
  if (!inline) {
    throw new ConfigError(
      "ONUS_AUTH_MODE=verify needs the public keys tokens are signed with: set ONUS_JWKS_URL (the identity provider's JWKS URL) or ONUS_JWKS (a JSON Web Key Set).",
    );
  }
  let jwks: JSONWebKeySet;
  try {
    jwks = JSON.parse(inline) as JSONWebKeySet;
  } catch {
    throw new ConfigError('ONUS_JWKS must be a JSON Web Key Set ({"keys":[...]}) holding the public keys tokens are signed with.');
  }
  if (!Array.isArray(jwks?.keys) || jwks.keys.length === 0) throw new ConfigError('ONUS_JWKS holds no keys.');
  return { jwks };
}

/** A client id as identity providers issue them (OAuth client ids, Cognito app client ids, Auth0 client ids). */
const CLIENT_ID = /^[A-Za-z0-9._:@/-]{1,128}$/;

function restrictionsFrom(env: Env): CallerRestrictions {
  const raw = env.ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS?.trim();
  if (!raw) return {};
  const clients = raw.split(/[\s,]+/).filter(Boolean);
  const refused = clients.filter((c) => !CLIENT_ID.test(c));
  if (refused.length > 0) {
    throw new ConfigError(
      `ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS must list client ids (the tokens' client_id or azp claim), comma-separated; "${refused[0]}" is not one.`,
    );
  }
  return { trustedDocumentsOnlyClients: [...new Set(clients)] };
}

function authFrom(env: Env): AuthConfig {
  const mode = env.ONUS_AUTH_MODE?.trim() || 'gateway';
  const restrictions = restrictionsFrom(env);
  if (mode === 'gateway') return { mode, ...restrictions };
  if (mode !== 'verify') throw new ConfigError(`ONUS_AUTH_MODE must be "gateway" or "verify"; got "${mode}".`);
  const keys = keySourceFrom(env);
  return {
    ...restrictions,
    mode,
    issuer: required(env, 'ONUS_JWT_ISSUER'),
    audience: required(env, 'ONUS_JWT_AUDIENCE'),
    algorithms: algorithmsFrom(env),
    clockSkewSeconds: wholeNumber(env, 'ONUS_JWT_CLOCK_SKEW_SECONDS', DEFAULT_CLOCK_SKEW_SECONDS, { min: 0, max: MAX_CLOCK_SKEW_SECONDS }),
    ...keys,
  };
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

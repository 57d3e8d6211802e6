import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_REMOTE_KEY_SET, JWT_ALGORITHMS, type AuthConfig, type VerifyAuthConfig } from '../config';
import type { Caller } from '../domain/identity/caller';
import { unauthenticated } from '../domain/errors';
import { callerFromClaims } from './claims';
import { restrictCaller } from './restrictions';

export interface AuthRequest {
  readonly authorizationHeader: string | undefined;
  /** Claims API Gateway's JWT authorizer attached to the event, when deployed. */
  readonly gatewayClaims: Readonly<Record<string, unknown>> | undefined;
}

export type Authenticate = (request: AuthRequest) => Promise<Caller>;

const SIGN_IN = 'Send "Authorization: Bearer <token>" with a token from your identity provider.';

export function createAuthenticator(config: AuthConfig): Authenticate {
  const trustedDocumentsOnly = new Set(config.trustedDocumentsOnlyClients ?? []);
  if (config.mode === 'gateway') {
    return async ({ gatewayClaims }) => {
      // Behind the authorizer, a request without claims never reaches us; if one does, the route is
      // misconfigured and we refuse rather than guess.
      const caller = gatewayClaims && callerFromClaims(gatewayClaims);
      if (!caller) throw unauthenticated(`No verified identity came with this request. ${SIGN_IN}`);
      return restrictCaller(caller, gatewayClaims, trustedDocumentsOnly);
    };
  }
  const keys = keyResolver(config);
  const algorithms = [...(config.algorithms ?? JWT_ALGORITHMS)];
  const clockTolerance = config.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  return async ({ authorizationHeader }) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader ?? '');
    if (!match?.[1]) throw unauthenticated(`Authentication required. ${SIGN_IN}`);
    try {
      // jose checks the signature with a key the set selects by `kid` and `alg`, refuses any algorithm
      // not listed (HS256, `alg: none`…), and checks `exp` and `nbf` with the clock tolerance.
      const { payload } = await jwtVerify(match[1], keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms,
        clockTolerance,
        requiredClaims: ['sub', 'exp', 'iss', 'aud'],
      });
      const caller = callerFromClaims(payload);
      if (!caller) throw unauthenticated(`The token has no subject. ${SIGN_IN}`);
      return restrictCaller(caller, payload, trustedDocumentsOnly);
    } catch (error) {
      throw refusal(error);
    }
  };
}

/** The key set: inline, or the identity provider's, fetched and cached (refetched for an unknown `kid`, at most once a cooldown). */
function keyResolver(config: VerifyAuthConfig): JWTVerifyGetKey {
  if (config.jwks) return createLocalJWKSet(config.jwks);
  const remote = config.remote ?? DEFAULT_REMOTE_KEY_SET;
  const keySet = createRemoteJWKSet(new URL(config.jwksUrl), {
    cacheMaxAge: remote.cacheMaxAgeMs,
    cooldownDuration: remote.cooldownMs,
    timeoutDuration: remote.timeoutMs,
  });
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      // The token's fault: no published key fits it. Anything else is the key set that could not be had.
      if (
        error instanceof joseErrors.JWKSNoMatchingKey ||
        error instanceof joseErrors.JWKSMultipleMatchingKeys ||
        error instanceof joseErrors.JOSENotSupported
      ) {
        throw error;
      }
      throw new KeySetUnavailable(error);
    }
  };
}

/** The identity provider's key set could not be fetched (no answer, not 200, not a key set, too slow). */
class KeySetUnavailable extends Error {
  override readonly name = 'KeySetUnavailable';
  constructor(cause: unknown) {
    super("The identity provider's key set could not be fetched", { cause });
  }
}

function refusal(error: unknown): unknown {
  if (error instanceof joseErrors.JWTExpired) return unauthenticated('The token has expired; get a new one and retry.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return unauthenticated('The token is not valid yet (its "nbf" is in the future); check the clock of whoever issued it.');
    return unauthenticated(`The token was not issued for Onus (claim "${error.claim}" ${error.reason}).`);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return unauthenticated(`The token could not be verified: it is signed with an algorithm Onus does not accept ("alg"). ${SIGN_IN}`);
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return unauthenticated(`The token could not be verified: its key ("kid") is not one the identity provider publishes. ${SIGN_IN}`);
  }
  if (error instanceof KeySetUnavailable) {
    return unauthenticated("The identity provider's keys could not be fetched to verify the token; retry shortly.");
  }
  if (error instanceof joseErrors.JOSEError) return unauthenticated(`The token could not be verified. ${SIGN_IN}`);
  return error;
}

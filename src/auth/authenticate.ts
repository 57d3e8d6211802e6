import { createLocalJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { AuthConfig } from '../config';
import type { Caller } from '../domain/identity/caller';
import { unauthenticated } from '../domain/errors';
import { callerFromClaims } from './claims';

export interface AuthRequest {
  readonly authorizationHeader: string | undefined;
  /** Claims API Gateway's JWT authorizer attached to the event, when deployed. */
  readonly gatewayClaims: Readonly<Record<string, unknown>> | undefined;
}

export type Authenticate = (request: AuthRequest) => Promise<Caller>;

const SIGN_IN = 'Send "Authorization: Bearer <token>" with a token from your identity provider.';

export function createAuthenticator(config: AuthConfig): Authenticate {
  if (config.mode === 'gateway') {
    return async ({ gatewayClaims }) => {
      // Behind the authorizer, a request without claims never reaches us; if one does, the route is
      // misconfigured and we refuse rather than guess.
      const caller = gatewayClaims && callerFromClaims(gatewayClaims);
      if (!caller) throw unauthenticated(`No verified identity came with this request. ${SIGN_IN}`);
      return caller;
    };
  }
  const keys = createLocalJWKSet(config.jwks);
  return async ({ authorizationHeader }) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader ?? '');
    if (!match?.[1]) throw unauthenticated(`Authentication required. ${SIGN_IN}`);
    try {
      const { payload } = await jwtVerify(match[1], keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: ['RS256'],
        requiredClaims: ['sub', 'exp'],
      });
      const caller = callerFromClaims(payload);
      if (!caller) throw unauthenticated(`The token has no subject. ${SIGN_IN}`);
      return caller;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired; get a new one and retry.');
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        throw unauthenticated(`The token was not issued for Onus (claim "${error.claim}" ${error.reason}).`);
      }
      if (error instanceof joseErrors.JOSEError) throw unauthenticated(`The token could not be verified. ${SIGN_IN}`);
      throw error;
    }
  };
}

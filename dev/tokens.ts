import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import type { Role } from '../src/domain/identity/caller';

// A local stand-in for an identity provider: an RS256 key pair and tokens with Onus's claims.
// Used by npm start (demo tokens) and by the tests; never by the deployed function, which trusts
// API Gateway's authorizer.

export interface Identity {
  readonly subject: string;
  readonly organizationId: string | null;
  readonly roles: readonly Role[];
  readonly name?: string;
  readonly email?: string;
}

export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly jwks: JSONWebKeySet;
  readonly privateJwk: JWK;
  token(identity: Identity, options?: { expiresIn?: string | number; issuer?: string; audience?: string }): Promise<string>;
}

export async function createLocalIssuer(issuer: string, audience: string, privateJwk?: JWK): Promise<LocalIssuer> {
  let jwk = privateJwk;
  if (!jwk) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    jwk = { ...(await exportJWK(privateKey)), kid: `onus-local-${Date.now().toString(36)}`, alg: 'RS256', use: 'sig' };
  }
  const signingJwk = jwk;
  // The public half: everything but the private RSA parameters.
  const publicJwk: JWK = { kty: jwk.kty, n: jwk.n, e: jwk.e, kid: jwk.kid, alg: 'RS256', use: 'sig' };
  const key = await importJWK(jwk, 'RS256');
  return {
    issuer,
    audience,
    jwks: { keys: [publicJwk] },
    privateJwk: signingJwk,
    async token(identity, options = {}) {
      const claims: Record<string, unknown> = { roles: [...identity.roles] };
      if (identity.organizationId) claims.org_id = identity.organizationId;
      if (identity.name) claims.name = identity.name;
      if (identity.email) claims.email = identity.email;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid ?? 'onus-local' })
        .setSubject(identity.subject)
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '12h')
        .sign(key);
    },
  };
}

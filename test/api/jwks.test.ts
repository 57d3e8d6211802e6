// Verify mode against a real identity provider's key set: keys fetched from a JWKS URL (served here
// by a local HTTP server on 127.0.0.1), cached, rotated; nbf and clock skew; algorithms pinned.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import type { AuthConfig, Config } from '../../src/config';
import { createLambdaHandler } from '../../src/lambda/createHandler';
import { createTestApi, lambdaContext, v2Event } from '../helpers/api';

const ISSUER = 'https://idp.test.example/';
const AUDIENCE = 'onus-jwks-test';
const ME = JSON.stringify({ query: '{ me { subject roles } }' });

interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

async function signingKey(kid: string, alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

interface TokenOptions {
  readonly subject?: string;
  readonly notBefore?: number;
  readonly kid?: string;
}

async function token(key: SigningKey, { subject = 'erin', notBefore, kid = key.kid }: TokenOptions = {}): Promise<string> {
  const jwt = new SignJWT({ roles: ['AUDITOR'] })
    .setProtectedHeader({ alg: key.alg, kid })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('10m');
  if (notBefore !== undefined) jwt.setNotBefore(notBefore);
  return jwt.sign(key.privateKey);
}

/** The identity provider's JWKS endpoint: serves whatever key set it holds now, and counts the fetches. */
class KeyServer {
  keys: JSONWebKeySet = { keys: [] };
  fetches = 0;
  private readonly server: Server = createServer((_request, response) => {
    this.fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.keys));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  publish(...keys: SigningKey[]): void {
    this.keys = { keys: keys.map((k) => k.publicJwk) };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('verify mode with the identity provider’s JWKS URL', () => {
  let base: Config;
  let keyServer: KeyServer;
  let jwksUrl: string;
  let rsa: SigningKey;
  let ec: SigningKey;

  beforeAll(async () => {
    base = (await createTestApi()).config;
    keyServer = new KeyServer();
    jwksUrl = await keyServer.start();
    [rsa, ec] = await Promise.all([signingKey('rsa-2026-1', 'RS256'), signingKey('ec-2026-1', 'ES256')]);
  });

  afterAll(async () => {
    await keyServer.stop();
  });

  /** The real handler, verifying tokens itself against the key server. */
  function onus(auth: Partial<Extract<AuthConfig, { mode: 'verify' }>> = {}) {
    const handler = createLambdaHandler({
      ...base,
      logLevel: 'SILENT',
      auth: {
        mode: 'verify',
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksUrl,
        remote: { cacheMaxAgeMs: 600_000, cooldownMs: 0, timeoutMs: 1000 },
        ...auth,
      } as AuthConfig,
    });
    return async (bearer: string) => {
      const result = await handler(v2Event({ headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: ME }), lambdaContext());
      const json = JSON.parse(result.body!) as { data?: { me: { subject: string } }; errors?: Array<{ message: string; extensions: { code: string } }> };
      return { status: result.statusCode, json };
    };
  }

  const expectRefused = (result: Awaited<ReturnType<ReturnType<typeof onus>>>, message: RegExp) => {
    expect(result.status).toBe(401);
    expect(result.json.data).toBeUndefined();
    expect(result.json.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(result.json.errors![0]!.message).toMatch(message);
  };

  it('accepts RS256 and ES256 tokens signed with published keys, fetching the key set once and caching it', async () => {
    keyServer.publish(rsa, ec);
    const fetchesBefore = keyServer.fetches;
    const call = onus();
    for (const key of [rsa, ec, rsa, ec]) {
      const result = await call(await token(key, { subject: `user-of-${key.kid}` }));
      expect(result.status).toBe(200);
      expect(result.json).toEqual({ data: { me: { subject: `user-of-${key.kid}`, roles: ['AUDITOR'] } } });
    }
    expect(keyServer.fetches - fetchesBefore).toBe(1);
  });

  it('follows a key rotation: a token signed with the new key is accepted once the JWKS changes, the retired key and an unknown kid are refused', async () => {
    keyServer.publish(rsa);
    const call = onus();
    expect((await call(await token(rsa))).status).toBe(200);

    const next = await signingKey('rsa-2026-2', 'RS256');
    keyServer.publish(next);
    const fetchesBefore = keyServer.fetches;
    const rotated = await call(await token(next, { subject: 'after-rotation' }));
    expect(rotated.status).toBe(200);
    expect(rotated.json.data?.me.subject).toBe('after-rotation');
    expect(keyServer.fetches - fetchesBefore).toBe(1);

    expectRefused(await call(await token(rsa)), /"kid"/);
    const stranger = await signingKey('rsa-unknown', 'RS256');
    expectRefused(await call(await token(stranger)), /could not be verified: its key \("kid"\) is not one the identity provider publishes/);
    // A token naming a published kid but signed with another key fails the signature.
    expectRefused(await call(await token(stranger, { kid: next.kid })), /could not be verified/);
  });

  it('asks the identity provider again for an unknown kid at most once per cooldown', async () => {
    keyServer.publish(rsa);
    const call = onus({ remote: { cacheMaxAgeMs: 600_000, cooldownMs: 60_000, timeoutMs: 1000 } });
    expect((await call(await token(rsa))).status).toBe(200);
    const fetchesBefore = keyServer.fetches;
    for (let i = 0; i < 5; i++) {
      const unknown = await signingKey(`made-up-${i}`, 'RS256');
      expectRefused(await call(await token(unknown)), /"kid"/);
    }
    expect(keyServer.fetches - fetchesBefore).toBeLessThanOrEqual(1);
  });

  it('refuses a token not valid yet (nbf beyond the clock skew), and accepts one within it', async () => {
    keyServer.publish(rsa);
    const now = Math.floor(Date.now() / 1000);
    const call = onus({ clockSkewSeconds: 30 });
    expectRefused(await call(await token(rsa, { notBefore: now + 120 })), /not valid yet/);
    expect((await call(await token(rsa, { notBefore: now + 10 }))).status).toBe(200);
    const strict = onus({ clockSkewSeconds: 0 });
    expectRefused(await strict(await token(rsa, { notBefore: now + 10 })), /not valid yet/);
  });

  it('refuses HS256 (even keyed with the public key), alg "none", and an algorithm left out of the configured list', async () => {
    keyServer.publish(rsa, ec);
    const call = onus();
    const claims = { roles: ['PLATFORM_ADMIN'] };
    const secret = new TextEncoder().encode(JSON.stringify(rsa.publicJwk));
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
      .setSubject('mallory')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .sign(secret);
    expectRefused(await call(hs256), /could not be verified/);

    const none = new UnsecuredJWT(claims).setSubject('mallory').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('10m').encode();
    expectRefused(await call(none), /could not be verified/);

    const rsaOnly = onus({ algorithms: ['RS256'] });
    expect((await rsaOnly(await token(rsa))).status).toBe(200);
    expectRefused(await rsaOnly(await token(ec)), /algorithm Onus does not accept/);
  });

  it("says the keys could not be fetched when the identity provider's JWKS URL does not answer", async () => {
    const gone = new KeyServer();
    const url = await gone.start();
    await gone.stop();
    const call = onus({ jwksUrl: url });
    expectRefused(await call(await token(rsa)), /keys could not be fetched/);
  });
});

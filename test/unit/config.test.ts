import { configFromEnv, ConfigError, type AuthConfig } from '../../src/config';

describe('configuration read from the environment', () => {
  it('defaults to production behaviour: gateway auth, no introspection', () => {
    const config = configFromEnv({ ONUS_TABLE_NAME: 'onus-prod' });
    expect(config.auth).toEqual({ mode: 'gateway' });
    expect(config.introspection).toBe(false);
    expect(config.dynamodbEndpoint).toBeNull();
    expect(config.dynamodb.maxAttempts).toBe(3);
  });

  it('needs a key set, issuer and audience to verify tokens itself', () => {
    expect(() => configFromEnv({ ONUS_TABLE_NAME: 't', ONUS_AUTH_MODE: 'verify' })).toThrow(/ONUS_JWKS/);
    expect(() => configFromEnv({ ONUS_TABLE_NAME: 't', ONUS_AUTH_MODE: 'verify', ONUS_JWKS: 'nope' })).toThrow(ConfigError);
    const config = configFromEnv({
      ONUS_TABLE_NAME: 't',
      ONUS_AUTH_MODE: 'verify',
      ONUS_JWKS: JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] }),
      ONUS_JWT_ISSUER: 'https://issuer/',
      ONUS_JWT_AUDIENCE: 'onus',
    });
    expect(config.auth).toMatchObject({ mode: 'verify', issuer: 'https://issuer/', audience: 'onus' });
  });

  it('says which variable is wrong and how', () => {
    expect(() => configFromEnv({})).toThrow(/ONUS_TABLE_NAME is required/);
    expect(() => configFromEnv({ ONUS_TABLE_NAME: 't', ONUS_AUTH_MODE: 'trust-me' })).toThrow(/"gateway" or "verify"/);
    expect(() => configFromEnv({ ONUS_TABLE_NAME: 't', ONUS_DYNAMODB_MAX_ATTEMPTS: '0' })).toThrow(/positive whole number/);
  });

  describe('verify mode for a real identity provider', () => {
    const base = { ONUS_TABLE_NAME: 't', ONUS_AUTH_MODE: 'verify', ONUS_JWT_ISSUER: 'https://idp.example/', ONUS_JWT_AUDIENCE: 'onus' };
    const jwks = JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] });
    const url = 'https://idp.example/.well-known/jwks.json';
    const auth = (env: Record<string, string>): AuthConfig => configFromEnv({ ...base, ...env }).auth;

    it('fetches keys from ONUS_JWKS_URL with a cache, a cooldown and a timeout (defaults 10 min, 30 s, 2 s)', () => {
      expect(auth({ ONUS_JWKS_URL: url })).toEqual({
        mode: 'verify',
        issuer: 'https://idp.example/',
        audience: 'onus',
        algorithms: ['RS256', 'ES256'],
        clockSkewSeconds: 30,
        jwksUrl: url,
        remote: { cacheMaxAgeMs: 600_000, cooldownMs: 30_000, timeoutMs: 2000 },
      });
      expect(auth({ ONUS_JWKS_URL: url, ONUS_JWKS_CACHE_SECONDS: '60', ONUS_JWKS_COOLDOWN_SECONDS: '0', ONUS_JWKS_TIMEOUT_MS: '500' })).toMatchObject({
        remote: { cacheMaxAgeMs: 60_000, cooldownMs: 0, timeoutMs: 500 },
      });
    });

    it('takes one key source, never both, and says what to set when there is none', () => {
      expect(() => auth({ ONUS_JWKS_URL: url, ONUS_JWKS: jwks })).toThrow(/one of ONUS_JWKS .* and ONUS_JWKS_URL/);
      expect(() => auth({})).toThrow(/set ONUS_JWKS_URL .* or ONUS_JWKS/);
      expect(auth({ ONUS_JWKS: jwks })).toMatchObject({ jwks: JSON.parse(jwks) });
      expect(() => auth({ ONUS_JWKS: '{"keys":[]}' })).toThrow(/holds no keys/);
    });

    it('fetches keys over https only (plain http just for a key server on this machine)', () => {
      expect(() => auth({ ONUS_JWKS_URL: 'http://idp.example/jwks.json' })).toThrow(/ONUS_JWKS_URL must use https/);
      expect(() => auth({ ONUS_JWKS_URL: 'idp.example/jwks.json' })).toThrow(/ONUS_JWKS_URL must be the identity provider's JWKS URL/);
      expect(auth({ ONUS_JWKS_URL: 'http://127.0.0.1:8080/jwks.json' })).toMatchObject({ jwksUrl: 'http://127.0.0.1:8080/jwks.json' });
    });

    it('requires the issuer and the audience', () => {
      expect(() => configFromEnv({ ONUS_TABLE_NAME: 't', ONUS_AUTH_MODE: 'verify', ONUS_JWKS_URL: url, ONUS_JWT_AUDIENCE: 'onus' })).toThrow(
        /ONUS_JWT_ISSUER is required/,
      );
      expect(() => configFromEnv({ ONUS_TABLE_NAME: 't', ONUS_AUTH_MODE: 'verify', ONUS_JWKS_URL: url, ONUS_JWT_ISSUER: 'https://i/' })).toThrow(
        /ONUS_JWT_AUDIENCE is required/,
      );
    });

    it('pins the algorithms to RS256 and ES256, narrowed with ONUS_JWT_ALGORITHMS, never widened', () => {
      expect(auth({ ONUS_JWKS_URL: url, ONUS_JWT_ALGORITHMS: 'ES256' })).toMatchObject({ algorithms: ['ES256'] });
      expect(auth({ ONUS_JWKS_URL: url, ONUS_JWT_ALGORITHMS: 'RS256, ES256' })).toMatchObject({ algorithms: ['RS256', 'ES256'] });
      for (const refused of ['HS256', 'none', 'RS256,HS256', 'PS256', ',']) {
        expect(() => auth({ ONUS_JWKS_URL: url, ONUS_JWT_ALGORITHMS: refused })).toThrow(/ONUS_JWT_ALGORITHMS may list only RS256 and ES256/);
      }
    });

    it('tolerates clock skew of 30 s by default, configurable from 0 to 300 s', () => {
      expect(auth({ ONUS_JWKS_URL: url, ONUS_JWT_CLOCK_SKEW_SECONDS: '0' })).toMatchObject({ clockSkewSeconds: 0 });
      expect(auth({ ONUS_JWKS_URL: url, ONUS_JWT_CLOCK_SKEW_SECONDS: '300' })).toMatchObject({ clockSkewSeconds: 300 });
      for (const refused of ['301', '-1', '1.5', 'soon']) {
        expect(() => auth({ ONUS_JWKS_URL: url, ONUS_JWT_CLOCK_SKEW_SECONDS: refused })).toThrow(
          /ONUS_JWT_CLOCK_SKEW_SECONDS must be a whole number from 0 to 300/,
        );
      }
    });
  });

  it('locks the clients named in ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS to trusted documents, in either mode', () => {
    expect(configFromEnv({ ONUS_TABLE_NAME: 't', ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS: 'vendor-portal, 4f1c2d@clients' }).auth).toEqual({
      mode: 'gateway',
      trustedDocumentsOnlyClients: ['vendor-portal', '4f1c2d@clients'],
    });
    expect(
      configFromEnv({
        ONUS_TABLE_NAME: 't',
        ONUS_AUTH_MODE: 'verify',
        ONUS_JWKS_URL: 'https://idp.example/jwks.json',
        ONUS_JWT_ISSUER: 'https://idp.example/',
        ONUS_JWT_AUDIENCE: 'onus',
        ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS: 'vendor-portal',
      }).auth,
    ).toMatchObject({ mode: 'verify', trustedDocumentsOnlyClients: ['vendor-portal'] });
    expect(configFromEnv({ ONUS_TABLE_NAME: 't', ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS: ' ' }).auth).toEqual({ mode: 'gateway' });
    expect(() => configFromEnv({ ONUS_TABLE_NAME: 't', ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS: 'portal;drop' })).toThrow(
      /ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS must list client ids .* "portal;drop" is not one/,
    );
  });
});

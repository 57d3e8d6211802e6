import { configFromEnv, ConfigError } from '../../src/config';

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
});

import { print } from 'graphql';
import type { ApiError } from '../../dev/inProcessApi';
import { createLocalIssuer } from '../../dev/tokens';
import { createLambdaHandler } from '../../src/lambda/createHandler';
import { graphql } from '../generated';
import { createTestApi, lambdaContext, v2Event, type TestApi } from '../helpers/api';
import { firstError } from '../helpers/results';
import { createOrganization } from '../helpers/world';

const Me = graphql(`
  query Me {
    me {
      subject
      name
      roles
      organization {
        id
        name
      }
    }
  }
`);

describe('authentication', () => {
  let api: TestApi;
  let orgId: string;

  beforeAll(async () => {
    api = await createTestApi();
    orgId = await createOrganization(api, 'Nimbus Cloud', ['PROVIDER']);
  });

  const expectUnauthenticated = (result: { status: number; json: { data?: unknown; errors?: readonly ApiError[] } }, message: RegExp) => {
    expect(result.status).toBe(401);
    expect(result.json.data).toBeUndefined();
    expect(result.json.errors).toHaveLength(1);
    expect(firstError(result).extensions.code).toBe('UNAUTHENTICATED');
    expect(firstError(result).message).toMatch(message);
  };

  it('answers `me` with the caller, their roles and their organization', async () => {
    const result = await api.graphql(Me, {}, { subject: 'alice', organizationId: orgId, roles: ['PROVIDER_ADMIN', 'AUDITOR'], name: 'Alice' });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      data: { me: { subject: 'alice', name: 'Alice', roles: ['PROVIDER_ADMIN', 'AUDITOR'], organization: { id: orgId, name: 'Nimbus Cloud' } } },
    });
  });

  it('refuses a request without a token', async () => {
    expectUnauthenticated(await api.graphql(Me, {}), /Authorization: Bearer/);
  });

  it('refuses a token signed by another key (forged)', async () => {
    const forger = await createLocalIssuer(api.issuer.issuer, api.issuer.audience);
    const token = await forger.token({ subject: 'mallory', organizationId: orgId, roles: ['PLATFORM_ADMIN'] });
    expectUnauthenticated(await api.graphql(Me, {}, { token }), /could not be verified/);
  });

  it('refuses an expired token and says to get a new one', async () => {
    const token = await api.issuer.token({ subject: 'bob', organizationId: orgId, roles: ['AUDITOR'] }, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    expectUnauthenticated(await api.graphql(Me, {}, { token }), /expired/);
  });

  it('refuses tokens issued for another audience or by another issuer', async () => {
    const identity = { subject: 'carol', organizationId: orgId, roles: ['AUDITOR'] as const };
    expectUnauthenticated(
      await api.graphql(Me, {}, { token: await api.issuer.token({ ...identity, roles: [...identity.roles] }, { audience: 'someone-else' }) }),
      /aud/,
    );
    expectUnauthenticated(
      await api.graphql(Me, {}, { token: await api.issuer.token({ ...identity, roles: [...identity.roles] }, { issuer: 'https://evil.example/' }) }),
      /iss/,
    );
  });

  it('refuses garbage in the Authorization header', async () => {
    expectUnauthenticated(await api.graphql(Me, {}, { token: 'not.a.jwt' }), /could not be verified/);
    const result = await api.http({
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify({ query: print(Me) }),
    });
    expectUnauthenticated(result, /Bearer/);
  });

  it('deployed behind API Gateway, trusts the authorizer claims it delivers as strings', async () => {
    const gateway = createLambdaHandler({ ...api.config, auth: { mode: 'gateway' } });
    const event = v2Event({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: print(Me) }) });
    (event.requestContext as unknown as Record<string, unknown>).authorizer = {
      jwt: { claims: { sub: 'dave', org_id: orgId, roles: '[CUSTOMER_ADMIN MONITOR]' }, scopes: null },
    };
    const result = await gateway(event, lambdaContext());
    expect(JSON.parse(result.body!)).toEqual({
      data: { me: { subject: 'dave', name: null, roles: ['CUSTOMER_ADMIN', 'MONITOR'], organization: { id: orgId, name: 'Nimbus Cloud' } } },
    });
    const anonymous = await gateway(v2Event({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: print(Me) }) }), lambdaContext());
    expect(anonymous.statusCode).toBe(401);
  });
});

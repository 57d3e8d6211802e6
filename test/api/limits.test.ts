import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../src/config';
import type { RequestSummary } from '../../src/lambda/createHandler';
import { createInProcessApi, type InProcessApi } from '../../dev/inProcessApi';
import { graphql } from '../generated';
import { lambdaContext, platformAdmin, v2Event } from '../helpers/api';
import { freshTable } from '../helpers/localDatabase';
import { captureLogs, requestLines } from '../helpers/logs';
import { dataOf } from '../helpers/results';
import { createOrganization, createService, providerAdmin, startDraft, uniqueName } from '../helpers/world';

// What a hostile (or careless) client with a valid token can send, and what it gets back: a client
// error with a stable code, refused before the work it asks for, never an internal error.

interface Probe {
  readonly api: InProcessApi;
  /** The log-line summaries of every request the API served, in order. */
  readonly summaries: RequestSummary[];
}

async function probeApi(overrides: Partial<Config> = {}): Promise<Probe> {
  const { endpoint, tableName } = await freshTable('limits');
  const summaries: RequestSummary[] = [];
  const api = await createInProcessApi(endpoint, tableName, overrides, { onRequest: (s) => summaries.push(s) });
  return { api, summaries };
}

const reader = { subject: 'reader', organizationId: 'org-reader', roles: ['AUDITOR' as const] };

/** framework → clauses → objectives → controls → clause → objectives … `times` times. */
function catalogueCycle(times: number): string {
  let inner = 'number';
  for (let i = 0; i < times; i++) inner = `objectives { controls { id clause { ${inner} } } }`;
  return `{ framework { clauses { ${inner} } } }`;
}

const ServiceDrafts = graphql(`
  query ServiceDrafts($p: ID!) {
    cloudServices(filter: { providerOrganizationId: $p }) {
      edges {
        node {
          name
          draft {
            revision
          }
          contractVersions {
            version
          }
        }
      }
    }
  }
`);

async function providerWithServices(api: InProcessApi, count: number, drafts: boolean) {
  const organizationId = await createOrganization(api, uniqueName('Limits Provider'), ['PROVIDER']);
  const admin = providerAdmin(organizationId);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await createService(api, admin, {
      name: uniqueName(`Limits Service ${i}`),
      serviceModel: 'IAAS',
      deploymentModel: 'PUBLIC',
      regions: ['eu-west-1'],
    });
    if (drafts) await startDraft(api, admin, id);
    ids.push(id);
  }
  return { organizationId, admin, ids };
}

describe('query limits: refused before anything runs, HTTP 400 and a stable code', () => {
  it('cuts the catalogue cycle by depth without a DynamoDB call', async () => {
    const { api, summaries } = await probeApi();
    const result = await api.graphql(catalogueCycle(4), {}, reader);
    expect(result.status).toBe(400);
    expect(result.json.data).toBeUndefined();
    expect(result.json.errors).toHaveLength(1);
    expect(result.json.errors[0].extensions.code).toBe('QUERY_TOO_DEEP');
    expect(result.json.errors[0].message).toMatch(/nests selections 15 levels deep; the limit is 9\. Ask for fewer levels/);
    expect(summaries.at(-1)).toMatchObject({ status: 400, dynamodbCalls: 0, errorCodes: ['QUERY_TOO_DEEP'] });
  });

  it('refuses 100 aliases of inheritedObligations without a DynamoDB call', async () => {
    const { api, summaries } = await probeApi();
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: inheritedObligations { counts { total } }`).join(' ');
    const result = await api.graphql(`{ ${aliases} }`, {}, reader);
    expect(result.status).toBe(400);
    expect(result.json.errors[0]).toMatchObject({ extensions: { code: 'TOO_MANY_ALIASES' } });
    expect(result.json.errors[0].message).toMatch(/100 aliases; the limit is 10/);
    expect(summaries.at(-1)?.dynamodbCalls).toBe(0);
  });

  it('keeps a syntax error and a document over the token limit at 400 GRAPHQL_PARSE_FAILED', async () => {
    const { api } = await probeApi();
    const broken = await api.graphql('{ framework { clauses { number }', {}, reader);
    expect(broken.status).toBe(400);
    expect(broken.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const huge = await api.graphql(`{ ${Array.from({ length: 3000 }, () => 'me { name }').join(' ')} }`, {}, reader);
    expect(huge.status).toBe(400);
    expect(huge.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(huge.json.errors[0].message).toMatch(/5000 tokens/);
  });

  it('lets the README first query through and suggests no field names', async () => {
    const { api } = await probeApi();
    const ok = await api.graphql(
      '{ me { name organization { name } } framework { clauseCount objectiveCount controlCount } cloudServices { edges { node { name serviceModel currentContract { version responsibilities(filter: {clause: "12", ownership: [CUSTOMER, SHARED]}) { control { id title } ownership customerObligations { text } } } } } } }',
      {},
      reader,
    );
    expect(ok.status).toBe(200);
    expect(ok.json.data.framework.controlCount).toBe(121);
    const typo = await api.graphql('{ framework { clauseCont } }', {}, reader);
    expect(typo.status).toBe(400);
    expect(typo.text).not.toMatch(/Did you mean|clauseCount/);
  });

  it('answers a subscription operation and a persisted-query hash mismatch with a 400 and Apollo codes', async () => {
    const { api } = await probeApi();
    const subscription = await api.graphql('subscription { me { name } }', {}, reader);
    expect(subscription.status).toBe(400);
    expect(subscription.json.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(subscription.json.errors[0].message).toMatch(/no subscriptions/);
    const token = await api.token(reader);
    const mismatch = await api.http({
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { name } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect(mismatch.json.errors[0].message).toMatch(/hash does not match/);
  });
});

describe('bounded work per request', () => {
  it('reads the drafts of many services (and under aliases) in one batch', async () => {
    const { api, summaries } = await probeApi();
    const { organizationId, admin, ids } = await providerWithServices(api, 4, true);
    const listed = dataOf(await api.graphql(ServiceDrafts, { p: organizationId }, admin));
    expect(listed.cloudServices.edges.map((e) => e.node.draft?.revision)).toEqual([1, 1, 1, 1]);
    // The service search, one BatchGetItem of the drafts, and one Query of versions per service.
    expect(summaries.at(-1)?.dynamodbCalls).toBeLessThanOrEqual(1 + 1 + 4 + 1);
    const aliased = ids
      .flatMap((id, i) => [`a${i}: cloudService(id: "${id}") { draft { revision } }`, `b${i}: cloudService(id: "${id}") { draft { revision } }`])
      .join(' ');
    const result = await api.graphql(`{ ${aliased} }`, {}, admin);
    expect(result.status).toBe(200);
    expect(Object.values(result.json.data as Record<string, { draft: { revision: number } }>).map((s) => s.draft.revision)).toEqual(Array(8).fill(1));
    // One BatchGetItem for the services, one for their drafts: not one GetItem per alias.
    expect(summaries.at(-1)?.dynamodbCalls).toBe(2);
  });

  it('refuses the DynamoDB call past the budget with REQUEST_TOO_EXPENSIVE, saying what to do', async () => {
    const { api, summaries } = await probeApi({ limits: { dynamodbCallsPerRequest: 3 } });
    const { organizationId, admin } = await providerWithServices(api, 4, false);
    const result = await api.graphql(ServiceDrafts, { p: organizationId }, admin);
    const codes = (result.json.errors ?? []).map((e) => e.extensions?.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(['REQUEST_TOO_EXPENSIVE']));
    expect(result.json.errors?.[0]?.message).toMatch(/more than 3 database reads and writes.*split the query/);
    expect(summaries.at(-1)?.dynamodbCalls).toBeLessThanOrEqual(3);
    // Within the budget, the same provider's smaller question is answered.
    const one = await api.graphql('{ me { name } }', {}, admin);
    expect(one.status).toBe(200);
  });

  it('answers a response over the size limit with RESPONSE_TOO_LARGE instead of failing the Lambda', async () => {
    const { api, summaries } = await probeApi({ limits: { responseBytes: 5_000 } });
    const big = await api.graphql('{ framework { clauses { number title objectives { id title controls { id title layers } } } } }', {}, reader);
    expect(big.status).toBe(400);
    expect(big.json.errors[0]).toMatchObject({ extensions: { code: 'RESPONSE_TOO_LARGE' } });
    expect(big.json.errors[0].message).toMatch(/larger than 5,000 bytes.*page through lists/);
    expect(summaries.at(-1)?.errorCodes).toContain('RESPONSE_TOO_LARGE');
    const small = await api.graphql('{ framework { controlCount } }', {}, reader);
    expect(small.status).toBe(200);
  });

  it('stops a request about to run out of Lambda time with REQUEST_TIMED_OUT, and still logs its line', async () => {
    // A DynamoDB that accepts connections and never answers.
    const sockets: Socket[] = [];
    const server: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const api = await createInProcessApi(`http://127.0.0.1:${port}`, `onus-frozen-${randomUUID().slice(0, 6)}`, {
        logLevel: 'INFO',
        dynamodb: { maxAttempts: 1, connectionTimeoutMs: 5000, requestTimeoutMs: 3000 },
      });
      const token = await api.token(platformAdmin);
      const event = v2Event({
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query Frozen { organization(id: "any") { name } }' }),
      });
      // 1.4 s left in the invocation: 1 s is kept to answer, so the request gets 0.4 s.
      const context = { ...lambdaContext(), getRemainingTimeInMillis: () => 1400 };
      const { result, lines } = await captureLogs(async () => {
        const answer = await api.handler(event, context);
        // The database's socket breaks after the answer: the abandoned work fails at once.
        sockets.forEach((s) => s.destroy());
        await new Promise((resolve) => setTimeout(resolve, 500));
        return answer;
      });
      expect(result.statusCode).toBe(503);
      const body = JSON.parse(result.body ?? '{}');
      expect(body.errors[0].extensions.code).toBe('REQUEST_TIMED_OUT');
      expect(body.errors[0].message).toMatch(/ran out of time.*read the current state before retrying/);
      expect(requestLines(lines)).toEqual([expect.objectContaining({ status: 503, errorCodes: ['REQUEST_TIMED_OUT'], operationName: 'Frozen' })]);
      // What the abandoned work then runs into is a warning, not a second failure of Onus's own.
      expect(lines.filter((l) => l.level === 'ERROR')).toEqual([]);
      expect(lines).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'error after the request ran out of time' }));
    } finally {
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });
});

describe('every bad input is a client error', () => {
  it('refuses IDs over 128 characters, in variables, literals and input fields, before any DynamoDB call', async () => {
    const { api, summaries } = await probeApi();
    const long = 'x'.repeat(3000);
    const asVariable = await api.graphql('query($id: ID!) { cloudService(id: $id) { name } }', { id: long }, reader);
    expect(asVariable.status).toBe(400);
    expect(asVariable.json.errors[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'id', message: 'is 3000 characters long; an id has at most 128' }] },
    });
    const asLiteral = await api.graphql(`{ compareServices(serviceIds: ["a", "${long}"]) { services { serviceModel } } }`, {}, reader);
    expect(asLiteral.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'serviceIds[1]' }] } });
    const customer = { subject: 'c', organizationId: 'org-c', roles: ['CUSTOMER_ADMIN' as const] };
    const inInput = await api.graphql(
      'mutation($s: ID!) { subscribe(input: { serviceId: $s, regions: ["eu-west-1"], startDate: "2026-12-01" }) { id } }',
      { s: long },
      customer,
    );
    expect(inInput.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'serviceId' }] } });
    expect(summaries.slice(-3).map((s) => s.dynamodbCalls)).toEqual([0, 0, 0]);
    // 128 characters is still an id (of nothing).
    const atLimit = await api.graphql('query($id: ID!) { cloudService(id: $id) { name } }', { id: 'y'.repeat(128) }, reader);
    expect(atLimit.json.errors?.[0]?.extensions?.code).not.toBe('BAD_USER_INPUT');
    expect(atLimit.json.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    // The same document once more with a long value: what it passes is checked on every request.
    const again = await api.graphql('query($id: ID!) { cloudService(id: $id) { name } }', { id: long }, reader);
    expect(again.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'id' }] } });
  });

  it('refuses a cursor over 512 characters, and a cursor outside the audit range asked', async () => {
    const { api } = await probeApi();
    const long = await api.graphql('query($c: String) { controls(first: 5, after: $c) { totalCount } }', { c: 'c'.repeat(5000) }, reader);
    expect(long.status).toBe(400);
    expect(long.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'after' }] } });
    const organizationId = await createOrganization(api, uniqueName('Audited'), ['PROVIDER']);
    const admin = providerAdmin(organizationId);
    await createService(api, admin, { name: uniqueName('Audited Service'), serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
    const page = await api.graphql('{ auditEvents(first: 1) { pageInfo { endCursor } } }', {}, admin);
    const cursor = page.json.data.auditEvents.pageInfo.endCursor as string;
    expect(cursor).toBeTruthy();
    const outside = await api.graphql(
      'query($c: String) { auditEvents(filter: { from: "2020-01-01T00:00:00Z", to: "2020-02-01T00:00:00Z" }, first: 1, after: $c) { edges { cursor } } }',
      { c: cursor },
      admin,
    );
    expect(outside.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'after' }] } });
    expect(outside.json.errors[0].message).toMatch(/outside the range asked/);
  });

  it('answers a token naming no organization without an internal error on the customer views', async () => {
    const { api } = await probeApi();
    const ghost = { subject: 'ghost', organizationId: 'no-such-organization', roles: ['CUSTOMER_ADMIN' as const, 'AUDITOR' as const] };
    const views = [
      '{ me { name organization { name } } }',
      '{ coverage { customer { id } controls { control { id } } } }',
      '{ inheritedObligations { customer { name } } }',
      '{ inheritedObligations { counts { total } } }',
      '{ coverage { totals { verdict count } } }',
      '{ posture { overall { implementedShare } } }',
      '{ subscriptions { effectiveVersion } }',
      '{ retiredObligations { reason } }',
      '{ auditEvents { edges { cursor } } }',
      'mutation { subscribe(input: { serviceId: "any", regions: ["eu-west-1"] }) { id } }',
    ];
    for (const view of views) {
      const result = await api.graphql(view, {}, ghost);
      expect(result.status).toBeLessThan(500);
      expect(result.text).not.toMatch(/INTERNAL_SERVER_ERROR/);
    }
    // A view that names the caller's organization says what is wrong with the token.
    const named = await api.graphql('{ coverage { customer { name } } }', {}, ghost);
    expect(named.json.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, path: ['coverage', 'customer'] });
    expect(named.json.errors[0].message).toMatch(/token names organization "no-such-organization" \(claim org_id\), which Onus does not know/);
  });

  it('logs the operation name cut to 200 characters', async () => {
    const { api, summaries } = await probeApi();
    const name = `Q${'a'.repeat(5000)}`;
    const result = await api.graphql(`query ${name} { framework { controlCount } }`, {}, reader);
    expect(result.status).toBe(200);
    expect(summaries.at(-1)?.operationName).toBe(`${name.slice(0, 200)}…`);
  });
});

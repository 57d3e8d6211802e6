import { print } from 'graphql';
import type { GraphQLResult } from '../../dev/inProcessApi';
import { graphql } from '../generated';
import type { ControlTitleQuery } from '../generated/graphql';
import { createTestApi, platformAdmin, type TestApi } from '../helpers/api';
import { captureLogs } from '../helpers/logs';
import { dataOf, firstError } from '../helpers/results';

const auditor = { subject: 'auditor-1', organizationId: 'org-audit', roles: ['AUDITOR' as const] };

// Most requests here are malformed on purpose, so they are sent as raw text and read untyped.

const ControlTitle = graphql(`
  query ControlTitle {
    control(id: "12.3.1") {
      title
    }
  }
`);

const QueryTypeName = graphql(`
  query QueryTypeName {
    __schema {
      queryType {
        name
      }
    }
  }
`);

const OrganizationNameOf = graphql(`
  query OrganizationNameOf($id: ID!) {
    organization(id: $id) {
      name
    }
  }
`);

describe('malformed HTTP requests get a 4xx with a JSON body and a code', () => {
  let api: TestApi;
  let auth: Record<string, string>;

  beforeAll(async () => {
    api = await createTestApi();
    auth = { authorization: `Bearer ${await api.token(auditor)}` };
  });

  const expectJsonError = (result: Awaited<ReturnType<TestApi['http']>>, status: number, code: string, message?: RegExp) => {
    expect(result.status).toBe(status);
    expect(result.headers['content-type']).toMatch(/application\/(graphql-response\+)?json/);
    expect(result.json.errors[0].extensions.code).toBe(code);
    if (message) expect(result.json.errors[0].message).toMatch(message);
    expect(result.text).not.toMatch(/at \w+ \(|node_modules|SyntaxError/);
  };

  it('bad JSON', async () => {
    const result = await api.http({ headers: { 'content-type': 'application/json', ...auth }, body: '{"query": "{ me { subject } }"' });
    expectJsonError(result, 400, 'BAD_REQUEST', /not valid JSON/);
  });

  it('a content type that is neither JSON nor a CSRF-safe GET', async () => {
    const result = await api.http({ headers: { 'content-type': 'text/plain', ...auth }, body: '{ me { subject } }' });
    expectJsonError(result, 400, 'BAD_REQUEST');
  });

  it('a body without a query', async () => {
    const result = await api.http({ headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ variables: {} }) });
    expectJsonError(result, 400, 'BAD_REQUEST', /query/);
  });

  it('a mutation sent with GET', async () => {
    const query = encodeURIComponent('mutation { createOrganization(input: {name: "x", kinds: [PROVIDER]}) { id } }');
    const result = await api.http({ method: 'GET', headers: { ...auth, 'apollo-require-preflight': 'true' }, rawQueryString: `query=${query}` });
    expectJsonError(result, 405, 'BAD_REQUEST', /GET/);
  });

  it('a query sent with GET works (with the CSRF preflight header)', async () => {
    const query = encodeURIComponent(print(ControlTitle));
    const result: GraphQLResult<ControlTitleQuery> = await api.http({
      method: 'GET',
      headers: { ...auth, 'apollo-require-preflight': 'true' },
      rawQueryString: `query=${query}`,
    });
    expect(result.status).toBe(200);
    expect(dataOf(result).control.title).toBe('Information backup');
  });

  it('a GraphQL syntax error', async () => {
    const result = await api.graphql('{ control(id: "1") { title }', {}, auditor);
    expectJsonError(result, 400, 'GRAPHQL_PARSE_FAILED', /Syntax Error/);
  });

  it('an unknown field, without "Did you mean" hints about the schema', async () => {
    const result = await api.graphql('{ control(id: "12.3.1") { titel } }', {}, auditor);
    expectJsonError(result, 400, 'GRAPHQL_VALIDATION_FAILED', /titel/);
    expect(result.json.errors[0].message).not.toMatch(/Did you mean/);
  });

  it('a variable of the wrong type', async () => {
    const result = await api.graphql('query($first: Int) { controls(first: $first) { totalCount } }', { first: 'ten' }, auditor);
    expectJsonError(result, 400, 'BAD_USER_INPUT', /\$first/);
  });

  it('a wrong enum value', async () => {
    const result = await api.graphql('{ controls(filter: { layer: KERNEL }) { totalCount } }', {}, auditor);
    expectJsonError(result, 400, 'GRAPHQL_VALIDATION_FAILED', /KERNEL/);
  });
});

describe('production behaviour comes from configuration, not NODE_ENV', () => {
  it('refuses introspection unless configured on', async () => {
    const api = await createTestApi();
    const result = await api.graphql('{ __schema { types { name } } }', {}, auditor);
    expect(result.status).toBe(400);
    expect(result.json.errors[0].message).toMatch(/[Ii]ntrospection/);
    const open = await createTestApi({ introspection: true });
    const allowed = await open.graphql(QueryTypeName, {}, auditor);
    expect(dataOf(allowed).__schema.queryType.name).toBe('Query');
  });

  it('masks unexpected failures: a generic message, the request id, no internals', async () => {
    // A table that does not exist makes DynamoDB fail with a message naming it: that must not leak.
    const api = await createTestApi({ tableName: 'onus-no-such-table', logLevel: 'ERROR' });
    const { result, lines } = await captureLogs(() => api.graphql(OrganizationNameOf, { id: 'x' }, platformAdmin));
    expect(result.status).toBe(200);
    const error = firstError(result);
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.extensions.requestId).toBe(result.headers['x-request-id']);
    expect(error.message).toMatch(/quote the requestId/);
    expect(result.text).not.toMatch(/onus-no-such-table|ResourceNotFound|stack|Cannot/);
    // The full error is in the log, under the same request id, for whoever operates the API.
    const logged = lines.find((l) => l.message === 'unexpected error');
    expect(logged).toMatchObject({ level: 'ERROR', requestId: error.extensions.requestId, path: 'organization' });
    expect(JSON.stringify(logged)).toMatch(/ResourceNotFound|non-existent table/);
  });
});

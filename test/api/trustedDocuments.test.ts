// Trusted documents as clients meet them: a client named in ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS (the
// token's client_id or azp) may send only the registered documents, by hash or by their exact text;
// every other client is unaffected, and may send a registered document by its hash alone.
import { importJWK, SignJWT } from 'jose';
import type { AuthConfig } from '../../src/config';
import { createLambdaHandler } from '../../src/lambda/createHandler';
import { documentHash, NOT_IN_LIST, TRUSTED_DOCUMENTS } from '../../src/server/trustedDocuments';
import { createTestApi, lambdaContext, v2Event, type TestApi } from '../helpers/api';

const PORTAL = 'vendor-portal';
const CATALOGUE = TRUSTED_DOCUMENTS.operations.find((o) => o.body.startsWith('{ controls(filter: { cloudSpecific: true })'))!;
const UNREGISTERED = '{ controls(first: 2) { edges { node { id } } } }';

type Body = { query?: string; extensions?: Record<string, unknown> };
type Answer = { status: number; json: { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions: { code: string } }> } };

describe('trusted documents', () => {
  let api: TestApi;
  let send: (body: Body, client?: { claim: 'client_id' | 'azp'; id: string }) => Promise<Answer>;

  beforeAll(async () => {
    api = await createTestApi();
    const auth = { ...api.config.auth, trustedDocumentsOnlyClients: [PORTAL, 'other-locked-app'] } as AuthConfig;
    const handler = createLambdaHandler({ ...api.config, auth });
    const key = await importJWK(api.issuer.privateJwk, 'RS256');
    send = async (body, client) => {
      const token = await new SignJWT({ roles: ['CUSTOMER_ADMIN'], ...(client ? { [client.claim]: client.id } : {}) })
        .setProtectedHeader({ alg: 'RS256', kid: api.issuer.privateJwk.kid! })
        .setSubject('portal-user')
        .setIssuer(api.issuer.issuer)
        .setAudience(api.issuer.audience)
        .setExpirationTime('10m')
        .sign(key);
      const result = await handler(
        v2Event({ headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }),
        lambdaContext(),
      );
      return { status: result.statusCode!, json: JSON.parse(result.body!) };
    };
  });

  const byHash = (hash: string): Body => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
  const expectCatalogue = (answer: Answer) => {
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();
    expect(answer.json.data).toMatchObject({ controls: { totalCount: 7 } });
  };
  const expectNotInList = (answer: Answer) => {
    expect(answer.status).toBe(400);
    expect(answer.json.data).toBeUndefined();
    expect(answer.json.errors?.map((e) => e.extensions.code)).toEqual([NOT_IN_LIST]);
    expect(answer.json.errors![0]!.message).toMatch(/only the trusted documents registered with Onus/);
  };

  it('lets a locked client send a registered document by its hash alone, or by its exact text', async () => {
    expect(CATALOGUE.id).toBe(documentHash(CATALOGUE.body));
    expectCatalogue(await send(byHash(CATALOGUE.id), { claim: 'client_id', id: PORTAL }));
    expectCatalogue(await send({ query: CATALOGUE.body }, { claim: 'client_id', id: PORTAL }));
    expectCatalogue(await send({ query: CATALOGUE.body, ...byHash(CATALOGUE.id) }, { claim: 'azp', id: PORTAL }));
  });

  it('refuses anything else from a locked client (client_id or azp), before it runs', async () => {
    expectNotInList(await send({ query: UNREGISTERED }, { claim: 'client_id', id: PORTAL }));
    expectNotInList(await send({ query: UNREGISTERED }, { claim: 'azp', id: 'other-locked-app' }));
    // The registered text reformatted is another document.
    expectNotInList(await send({ query: `${CATALOGUE.body} ` }, { claim: 'client_id', id: PORTAL }));
    // Registered through Apollo's automatic persisted queries by another client: still not trusted.
    const hash = documentHash(UNREGISTERED);
    expect((await send({ query: UNREGISTERED, ...byHash(hash) }, { claim: 'client_id', id: 'third-party' })).status).toBe(200);
    expectNotInList(await send(byHash(hash), { claim: 'client_id', id: PORTAL }));
  });

  it('leaves other clients unaffected, and lets them use registered documents by hash too', async () => {
    for (const client of [undefined, { claim: 'client_id' as const, id: 'third-party-integration' }]) {
      const answer = await send({ query: UNREGISTERED }, client);
      expect(answer.status).toBe(200);
      expect(answer.json.errors).toBeUndefined();
      expectCatalogue(await send(byHash(CATALOGUE.id), client));
    }
  });

  it('locks the client behind API Gateway too, from the claims the authorizer delivers', async () => {
    const gateway = createLambdaHandler({ ...api.config, auth: { mode: 'gateway', trustedDocumentsOnlyClients: [PORTAL] } });
    const ask = async (body: Body, claims: Record<string, string>) => {
      const event = v2Event({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      (event.requestContext as unknown as Record<string, unknown>).authorizer = { jwt: { claims: { sub: 'portal-user', ...claims }, scopes: null } };
      const result = await gateway(event, lambdaContext());
      return { status: result.statusCode!, json: JSON.parse(result.body!) } as Answer;
    };
    expectNotInList(await ask({ query: UNREGISTERED }, { client_id: PORTAL }));
    expectCatalogue(await ask(byHash(CATALOGUE.id), { client_id: PORTAL }));
    expect((await ask({ query: UNREGISTERED }, { client_id: 'someone-else' })).status).toBe(200);
  });

  it('answers an unknown hash with Apollo’s PERSISTED_QUERY_NOT_FOUND, locked or not', async () => {
    const unknown = documentHash('{ nothing }');
    for (const client of [undefined, { claim: 'client_id' as const, id: PORTAL }]) {
      const answer = await send(byHash(unknown), client);
      expect(answer.json.errors?.map((e) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    }
  });
});

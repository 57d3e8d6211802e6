import { getIntrospectionQuery } from 'graphql';
import { DEMO_IDENTITIES } from '../../dev/demo';
import { createInProcessApi, type InProcessApi } from '../../dev/inProcessApi';
import type { Identity } from '../../dev/tokens';
import manifest from '../../src/server/trusted-documents.json';
import { seededDemo, type DemoWorld } from '../helpers/demo';
import { expectSameAnswer } from '../helpers/results';

// A document runs on graphql-js on its first use in a warm function and compiled by graphql-jit from
// its second (src/server/execution.ts). Clients must not be able to tell: every query the README
// documents (the trusted-documents registry), and the refusals, answer the same on the first use and on
// the compiled ones, for each kind of caller: byte for byte, unless an error nulls an object while other
// fields still run (test/helpers/results.ts, expectSameAnswer).

const CALLERS: Record<string, Identity> = {
  subscribedCustomer: DEMO_IDENTITIES.subscribedCustomer!,
  providerAdmin: DEMO_IDENTITIES.providerAdmin!,
  auditor: DEMO_IDENTITIES.auditor!,
  platformAdmin: DEMO_IDENTITIES.platformAdmin!,
};

// Fixed, so that nothing computed from "now" (open downtime, notice periods) differs between two uses.
const NOW = new Date('2026-11-20T12:00:00.000Z');

const readmeQueries = manifest.operations.filter((o) => o.type === 'query');

const REFUSALS: { name: string; query: string; variables: Record<string, unknown> }[] = [
  { name: 'an unknown service (NOT_FOUND)', query: 'query($id: ID!) { cloudService(id: $id) { name } }', variables: { id: 'no-such-service' } },
  {
    name: 'a variable of the wrong type (BAD_USER_INPUT)',
    query: 'query($first: Int) { inheritedObligations(first: $first) { totalCount } }',
    variables: { first: 'many' },
  },
  { name: 'a page larger than allowed', query: '{ inheritedObligations(first: 100000) { totalCount } }', variables: {} },
  { name: 'a cursor that is not one', query: '{ inheritedObligations(first: 5, after: "not-a-cursor") { totalCount } }', variables: {} },
  {
    name: "another organization's screens (FORBIDDEN)",
    query: '{ coverage(customerOrganizationId: "org-globex") { totals { verdict count } } }',
    variables: {},
  },
];

describe('compiled execution answers exactly as graphql-js', () => {
  let world: DemoWorld;
  let api: InProcessApi;
  beforeAll(async () => {
    world = await seededDemo();
    api = await createInProcessApi(world.table.endpoint, world.table.tableName, {}, { clock: () => NOW });
  }, 60_000);

  /** The raw answers (status and body text) to three uses of the same document: graphql-js, then compiled twice. */
  async function threeUses(query: string, variables: Record<string, unknown>, as: Identity) {
    const answers: { status: number; text: string }[] = [];
    for (let use = 0; use < 3; use++) {
      const { status, text } = await api.graphql(query, variables, as);
      answers.push({ status, text });
    }
    return answers;
  }

  it('has README queries to compare', () => {
    expect(readmeQueries.length).toBeGreaterThan(20);
  });

  it.each(Object.keys(CALLERS))('answers every README query the same on each use, as %s', async (caller) => {
    let withData = 0;
    for (const { body } of readmeQueries) {
      // Queries taking a service id get the SaaS (the one with upstreams, versions and a subscriber).
      const variables = body.includes('$id') ? { id: world.ids.saas } : {};
      const [first, ...compiled] = await threeUses(body, variables, CALLERS[caller]!);
      for (const answer of compiled) expectSameAnswer(first!, answer);
      if (first!.text.includes('"data":{')) withData += 1;
    }
    // Not just the same refusal every time: real screens were compared.
    expect(withData).toBeGreaterThan(5);
  });

  it('answers introspection (on where a stage turns it on, as npm start does) the same on each use', async () => {
    const introspecting = await createInProcessApi(world.table.endpoint, world.table.tableName, { introspection: true }, { clock: () => NOW });
    const answers: string[] = [];
    for (let use = 0; use < 3; use++) answers.push((await introspecting.graphql(getIntrospectionQuery(), {}, DEMO_IDENTITIES.auditor!)).text);
    expect(answers[0]).toContain('"__schema"');
    expect(answers[0]).toContain('"name":"CoverageContributor"');
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
  });

  it.each(REFUSALS)('refuses $name the same on each use', async ({ query, variables }) => {
    const [first, ...compiled] = await threeUses(query, variables, DEMO_IDENTITIES.auditor!);
    expect(first!.text).toMatch(/"errors":\[/);
    expect(first!.text).not.toMatch(/INTERNAL_SERVER_ERROR/);
    for (const answer of compiled) expectSameAnswer(first!, answer);
  });
});

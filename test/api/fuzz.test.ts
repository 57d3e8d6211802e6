import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import type { Identity } from '../../dev/tokens';
import { typeDefs } from '../../src/graphql/generated/typeDefs';
import { createTestApi, platformAdmin, type TestApi } from '../helpers/api';
import { dataOf, expectSameAnswer } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, startDraft, subscribedCustomer, uniqueName } from '../helpers/world';

// Property: whatever document a signed-in client sends, built from the schema with random fields,
// aliases, depth, directives and arguments of the right and the wrong types (as literals or as
// variables), Onus answers with a client error or data: never a 5xx, never INTERNAL_SERVER_ERROR.
// Bounded: RUNS documents, or fewer when TIME_LIMIT_MS has passed (fast-check stops early and the
// runs done still count). A failure prints the seed and the smallest document found.

// ONUS_FUZZ_RUNS and ONUS_FUZZ_SECONDS explore further by hand (e.g. 10,000 runs); npm test runs the default.
const RUNS = Number(process.env.ONUS_FUZZ_RUNS || 300);
const TIME_LIMIT_MS = Number(process.env.ONUS_FUZZ_SECONDS || 25) * 1000;

const schema = buildSchema(typeDefs);
type Gen = fc.GeneratorValue;

interface World {
  readonly ids: string[];
  readonly callers: Identity[];
}

/** Ids that exist (so documents reach real data), ids that do not, and hostile strings. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  'x'.repeat(129),
  'y'.repeat(3000),
  '12.3.1',
  'A.5',
  '🙂',
  '\u0000',
  '"; DROP TABLE',
  'SVC#x|DRAFT',
  '../..',
  '2026-13-01',
  '2026-12-01',
  '2027-01-15T00:00:00Z',
  'https://example.com/evidence',
  'not a url',
  '-1',
  '1e309',
];

function stringValue(g: Gen, world: World): string {
  return g(() => fc.oneof(fc.constantFrom(...world.ids), fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 })));
}

/** A JSON value for a variable of `type`, mostly right, sometimes wrong. */
function jsonValue(g: Gen, world: World, type: GraphQLInputType, depth: number): unknown {
  if (g(() => fc.nat(19)) === 0)
    return g(() => fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 10 }), fc.boolean(), fc.constant({}), fc.constant([])));
  if (isNonNullType(type)) return jsonValue(g, world, type.ofType, depth);
  if (isListType(type)) {
    const length = depth > 3 ? 0 : g(() => fc.nat(3));
    return Array.from({ length }, () => jsonValue(g, world, type.ofType, depth + 1));
  }
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if ((isNonNullType(field.type) && g(() => fc.nat(9)) > 0) || (depth < 3 && g(() => fc.boolean())))
        out[field.name] = jsonValue(g, world, field.type, depth + 1);
    }
    return out;
  }
  if (isEnumType(type)) return g(() => fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.name)), fc.constant('NOT_A_VALUE')));
  switch (type.name) {
    case 'Int':
    case 'PositiveInt':
      return g(() => fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(0, 2 ** 31, -(2 ** 31) - 1, 1.5)));
    case 'Float':
      return g(() => fc.double({ noNaN: true }));
    case 'Boolean':
      return g(() => fc.boolean());
    case 'JSON':
      return g(() => fc.jsonValue({ maxDepth: 2 }));
    default:
      return stringValue(g, world);
  }
}

/** A literal in the document for `type`, mostly right, sometimes wrong. */
function literal(g: Gen, world: World, type: GraphQLInputType, depth: number): string {
  if (g(() => fc.nat(19)) === 0) return g(() => fc.constantFrom('null', '1', '"x"', 'true', '{}', '[]', 'SOME_ENUM', '1.5'));
  if (isNonNullType(type)) return literal(g, world, type.ofType, depth);
  if (isListType(type)) {
    const length = depth > 3 ? 0 : g(() => fc.nat(3));
    return `[${Array.from({ length }, () => literal(g, world, type.ofType, depth + 1)).join(', ')}]`;
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => (isNonNullType(f.type) && g(() => fc.nat(9)) > 0) || (depth < 3 && g(() => fc.boolean())));
    return `{ ${fields.map((f) => `${f.name}: ${literal(g, world, f.type, depth + 1)}`).join(', ')} }`;
  }
  if (isEnumType(type)) return g(() => fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.name)), fc.constant('NOT_A_VALUE')));
  const value = jsonValue(g, world, type, depth);
  return value !== null && typeof value === 'object' ? JSON.stringify(JSON.stringify(value)) : JSON.stringify(value);
}

interface Building {
  readonly g: Gen;
  readonly world: World;
  readonly maxDepth: number;
  readonly variables: Record<string, unknown>;
  readonly definitions: string[];
  aliases: number;
}

function argumentsOf(b: Building, field: GraphQLField<unknown, unknown>): string {
  const chosen = field.args.filter((a) => (isNonNullType(a.type) && b.g(() => fc.nat(9)) > 0) || b.g(() => fc.nat(2)) === 0);
  if (!chosen.length) return '';
  const parts = chosen.map((arg) => {
    if (b.g(() => fc.nat(2)) === 0) {
      const name = `v${b.definitions.length}`;
      b.definitions.push(`$${name}: ${String(arg.type)}`);
      b.variables[name] = jsonValue(b.g, b.world, arg.type, 0);
      return `${arg.name}: $${name}`;
    }
    return `${arg.name}: ${literal(b.g, b.world, arg.type, 0)}`;
  });
  return `(${parts.join(', ')})`;
}

function selectionSet(b: Building, type: GraphQLNamedType, depth: number): string {
  if (isAbstractType(type)) {
    const possible = schema.getPossibleTypes(type);
    const on = b.g(() => fc.constantFrom(...possible));
    return `{ __typename ... on ${on.name} ${selectionSet(b, on, depth)} }`;
  }
  const object = type as GraphQLObjectType;
  const fields = Object.values(object.getFields());
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
  const pool = depth >= b.maxDepth && leaves.length ? leaves : fields;
  const count = b.g(() => fc.integer({ min: 1, max: 4 }));
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const field = b.g(() => fc.constantFrom(...pool));
    const alias = b.g(() => fc.nat(6)) === 0 ? `a${b.aliases++}: ` : '';
    const directive = b.g(() => fc.nat(15)) === 0 ? ` @include(if: ${b.g(() => fc.boolean())})` : '';
    const named = getNamedType(field.type);
    const sub = isCompositeType(named) ? ` ${depth >= b.maxDepth + 2 ? '{ __typename }' : selectionSet(b, named, depth + 1)}` : '';
    parts.push(`${alias}${field.name}${argumentsOf(b, field)}${directive}${sub}`);
  }
  return `{ ${parts.join(' ')} }`;
}

function documentArbitrary(world: World) {
  return fc.gen().map((g) => {
    const operation = g(() => fc.constantFrom('query', 'query', 'query', 'mutation'));
    const root = operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    // Mostly within the depth limit (9), sometimes past it.
    const b: Building = { g, world, maxDepth: g(() => fc.integer({ min: 1, max: 11 })), variables: {}, definitions: [], aliases: 0 };
    const body = selectionSet(b, root, 1);
    const header = b.definitions.length ? `${operation} Fuzz(${b.definitions.join(', ')})` : `${operation} Fuzz`;
    const caller = g(() => fc.constantFrom(...world.callers));
    return { query: `${header} ${body}`, variables: b.variables, caller };
  });
}

async function buildWorld(api: TestApi): Promise<World> {
  const providerId = await createOrganization(api, uniqueName('Fuzz Provider'), ['PROVIDER']);
  const provider = providerAdmin(providerId);
  const serviceId = await createService(api, provider, {
    name: uniqueName('Fuzz Service'),
    serviceModel: 'PAAS',
    deploymentModel: 'PUBLIC',
    regions: ['eu-west-1'],
  });
  const { revision } = await startDraft(api, provider, serviceId);
  dataOf(await publish(api, provider, serviceId, revision, 'Fuzz v1'));
  await startDraft(api, provider, serviceId, 'LATEST_VERSION');
  const customer = await subscribedCustomer(api, [serviceId]);
  expect(isObjectType(schema.getQueryType())).toBe(true);
  return {
    ids: [providerId, serviceId, customer.organizationId, '12.3.1', 'CLD.6.3.1', '5'],
    callers: [
      platformAdmin,
      provider,
      { subject: 'fuzz-auditor', organizationId: providerId, roles: ['AUDITOR'] },
      customer.admin,
      customer.auditor,
      { subject: 'fuzz-monitor', organizationId: customer.organizationId, roles: ['MONITOR'] },
      { subject: 'fuzz-ghost', organizationId: 'no-such-organization', roles: ['CUSTOMER_ADMIN', 'PROVIDER_ADMIN'] },
    ],
  };
}

describe('fuzzing the API with documents built from the schema', () => {
  it(
    `answers ${RUNS} random documents without a 5xx or an internal error`,
    async () => {
      const api = await createTestApi();
      const world = await buildWorld(api);
      const statuses = new Map<number, number>();
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(documentArbitrary(world), async ({ query, variables, caller }) => {
          runs++;
          const result = await api.graphql(query, variables, caller);
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
          expect(result.status).toBeLessThan(500);
          expect(result.json).toBeDefined();
          const codes = ((result.json.errors ?? []) as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code);
          expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
          expect(codes).not.toContain(undefined);
          // A query's second use runs compiled (src/server/execution.ts): it must answer as the first.
          if (query.startsWith('query')) expectSameAnswer(result, await api.graphql(query, variables, caller));
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
      );
      // Enough documents ran to mean something, and both answers and refusals were among them.
      expect(runs).toBeGreaterThanOrEqual(100);
      expect(statuses.get(200)).toBeGreaterThan(0);
      expect(statuses.get(400)).toBeGreaterThan(0);
    },
    TIME_LIMIT_MS + 60_000,
  );
});

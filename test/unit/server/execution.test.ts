import { buildSchema, GraphQLError, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery } from 'graphql-jit';
import { COMPILE_ON_USE, jitExecutor } from '../../../src/server/execution';

// When a document is compiled, and that the compiled path hands Apollo what graphql-js would: real
// GraphQLErrors (with an extensions object and the original error), and graphql-js's variable errors.

function testSchema(): GraphQLSchema {
  const schema = buildSchema('type Query { service(id: ID!): Service  services(first: Int!): [Service!]! } type Service { id: ID! name: String! }');
  const fields = schema.getQueryType()!.getFields();
  fields.service!.resolve = (_root, { id }: { id: string }) => {
    if (id === 'missing') throw Object.assign(new Error('No cloud service "missing".'), { code: 'NOT_FOUND' });
    return { id, name: `Service ${id}` };
  };
  fields.services!.resolve = (_root, { first }: { first: number }) => Array.from({ length: first }, (_, i) => ({ id: String(i), name: `Service ${i}` }));
  return schema;
}

function setup(compileOnUse?: number) {
  const schema = testSchema();
  const compiled: (string | undefined)[] = [];
  const executor = jitExecutor(schema, {
    compileOnUse,
    compile: (s, document, operationName) => {
      compiled.push(operationName);
      return compileQuery(s, document, operationName);
    },
  });
  const documents = new Map<string, ReturnType<typeof parse>>();
  /** One request as Apollo makes it: the same DocumentNode for the same text (its document store). */
  const run = (query: string, variables: Record<string, unknown> = {}) => {
    if (!documents.has(query)) documents.set(query, parse(query));
    const document = documents.get(query)!;
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') ?? null;
    const request = { query, variables };
    return executor({ document, operation, operationName: null, request, context: {} } as unknown as Parameters<
      typeof executor
    >[0]) as Promise<ExecutionResult>;
  };
  return { run, compiled };
}

describe('graphql-jit execution', () => {
  it('compiles a document on its second use, once, and answers the same on every use', async () => {
    expect(COMPILE_ON_USE).toBe(2);
    const { run, compiled } = setup();
    const query = '{ services(first: 3) { id name } }';
    const first = await run(query);
    expect(compiled).toHaveLength(0);
    const second = await run(query);
    const third = await run(query);
    expect(compiled).toHaveLength(1);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(first.data).toEqual({ services: [0, 1, 2].map((i) => ({ id: String(i), name: `Service ${i}` })) });
  });

  it('never compiles a document used once', async () => {
    const { run, compiled } = setup();
    for (let i = 0; i < 5; i++) await run(`{ services(first: ${i + 1}) { id } }`);
    expect(compiled).toHaveLength(0);
  });

  it("returns a resolver's error as graphql-js does: a GraphQLError with extensions, path, locations and the original error", async () => {
    const { run } = setup(1);
    const result = await run('{ service(id: "missing") { name } }');
    const error = result.errors![0]!;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toEqual({});
    expect(error.path).toEqual(['service']);
    expect(error.locations).toEqual([{ line: 1, column: 3 }]);
    expect(error.originalError).toMatchObject({ message: 'No cloud service "missing".', code: 'NOT_FOUND' });
    expect(result.data).toEqual({ service: null });
  });

  it("words a variable's error as graphql-js does, with the variable's node (Apollo's BAD_USER_INPUT)", async () => {
    const query = 'query($first: Int!) { services(first: $first) { id } }';
    const interpreted = await setup(Number.POSITIVE_INFINITY).run(query, { first: 'many' });
    const compiled = await setup(1).run(query, { first: 'many' });
    expect(compiled.errors?.map((e) => e.message)).toEqual(interpreted.errors?.map((e) => e.message));
    expect(compiled.errors![0]!.message).toMatch(/^Variable "\$first" got invalid value "many"/);
    expect(compiled.errors![0]!.nodes?.[0]?.kind).toBe('VariableDefinition');
  });
});

import { buildSchema, execute, GraphQLError, parse, type ExecutionResult, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
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

  // patches/graphql-jit+0.8.9.patch inlines graphql-jit's checks of leaves and of list items that are not
  // promises: every way a leaf or a list item can fail must still answer exactly as graphql-js does.
  it('answers null, thrown, rejected and unserializable leaves and list items exactly as graphql-js does', async () => {
    const schema = buildSchema(`
      enum Status { OPEN DONE }
      type Query { rows: [Row]  nullableRows: [Row] }
      type Row { id: ID! status: Status! maybeStatus: Status label: String tags: [String!] grid: [[Int!]] nested: Row }
    `);
    const row = (i: number) => ({
      id: String(i),
      // A valid value, an invalid enum value, null on a non-null leaf, an Error value.
      status: ['OPEN', 'NOT_A_STATUS', null, new Error(`row ${i} status failed`)][i % 4],
      maybeStatus: [null, 'DONE', new Error('maybe failed'), 'WRONG'][i % 4],
      i,
      tags: i % 8 === 4 ? ['a', null, 'c'] : ['a', 'b'],
    });
    const fields = schema.getQueryType()!.getFields();
    fields.rows!.resolve = () => Array.from({ length: 8 }, (_, i) => (i === 6 ? Promise.resolve(row(i)) : row(i)));
    fields.nullableRows!.resolve = () => [row(0), null, new Error('row failed'), Promise.reject(new Error('row rejected')), Promise.resolve(null), row(5)];
    const rowFields = (schema.getType('Row') as GraphQLObjectType).getFields();
    rowFields.label!.resolve = ({ i }: { i: number }) => {
      if (i % 3 === 0) return null;
      if (i % 3 === 1) throw new Error(`label ${i} failed`);
      return `Row ${i}`;
    };
    // Asynchronous failures only in rows whose status is valid: graphql-js leaves a promise unawaited when a
    // sibling fails synchronously, and its rejection would be unhandled.
    rowFields.grid!.resolve = ({ i }: { i: number }) => (i % 4 === 0 ? [[1, i], [3, Promise.resolve(4)], [5, Promise.resolve(null)], [null]] : [[i]]);
    rowFields.nested!.resolve = ({ i }: { i: number }) =>
      i % 8 === 0 ? Promise.reject(new Error(`nested ${i} rejected`)) : i % 4 === 0 ? { ...row(i + 1), status: 'DONE', id: `n${i}` } : null;
    const document = parse(`{
      rows { id status maybeStatus label tags grid nested { id status maybeStatus tags grid } }
      nullableRows { id maybeStatus label tags }
      again: nullableRows { id }
    }`);
    const interpreted = (await execute({ schema, document })) as ExecutionResult;
    const compiledQuery = compileQuery(schema, document);
    if (!isCompiledQuery(compiledQuery)) throw new Error(JSON.stringify(compiledQuery));
    const compiled = (await compiledQuery.query(undefined, {}, {})) as ExecutionResult;
    const errors = (r: ExecutionResult) =>
      (r.errors ?? []).map((e) => `${e.message} @ ${e.path?.join('.')} (${e.locations?.map((l) => `${l.line}:${l.column}`).join(',')})`).sort();
    expect(compiled.data).toEqual(interpreted.data);
    // What graphql-jit 0.8.9 answered before the patch, recorded: graphql-js's errors, and those of the other
    // fields of a row a non-null leaf nulled (rows.1.label…), which graphql-js stops completing. (Its data
    // for the rejected list item was wrong: the patch's third change.)
    expect(errors(compiled)).toEqual([
      'Cannot return null for non-nullable field Row.grid. @ rows.0.grid.2.1 (2:47)',
      'Cannot return null for non-nullable field Row.grid. @ rows.0.grid.3.0 (2:47)',
      'Cannot return null for non-nullable field Row.grid. @ rows.4.grid.2.1 (2:47)',
      'Cannot return null for non-nullable field Row.grid. @ rows.4.grid.3.0 (2:47)',
      'Cannot return null for non-nullable field Row.status. @ rows.2.status (2:17)',
      'Cannot return null for non-nullable field Row.status. @ rows.6.status (2:17)',
      'Cannot return null for non-nullable field Row.tags. @ rows.4.tags.1 (2:42)',
      'Enum "Status" cannot represent value: "NOT_A_STATUS" @ rows.1.status (2:17)',
      'Enum "Status" cannot represent value: "NOT_A_STATUS" @ rows.5.status (2:17)',
      'Enum "Status" cannot represent value: "WRONG" @ rows.3.maybeStatus (2:24)',
      'Enum "Status" cannot represent value: "WRONG" @ rows.7.maybeStatus (2:24)',
      'label 1 failed @ rows.1.label (2:36)',
      'label 4 failed @ rows.4.label (2:36)',
      'label 7 failed @ rows.7.label (2:36)',
      'maybe failed @ rows.2.maybeStatus (2:24)',
      'maybe failed @ rows.6.maybeStatus (2:24)',
      'nested 0 rejected @ rows.0.nested (2:52)',
      'row 3 status failed @ rows.3.status (2:17)',
      'row 7 status failed @ rows.7.status (2:17)',
      'row failed @ again.2 (4:7)',
      'row failed @ nullableRows.2 (3:7)',
      'row rejected @ again.3 (4:7)',
      'row rejected @ nullableRows.3 (3:7)',
    ]);
    expect(errors(compiled)).toEqual(expect.arrayContaining(errors(interpreted)));
    // The cases above do happen: rows nulled by their leaves, errors on nullable leaves and list items.
    expect((interpreted.data!.rows as unknown[]).filter((r) => r === null)).toHaveLength(6);
  });
});

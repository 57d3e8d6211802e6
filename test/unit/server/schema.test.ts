// The executable schema is built with graphql-js alone (src/server/schema.ts, issue 11). These tests hold
// it to what @graphql-tools/schema's makeExecutableSchema built before (still installed, as Apollo's own
// dependency) and prove that every resolver is attached or the build fails.
import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildSchema, graphqlSync, GraphQLScalarType, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { typeDefs } from '../../../src/graphql/generated/typeDefs';
import { resolvers } from '../../../src/graphql/resolvers';
import { LocalDateScalar } from '../../../src/graphql/scalars';
import { attachResolvers, onusSchema } from '../../../src/server/schema';

const schema = onusSchema();

describe('the executable schema', () => {
  it('is the schema makeExecutableSchema built from the same SDL and resolvers', () => {
    // graphql-tools renamed a scalar after its resolver's own name (JSON became graphql-scalars'
    // JSONObject, unlike the SDL); each scalar is given under its SDL name and description so the one
    // difference left would be a real one. Field and type order is graphql-tools' merge order: sorted.
    const sdl = buildSchema(typeDefs);
    const scalarsAsInSdl = Object.fromEntries(
      Object.entries(resolvers).map(([name, entry]) => [
        name,
        entry instanceof GraphQLScalarType ? new GraphQLScalarType({ ...entry.toConfig(), name, description: sdl.getType(name)?.description }) : entry,
      ]),
    );
    const before = makeExecutableSchema({ typeDefs, resolvers: scalarsAsInSdl, updateResolversInPlace: true });
    expect(printSchema(lexicographicSortSchema(schema))).toBe(printSchema(lexicographicSortSchema(before)));
  });

  it('keeps the SDL name of a scalar whose resolver is named otherwise', () => {
    const json = schema.getType('JSON') as GraphQLScalarType;
    expect(json.name).toBe('JSON');
    expect(json.serialize({ controls: 3 })).toEqual({ controls: 3 });
    expect(() => json.serialize('not an object')).toThrow(/JSONObject cannot represent non-object value/);
  });

  it('attaches every resolver of the map to its field', () => {
    let attached = 0;
    for (const [typeName, entry] of Object.entries(resolvers)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) continue;
      for (const [fieldName, resolve] of Object.entries(entry as object)) {
        expect({ field: `${typeName}.${fieldName}`, attached: type.getFields()[fieldName]?.resolve === resolve }).toEqual({
          field: `${typeName}.${fieldName}`,
          attached: true,
        });
        attached++;
      }
    }
    expect(attached).toBeGreaterThan(100);
  });

  it('gives the schema the coercion of each scalar of the map', () => {
    const localDate = schema.getType('LocalDate') as GraphQLScalarType;
    expect(localDate.parseValue('2026-12-01')).toBe('2026-12-01');
    expect(() => localDate.parseValue('01/12/2026')).toThrow('"01/12/2026" is not a date written YYYY-MM-DD');
    expect((schema.getType('DateTime') as GraphQLScalarType).serialize(new Date(Date.UTC(2026, 10, 28, 12)))).toBe('2026-11-28T12:00:00.000Z');
  });
});

describe('attaching a resolver map to a schema', () => {
  const sdl = 'scalar LocalDate\ntype Query { due(after: LocalDate!): LocalDate! }';
  const build = (resolverMap: object) => {
    const schema = buildSchema(sdl);
    attachResolvers(schema, resolverMap);
    return schema;
  };

  it('runs the attached resolvers, with the scalar coercing arguments and results', () => {
    const small = build({ LocalDate: LocalDateScalar, Query: { due: (_: unknown, { after }: { after: string }) => `${after.slice(0, 8)}31` } });
    expect(graphqlSync({ schema: small, source: '{ due(after: "2026-12-01") }' })).toEqual({ data: { due: '2026-12-31' } });
    const refused = graphqlSync({ schema: small, source: '{ due(after: "tomorrow") }' });
    expect(refused.errors?.map((e) => e.message)).toEqual(['"tomorrow" is not a date written YYYY-MM-DD']);
  });

  it('fails at build on a resolver for a field the schema does not have', () => {
    expect(() => build({ Query: { due: () => '2026-12-31', dueDate: () => '2026-12-31' } })).toThrow(
      'A resolver for Query.dueDate, which the schema does not have',
    );
  });

  it('fails at build on resolvers for a type the schema does not have', () => {
    expect(() => build({ Mutation: { due: () => '2026-12-31' } })).toThrow('Resolvers for type Mutation, which the schema does not have');
  });

  it('fails at build on a kind of resolver it does not attach', () => {
    expect(() => build({ LocalDate: { serialize: String } })).toThrow('The resolver for scalar LocalDate must be a GraphQLScalarType');
    expect(() => build({ Query: { due: { resolve: () => '2026-12-31' } } })).toThrow('The resolver for Query.due must be a function');
    expect(() => build({ Query: { __isTypeOf: () => true } })).toThrow('A resolver for Query.__isTypeOf, which the schema does not have');
  });
});

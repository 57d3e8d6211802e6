// The schema a cold start builds from data (src/server/schemaCodec.ts, src/graphql/generated/schemaData.ts)
// must be the schema graphql-js builds from the SDL: the same types, fields, arguments, defaults,
// deprecations and descriptions, in the same order, as introspection and the printed schema show them.
import {
  buildSchema,
  GraphQLEnumType,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  graphqlSync,
  introspectionFromSchema,
  printSchema,
  stripIgnoredCharacters,
  visit,
  parse,
  print,
} from 'graphql';
import { schemaData } from '../../../src/graphql/generated/schemaData';
import { typeDefs } from '../../../src/graphql/generated/typeDefs';
import { decodeSchema, encodeSchema } from '../../../src/server/schemaCodec';

const FULL = {
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
} as const;

/** Everything a client or a tool can learn of a schema. */
const seen = (schema: GraphQLSchema) => ({ printed: printSchema(schema), introspection: introspectionFromSchema(schema, FULL) });

const withoutDescriptions = (sdl: string) =>
  stripIgnoredCharacters(
    print(visit(parse(sdl), { enter: (node) => ('description' in node && node.description ? { ...node, description: undefined } : undefined) })),
  );

// Every kind of definition SDL has, with the details the data must keep.
const EVERY_KIND = `
"A date, no time." scalar LocalDate @specifiedBy(url: "https://www.rfc-editor.org/rfc/rfc3339")
"Something with an id." interface Node { id: ID! }
interface Named implements Node { id: ID! "Its name." name(locale: String = "en"): String! }
type Service implements Node & Named { id: ID! name(locale: String = "en"): String! model: Model! @deprecated(reason: "Use kind.") kind: Model tags: [String!] }
type Control implements Node { id: ID! }
union Result = Service | Control
"How a service is offered." enum Model { IAAS "Platform." PAAS SAAS @deprecated(reason: "Gone.") FAAS @deprecated(reason: "") }
type toString { constructor: String }
input Window { from: LocalDate to: LocalDate = null days: Int = 30 }
input Filter { models: [Model!] = [IAAS, PAAS] window: Window = { days: 7 } old: String @deprecated(reason: "Unused.") }
input Pick @oneOf { id: ID name: String }
directive @audit("Why." reason: String! = "none", level: Int) repeatable on FIELD_DEFINITION | QUERY
directive @deprecated(reason: String = "No longer supported", since: String) on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
type Query {
  odd: toString
  "Services, filtered."
  services(filter: Filter = { models: [SAAS] }, first: Int! = 10, legacy: Boolean @deprecated(reason: "No longer read.")): [Service!]!
  find(pick: Pick!): Result
  node(id: ID!): Node @deprecated
}
type Mutation { rename(id: ID!, name: String!): Service }
type Subscription { changed: Service }
`;

describe('the schema as data', () => {
  it("builds Onus's schema exactly as graphql-js builds it from the SDL, descriptions included", () => {
    const fromSdl = buildSchema(typeDefs);
    const fromData = decodeSchema(schemaData, { assumeValid: false });
    expect(Object.keys(fromData.getTypeMap())).toEqual(Object.keys(fromSdl.getTypeMap()));
    expect(seen(fromData)).toEqual(seen(fromSdl));
  });

  it('round-trips every kind of definition, default and deprecation SDL has', () => {
    const fromSdl = buildSchema(EVERY_KIND);
    const fromData = decodeSchema(encodeSchema(fromSdl), { assumeValid: false });
    expect(Object.keys(fromData.getTypeMap())).toEqual(Object.keys(fromSdl.getTypeMap()));
    expect(seen(fromData)).toEqual(seen(fromSdl));
    expect(graphqlSync({ schema: fromData, source: '{ __typename }' })).toEqual({ data: { __typename: 'Query' } });
  });

  it('is the same schema without its descriptions when the data drops them (as the Lambda bundle of a stage without introspection does)', () => {
    const { descriptions, ...rest } = JSON.parse(encodeSchema(buildSchema(EVERY_KIND)));
    expect(Object.keys(descriptions)).toEqual(expect.arrayContaining(['LocalDate', 'Named.name', 'Model.PAAS', 'Query.services', '@audit(reason:)']));
    const bare = decodeSchema(JSON.stringify(rest), { assumeValid: false });
    expect(seen(bare)).toEqual(seen(buildSchema(withoutDescriptions(EVERY_KIND))));
    const onus = JSON.parse(schemaData);
    delete onus.descriptions;
    expect(seen(decodeSchema(JSON.stringify(onus), { assumeValid: false }))).toEqual(seen(buildSchema(withoutDescriptions(typeDefs))));
  });

  it('says which type is missing when the data refers to one it does not define', () => {
    const data = JSON.parse(encodeSchema(buildSchema('type Query { due: String }')));
    data.types[0][2][0][1] = 'Day!';
    expect(() => decodeSchema(JSON.stringify(data), { assumeValid: false }).getQueryType()!.getFields()).toThrow(
      'The schema data cannot carry a reference to the unknown type Day',
    );
  });

  it('validates the schema it builds unless told the data is valid', () => {
    const data = JSON.parse(encodeSchema(buildSchema('interface Node { id: ID! } type Thing implements Node { id: ID! } type Query { thing: Thing }')));
    // Thing no longer has the id its interface asks for.
    data.types.find((t: unknown[]) => t[1] === 'Thing')[2] = [['name', 'String']];
    const checked = decodeSchema(JSON.stringify(data), { assumeValid: false });
    expect(graphqlSync({ schema: checked, source: '{ __typename }' }).errors?.map((e) => e.message)).toEqual([
      'Interface field Node.id expected but Thing does not provide it.',
    ]);
    const assumed = decodeSchema(JSON.stringify(data), { assumeValid: true });
    expect(graphqlSync({ schema: assumed, source: '{ __typename }' })).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses to encode what SDL cannot give and the data would lose', () => {
    const query = (fields: ConstructorParameters<typeof GraphQLObjectType>[0]['fields']) =>
      new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields }) });
    const mapped = new GraphQLEnumType({ name: 'Level', values: { LOW: { value: 1 } } });
    expect(() => encodeSchema(query({ level: { type: mapped } }))).toThrow('Level.LOW has a value other than its name');
    expect(() => encodeSchema(query({ due: { type: GraphQLString, args: { after: { type: GraphQLString, defaultValue: new Date(0) } } } }))).toThrow(
      'The default value of Query.due(after:) is not JSON the schema data can carry',
    );
    const extended = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { a: { type: GraphQLString } }, extensions: { cost: 1 } }) });
    expect(() => encodeSchema(extended)).toThrow('Query has extensions');
  });
});

import {
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLUnionType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  specifiedDirectives,
  specifiedScalarTypes,
  type DirectiveLocation,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  type GraphQLInputField,
  type GraphQLInputFieldConfigMap,
  type GraphQLNamedType,
  type GraphQLNullableType,
  type GraphQLType,
} from 'graphql';

// The schema as data `npm run generate` derives from schema/*.graphql (src/graphql/generated/schemaData.ts),
// from which a cold start builds it with graphql-js's constructors (issue 11). Parsing the SDL and building
// the schema from its syntax tree (buildASTSchema) took 35–45 ms of every cold start; this takes less than
// half, since the parsing and the walk of the syntax tree were done at build time. Encoded from the schema
// graphql-js built from the SDL, and held to print the same schema, in the same order, by
// test/unit/server/schemaCodec.test.ts. What the data does not carry: syntax-tree nodes (astNode), which
// nothing in Onus reads, and extensions, which SDL cannot give.
//
// The data is JSON of tuples, trailing absent entries left out:
//   type        ["O" object | "I" interface, name, fields, interfaces?]  ["U", name, members]
//               ["E", name, values]  ["N" input object, name, input fields, isOneOf?]  ["S", name, specifiedByURL?]
//   field       [name, type, arguments?, deprecationReason?]   (type as written in SDL: "[Control!]!")
//   argument    [name, type, [default]?, deprecationReason?]   (input fields too; the default boxed, null is one)
//   enum value  name, or [name, deprecationReason]
//   directive   [name, locations, arguments, isRepeatable?], or the name of one graphql-js specifies (in the schema's order)
// and descriptions apart, by schema coordinate ("Type", "Type.field", "Type.field(argument:)", "Enum.VALUE",
// "@directive", "@directive(argument:)"), so that a build without them (a stage whose introspection is off,
// build/esbuildPlugins.mjs) drops one key.

type Boxed = [unknown];
type ArgumentData = [name: string, type: string, defaultValue?: Boxed | 0, deprecationReason?: string];
type FieldData = [name: string, type: string, args?: ArgumentData[] | 0, deprecationReason?: string];
type TypeData =
  | [kind: 'O' | 'I', name: string, fields: FieldData[], interfaces?: string[]]
  | [kind: 'U', name: string, members: string[]]
  | [kind: 'E', name: string, values: Array<string | [string, string]>]
  | [kind: 'N', name: string, fields: ArgumentData[], isOneOf?: true]
  | [kind: 'S', name: string, specifiedByURL?: string];
type DirectiveData = [name: string, locations: DirectiveLocation[], args: ArgumentData[], isRepeatable?: true];

export interface SchemaData {
  readonly query: string;
  readonly mutation?: string;
  readonly subscription?: string;
  readonly types: TypeData[];
  readonly directives: Array<DirectiveData | string>;
  readonly descriptions?: Record<string, string>;
}

/** Drops trailing entries that are absent (undefined), so the data holds only what is there. */
function trimmed<T extends unknown[]>(tuple: T): T {
  while (tuple.length && tuple[tuple.length - 1] === undefined) tuple.pop();
  return tuple;
}

/**
 * `schema` (built by graphql-js from SDL) as the JSON text `decodeSchema` builds it back from. Throws on
 * what SDL cannot give and the data does not carry: an enum value other than its name, a default value
 * JSON does not hold as it is, extensions.
 */
export function encodeSchema(schema: GraphQLSchema): string {
  const descriptions: Record<string, string> = {};
  const describe = (coordinate: string, description: string | null | undefined) => {
    if (description != null) descriptions[coordinate] = description;
  };
  const reason = (deprecationReason: string | null | undefined) => deprecationReason ?? undefined;
  const boxed = (coordinate: string, value: unknown): Boxed | undefined => {
    if (value === undefined) return undefined;
    if (!isJson(value)) {
      throw new Error(`The default value of ${coordinate} is not JSON the schema data can carry`);
    }
    return [value];
  };
  const argument = (owner: string, a: GraphQLArgument | GraphQLInputField, coordinate = `${owner}(${a.name}:)`): ArgumentData => {
    describe(coordinate, a.description);
    return trimmed<ArgumentData>([
      a.name,
      String(a.type),
      boxed(coordinate, a.defaultValue) ?? (a.deprecationReason ? 0 : undefined),
      reason(a.deprecationReason),
    ]);
  };
  const field = (owner: string, f: GraphQLField<unknown, unknown>): FieldData => {
    const coordinate = `${owner}.${f.name}`;
    describe(coordinate, f.description);
    const args = f.args.length ? f.args.map((a) => argument(coordinate, a)) : undefined;
    return trimmed<FieldData>([f.name, String(f.type), args ?? (f.deprecationReason ? 0 : undefined), reason(f.deprecationReason)]);
  };
  const type = (t: GraphQLNamedType): TypeData => {
    if (Object.keys(t.extensions).length) throw new Error(`${t.name} has extensions, which the schema data does not carry`);
    describe(t.name, t.description);
    if (isObjectType(t) || isInterfaceType(t)) {
      const interfaces = t.getInterfaces().map((i) => i.name);
      const fields = Object.values(t.getFields()).map((f) => field(t.name, f));
      return trimmed<TypeData>([isObjectType(t) ? 'O' : 'I', t.name, fields, interfaces.length ? interfaces : undefined]);
    }
    if (isUnionType(t)) return ['U', t.name, t.getTypes().map((m) => m.name)];
    if (isEnumType(t)) {
      return [
        'E',
        t.name,
        t.getValues().map((v) => {
          if (v.value !== v.name) throw new Error(`${t.name}.${v.name} has a value other than its name, which the schema data does not carry`);
          describe(`${t.name}.${v.name}`, v.description);
          return v.deprecationReason != null ? [v.name, v.deprecationReason] : v.name;
        }),
      ];
    }
    if (isInputObjectType(t)) {
      const fields = Object.values(t.getFields()).map((f) => argument(t.name, f, `${t.name}.${f.name}`));
      return trimmed<TypeData>(['N', t.name, fields, t.isOneOf ? true : undefined]);
    }
    if (isScalarType(t)) return trimmed<TypeData>(['S', t.name, t.specifiedByURL ?? undefined]);
    throw new Error(`${String(t)} is a kind of type the schema data does not carry`);
  };

  const types = Object.values(schema.getTypeMap())
    .filter((t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t))
    .map(type);
  const directives = schema.getDirectives().map((d): DirectiveData | string => {
    // By identity: an SDL may redefine a directive graphql-js specifies (same name, other arguments).
    if (specifiedDirectives.includes(d)) return d.name;
    describe(`@${d.name}`, d.description);
    return trimmed<DirectiveData>([d.name, [...d.locations], d.args.map((a) => argument(`@${d.name}`, a)), d.isRepeatable ? true : undefined]);
  });
  if (schema.description) fail('a description of the schema itself');
  const data: SchemaData = {
    query: schema.getQueryType()?.name ?? fail('a schema without a query type'),
    ...(schema.getMutationType() ? { mutation: schema.getMutationType()!.name } : {}),
    ...(schema.getSubscriptionType() ? { subscription: schema.getSubscriptionType()!.name } : {}),
    types,
    directives,
    descriptions,
  };
  return JSON.stringify(data);
}

const fail = (what: string): never => {
  throw new Error(`The schema data cannot carry ${what}`);
};

function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === 'object')
    return Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null ? Object.values(value).every(isJson) : false;
  return false;
}

/**
 * The schema `data` (encodeSchema's text) describes, built with graphql-js's constructors. `assumeValid`
 * skips graphql-js's validation of the schema (src/server/schema.ts: production, whose data every test
 * has validated); otherwise the schema is validated when first used.
 */
export function decodeSchema(data: string, { assumeValid }: { assumeValid: boolean }): GraphQLSchema {
  const decoded = JSON.parse(data) as SchemaData;
  // This runs once per cold start, in V8's interpreter: it indexes tuples rather than destructuring them
  // (which goes through the array iterator), and names schema coordinates only when there are
  // descriptions to look up (`descriptions?.[…]` does not build the key when there are none, as in a
  // stage without introspection).
  // Without a prototype, so a type named toString or constructor finds its own description or none.
  const descriptions = decoded.descriptions && Object.assign(Object.create(null) as Record<string, string>, decoded.descriptions);
  const named = new Map<string, GraphQLNamedType>(specifiedScalarTypes.map((t) => [t.name, t]));
  // Type references repeat (ID!, String, [Control!]!): each text is turned into a type once.
  const references = new Map<string, GraphQLType>();
  const reference = (text: string): GraphQLType => {
    let found = references.get(text);
    if (found) return found;
    if (text.endsWith('!')) found = new GraphQLNonNull(reference(text.slice(0, -1)) as GraphQLNullableType);
    else if (text.startsWith('[')) found = new GraphQLList(reference(text.slice(1, -1)));
    else found = named.get(text) ?? fail(`a reference to the unknown type ${text}`);
    references.set(text, found);
    return found;
  };
  /** The arguments of the field or directive at `owner` (its coordinate, or '' when there are no descriptions). */
  const arguments_ = (owner: string, list: ArgumentData[] | 0 | undefined): GraphQLFieldConfigArgumentMap => {
    const map: GraphQLFieldConfigArgumentMap = {};
    if (!list) return map;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      map[a[0]] = {
        type: reference(a[1]) as never,
        description: descriptions?.[`${owner}(${a[0]}:)`],
        defaultValue: a[2] ? a[2][0] : undefined,
        deprecationReason: a[3],
      };
    }
    return map;
  };
  const fields = (owner: string, list: FieldData[]) => (): GraphQLFieldConfigMap<unknown, unknown> => {
    const map: GraphQLFieldConfigMap<unknown, unknown> = {};
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      map[f[0]] = {
        type: reference(f[1]) as never,
        description: descriptions?.[`${owner}.${f[0]}`],
        args: f[2] ? arguments_(descriptions ? `${owner}.${f[0]}` : '', f[2]) : undefined,
        deprecationReason: f[3],
      };
    }
    return map;
  };
  const inputFields = (owner: string, list: ArgumentData[]) => (): GraphQLInputFieldConfigMap => {
    const map: GraphQLInputFieldConfigMap = {};
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      map[a[0]] = {
        type: reference(a[1]) as never,
        description: descriptions?.[`${owner}.${a[0]}`],
        defaultValue: a[2] ? a[2][0] : undefined,
        deprecationReason: a[3],
      };
    }
    return map;
  };
  const interfaces = (list: string[] | undefined) => () => (list ?? []).map((name) => reference(name) as GraphQLInterfaceType);

  const types = decoded.types.map((entry): GraphQLNamedType => {
    const name = entry[1];
    const description = descriptions?.[name];
    let type: GraphQLNamedType;
    switch (entry[0]) {
      case 'O':
        type = new GraphQLObjectType({ name, description, fields: fields(name, entry[2]), interfaces: interfaces(entry[3]) });
        break;
      case 'I':
        type = new GraphQLInterfaceType({ name, description, fields: fields(name, entry[2]), interfaces: interfaces(entry[3]) });
        break;
      case 'U':
        type = new GraphQLUnionType({ name, description, types: () => entry[2].map((member) => reference(member) as GraphQLObjectType) });
        break;
      case 'E':
        type = new GraphQLEnumType({
          name,
          description,
          values: Object.fromEntries(
            entry[2].map((value) => {
              const [valueName, deprecationReason] = typeof value === 'string' ? [value, undefined] : value;
              return [valueName, { value: valueName, description: descriptions?.[`${name}.${valueName}`], deprecationReason }];
            }),
          ),
        });
        break;
      case 'N':
        type = new GraphQLInputObjectType({ name, description, fields: inputFields(name, entry[2]), isOneOf: entry[3] === true });
        break;
      case 'S':
        type = new GraphQLScalarType({ name, description, specifiedByURL: entry[2] });
        break;
      default:
        return fail(`a type of kind ${String((entry as unknown[])[0])}`);
    }
    named.set(name, type);
    return type;
  });
  const root = (name: string | undefined) => (name === undefined ? undefined : (reference(name) as GraphQLObjectType));
  return new GraphQLSchema({
    query: root(decoded.query),
    mutation: root(decoded.mutation),
    subscription: root(decoded.subscription),
    types,
    directives: decoded.directives.map((directive) => {
      if (typeof directive === 'string') return specifiedDirectives.find((d) => d.name === directive) ?? fail(`the unknown directive @${directive}`);
      const [name, locations, args, isRepeatable] = directive;
      return new GraphQLDirective({
        name,
        description: descriptions?.[`@${name}`],
        locations,
        args: arguments_(`@${name}`, args),
        isRepeatable: isRepeatable === true,
      });
    }),
    assumeValid,
  });
}

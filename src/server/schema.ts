import { GraphQLScalarType, isObjectType, isScalarType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { schemaData } from '../graphql/generated/schemaData';
import { resolvers } from '../graphql/resolvers';
import { decodeSchema } from './schemaCodec';

// The executable schema with graphql-js alone (issue 11). @graphql-tools/schema's makeExecutableSchema
// re-parsed and merged the SDL that `npm run generate` has already merged into one text, and carried
// ~60 KB of @graphql-tools into the Lambda bundle; it was over half of createLambdaHandler's cold start.
// The schema is built from the data `npm run generate` encodes (src/server/schemaCodec.ts), not from the
// SDL: parsing it and walking its syntax tree was most of what building the schema cost a cold start.
// Onus's resolver map holds two kinds of entry only, attached here in place: resolve functions of
// object types' fields, and custom scalars. Anything else fails the build rather than being dropped.

/** The schema Apollo serves: schema/*.graphql (as generated) with src/graphql/resolvers attached. */
export function onusSchema(): GraphQLSchema {
  // The Lambda bundle (npm start's too) is built with NODE_ENV=production (serverless.yml): it does not
  // validate the schema again (Apollo's constructor would, ~5 ms of a cold start): `npm run generate`
  // validated it, and every test builds the same data, validated.
  const schema = decodeSchema(schemaData, { assumeValid: process.env.NODE_ENV === 'production' });
  attachResolvers(schema, resolvers);
  return schema;
}

/**
 * Attaches each entry of `resolverMap` to `schema`'s types, in place. Throws on an entry for a type or
 * field the schema does not have (a typo would otherwise leave the field unresolved: null, or an error
 * for a non-null field, at run time) and on a kind of entry Onus does not use (interfaces, unions,
 * enums, __isTypeOf, subscribe), which would need code here first.
 */
export function attachResolvers(schema: GraphQLSchema, resolverMap: object): void {
  for (const [typeName, entry] of Object.entries(resolverMap) as Array<[string, unknown]>) {
    const type = schema.getType(typeName);
    if (!type) throw new Error(`Resolvers for type ${typeName}, which the schema does not have`);
    if (isScalarType(type)) {
      if (!(entry instanceof GraphQLScalarType)) throw new Error(`The resolver for scalar ${typeName} must be a GraphQLScalarType`);
      // The coercion and its specification; the name and description stay the SDL's (the contract).
      type.serialize = entry.serialize;
      type.parseValue = entry.parseValue;
      type.parseLiteral = entry.parseLiteral;
      type.specifiedByURL = entry.specifiedByURL;
    } else if (isObjectType(type)) {
      const fields = type.getFields();
      for (const [fieldName, resolve] of Object.entries(entry as object) as Array<[string, unknown]>) {
        const field = fields[fieldName];
        if (!field) throw new Error(`A resolver for ${typeName}.${fieldName}, which the schema does not have`);
        if (typeof resolve !== 'function')
          throw new Error(`The resolver for ${typeName}.${fieldName} must be a function (src/server/schema.ts attaches no other kind)`);
        field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
      }
    } else {
      throw new Error(`Resolvers for ${typeName}, a type of a kind src/server/schema.ts does not attach resolvers to`);
    }
  }
}

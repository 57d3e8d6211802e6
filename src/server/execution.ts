import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { execute, getVariableValues, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { GraphQLContext } from '../graphql/context';

type Gateway = ApolloServerOptionsWithGateway<GraphQLContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter (issue 11). A customer
 * screen completes ~15,000 fields per response; graphql-js walks the selection set for each one
 * (argument maps, paths, type checks), which was most of what a warm request spent beyond the
 * database and JSON.stringify. graphql-jit compiles each operation once into a function that does
 * only what that selection needs; the same schema, resolvers, validation and error formatting apply.
 *
 * Apollo Server 5 has no executor option: its migration guide names the gateway interface as the
 * place for a custom executor, which is all this "gateway" is (one schema, loaded once, never updated).
 */
export function jitGateway(schema: GraphQLSchema): Gateway {
  return {
    async load() {
      return { executor: jitExecutor(schema) };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}

export function jitExecutor(schema: GraphQLSchema): Executor {
  // Compiled once per parsed document and operation. Apollo hands the same DocumentNode for the same
  // text (its document store, an LRU), so this cache lives and dies with that one and needs no bound.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery>>();
  const compiledFor = (document: DocumentNode, operationName: string | null) => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    let query = byOperation.get(operationName ?? '');
    if (!query) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      if (!isCompiledQuery(result)) return result;
      byOperation.set(operationName ?? '', (query = result));
    }
    return query;
  };

  return async ({ document, operation, operationName, request, context }) => {
    const variableValues = request.variables ?? {};
    // No operation to run (none by that name): graphql-js words the error Apollo expects here.
    if (!operation) return execute({ schema, document, operationName, variableValues, contextValue: context });
    // Variables are checked by graphql-js first, so their errors read and carry their nodes exactly as
    // before: Apollo recognises those and answers BAD_USER_INPUT (graphql-jit's own are uncoded).
    const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues, { maxErrors: 50 });
    if (coercion.errors) return { errors: coercion.errors };
    const query = compiledFor(document, operationName);
    if (!isCompiledQuery(query)) return query;
    const result = (await query.query(undefined, context, variableValues)) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };
}

/**
 * graphql-jit's errors are GraphQLErrors by prototype only: without extensions (Apollo reads
 * `extensions.code` and would fail formatting, answering a bare "Internal server error") and with
 * immutable fields. Rebuilt as graphql-js builds them: same message, path, locations and original
 * error, so formatError and the request log see what they always saw.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  // Locations come already resolved (graphql-jit keeps no nodes); graphql-js assigns this field plainly.
  if (error.locations) (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

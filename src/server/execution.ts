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
 * database and JSON.stringify. graphql-jit compiles an operation once into a function that does only
 * what that selection needs; the same schema, resolvers, validation and error formatting apply.
 *
 * Compiling costs too: ~5-15 ms for the obligations screen (40 KB of generated code), ~90 ms for the
 * first compilation in a fresh process. So a document is compiled on its second use in a warm
 * function, and its first runs on graphql-js: a cold start pays nothing extra, and a document sent
 * once (a one-off query, or a hostile client sending a new one every time) never costs a compilation.
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

/** Uses of a document (and operation) after which it is compiled. */
export const COMPILE_ON_USE = 2;

export interface JitOptions {
  /** The use of a document that compiles it (1: the first). */
  readonly compileOnUse?: number;
  /** graphql-jit's compileQuery, unless a test watches it. */
  readonly compile?: typeof compileQuery;
}

export function jitExecutor(schema: GraphQLSchema, { compileOnUse = COMPILE_ON_USE, compile = compileQuery }: JitOptions = {}): Executor {
  // Per parsed document, per operation: the uses so far, then the compiled query. Apollo hands the same
  // DocumentNode for the same text (its document store, an LRU), so this lives and dies with that one
  // and needs no bound of its own.
  const seen = new WeakMap<DocumentNode, Map<string, number | CompiledQuery>>();

  /** The compiled query once the document is hot (or what graphql-jit refused), else null: run it on graphql-js. */
  const compiledFor = (document: DocumentNode, operationName: string | null) => {
    let byOperation = seen.get(document);
    if (!byOperation) seen.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    const entry = byOperation.get(key) ?? 0;
    if (typeof entry !== 'number') return entry;
    if (entry + 1 < compileOnUse) {
      byOperation.set(key, entry + 1);
      return null;
    }
    const result = compile(schema, document, operationName ?? undefined);
    if (!isCompiledQuery(result)) return result;
    byOperation.set(key, result);
    return result;
  };

  return async ({ document, operation, operationName, request, context }) => {
    const variableValues = request.variables ?? {};
    const compiled = operation ? compiledFor(document, operationName) : null;
    // Not hot yet, or no operation to run (graphql-js words the error Apollo expects there).
    if (!compiled) return execute({ schema, document, operationName, variableValues, contextValue: context });
    if (!isCompiledQuery(compiled)) return compiled;
    // Variables are checked by graphql-js first, so their errors read and carry their nodes exactly as
    // on the first use: Apollo recognises those and answers BAD_USER_INPUT (graphql-jit's own are uncoded).
    const coercion = getVariableValues(schema, operation!.variableDefinitions ?? [], variableValues, { maxErrors: 50 });
    if (coercion.errors) return { errors: coercion.errors };
    const result = (await compiled.query(undefined, context, variableValues)) as ExecutionResult;
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

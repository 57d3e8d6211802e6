import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput, type Problem } from '../domain/errors';
import type { GraphQLContext } from '../graphql/context';

/** Characters an ID may have, wherever the schema takes one (arguments and input fields alike). */
export const MAX_ID_LENGTH = 128;
/** Characters a pagination cursor (`after`, `before`) may have; Onus's own cursors are under 200. */
export const MAX_CURSOR_LENGTH = 512;

const CURSOR_ARGUMENTS = new Set(['after', 'before']);

type Segment = string | number;

/** `input.serviceIds[3]` → `serviceIds[3]`: paths written as the domain writes them. */
const formatPath = (path: readonly Segment[]) =>
  (path[0] === 'input' ? path.slice(1) : path).map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

/**
 * Every ID and cursor a document passes, in its literals and its variables, checked against the
 * length limits before anything runs. DynamoDB refuses a key over 2,048 bytes with an error of its
 * own (an internal error to Onus), and a long value is never a real id: checking here covers every
 * argument and input field of type ID without touching a resolver.
 */
export function lengthProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): Problem[] {
  const problems: Problem[] = [];
  const check = (value: unknown, type: GraphQLInputType, path: Segment[], cursor: boolean): void => {
    if (value === null || value === undefined) return;
    if (isNonNullType(type)) return check(value, type.ofType, path, cursor);
    if (isListType(type)) {
      if (Array.isArray(value)) value.forEach((item, i) => check(item, type.ofType, [...path, i], cursor));
      else check(value, type.ofType, path, cursor);
      return;
    }
    if (isInputObjectType(type)) {
      if (typeof value !== 'object') return;
      for (const field of Object.values(type.getFields())) check((value as Record<string, unknown>)[field.name], field.type, [...path, field.name], false);
      return;
    }
    if (!isScalarType(type) || typeof value !== 'string') return;
    if (type.name === 'ID' && value.length > MAX_ID_LENGTH) {
      problems.push({ path: formatPath(path), message: `is ${value.length} characters long; an id has at most ${MAX_ID_LENGTH}` });
    } else if (cursor && value.length > MAX_CURSOR_LENGTH) {
      problems.push({
        path: formatPath(path),
        message: `is ${value.length} characters long; a cursor has at most ${MAX_CURSOR_LENGTH}: pass the endCursor a page returned`,
      });
    }
  };
  for (const { node, type, cursor } of argumentSites(schema, document, operationName)) {
    let value: unknown;
    try {
      value = valueFromAST(node.value, type, variables);
    } catch {
      continue;
    }
    check(value, type, [node.name.value], cursor);
  }
  return problems;
}

/** An argument of the operation that can carry an ID or a cursor: only these are checked per request. */
interface Site {
  readonly node: ArgumentNode;
  readonly type: GraphQLInputType;
  readonly cursor: boolean;
}

// Which arguments can carry an ID or a cursor depends on the document alone, so it is found once per
// parsed document (Apollo hands the same DocumentNode for the same text) rather than by walking the
// whole document with type information on every request: a screen query with no such argument then
// costs nothing here (issue 11).
const sitesOf = new WeakMap<DocumentNode, { schema: GraphQLSchema; byOperation: Map<string, readonly Site[]> }>();

function argumentSites(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): readonly Site[] {
  let cached = sitesOf.get(document);
  if (!cached || cached.schema !== schema) sitesOf.set(document, (cached = { schema, byOperation: new Map() }));
  const known = cached.byOperation.get(operationName ?? '');
  if (known) return known;
  const sites: Site[] = [];
  const typeInfo = new TypeInfo(schema);
  let inOperation = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: {
        enter(node) {
          inOperation = !operationName || node.name?.value === operationName;
        },
      },
      FragmentDefinition: {
        enter() {
          inOperation = true;
        },
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!inOperation || !argument) return;
        const cursor = CURSOR_ARGUMENTS.has(node.name.value);
        if (cursor || mayHoldId(argument.type)) sites.push({ node, type: argument.type, cursor });
      },
    }),
  );
  cached.byOperation.set(operationName ?? '', sites);
  return sites;
}

/** Whether a value of `type` can contain an ID anywhere (input objects followed, each once). */
function mayHoldId(type: GraphQLInputType, seen = new Set<GraphQLInputType>()): boolean {
  if (isNonNullType(type) || isListType(type)) return mayHoldId(type.ofType, seen);
  if (isScalarType(type)) return type.name === 'ID';
  if (!isInputObjectType(type) || seen.has(type)) return false;
  seen.add(type);
  return Object.values(type.getFields()).some((field) => mayHoldId(field.type, seen));
}

export function inputLimitsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const problems = lengthProblems(schema, document, request.operationName, request.variables ?? {});
          if (!problems.length) return;
          const shown = problems.slice(0, 20);
          const message = `${shown.map((p) => `"${p.path}" ${p.message}`).join('; ')}${problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : ''}.`;
          throw new GraphQLError(message, { originalError: badInput(message, shown), extensions: { http: { status: 400 } } });
        },
      };
    },
  };
}

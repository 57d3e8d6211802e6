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
        let value: unknown;
        try {
          value = valueFromAST(node.value, argument.type, variables);
        } catch {
          return;
        }
        check(value, argument.type, [node.name.value], CURSOR_ARGUMENTS.has(node.name.value));
      },
    }),
  );
  return problems;
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

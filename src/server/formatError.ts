import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, Kind, parse, visit, type DocumentNode, type GraphQLFormattedError, type ValueNode } from 'graphql';
import { ErrorCode, OnusError, type Problem } from '../domain/errors';
import { ScalarRejection } from '../graphql/scalars';

// Codes Apollo itself assigns to problems in the request (syntax, validation, variables, HTTP):
// their messages are written for clients and safe to pass on.
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // Apollo's code (GraphOS safelisting) for a document outside the trusted list: src/server/trustedDocuments.ts.
  'PERSISTED_QUERY_NOT_IN_LIST',
]);

// Errors Apollo raises about the request itself without a code: passed on with Apollo's BAD_REQUEST
// (a persisted query whose hash does not match its text is the client's mistake, not Onus's bug).
const APOLLO_UNCODED: Record<string, string> = {
  'provided sha does not match query':
    'The persisted query hash does not match the query sent: send the SHA-256 (hex) of the exact query text in extensions.persistedQuery.sha256Hash, or send the query without it.',
};

function apolloUncoded(error: unknown): string | null {
  if (!(error instanceof GraphQLError) || error.path || error.originalError || error.extensions?.code) return null;
  return APOLLO_UNCODED[error.message] ?? null;
}

export const INTERNAL_MESSAGE = 'Something went wrong on our side. It has been logged; quote the requestId when you report it.';

/**
 * Decides what a client may see of an error. Onus's own errors pass with their code and problems;
 * Apollo's request errors pass as they are; anything else is a bug whose message may carry
 * internals (table names, SDK text), so it is replaced. Logging happens in the request plugin,
 * which knows the request id.
 */
/** The OnusError behind a resolver error, or behind the GraphQLError the context function throws. */
export function onusErrorOf(error: unknown): OnusError | null {
  const original = unwrapResolverError(error);
  if (original instanceof OnusError) return original;
  if (original instanceof GraphQLError && original.originalError instanceof OnusError) return original.originalError;
  return null;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const requestId = formatted.extensions?.requestId;
  const onus = onusErrorOf(error);
  if (onus) {
    return {
      message: onus.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: onus.code, ...(onus.problems.length ? { problems: onus.problems } : {}) },
    };
  }
  const uncoded = apolloUncoded(error);
  if (uncoded) return { message: uncoded, extensions: { code: 'BAD_REQUEST' } };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && APOLLO_CLIENT_CODES.has(code) && original === error) {
    const input = inputProblem(error, code);
    if (input) {
      return {
        message: input.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: ErrorCode.BAD_USER_INPUT, problems: [input.problem] },
      };
    }
    return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code } };
  }
  return {
    message: INTERNAL_MESSAGE,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}

/** True when formatError would mask this error: it must be logged in full. */
export function isUnexpected(error: unknown, code: unknown): boolean {
  if (onusErrorOf(error) || apolloUncoded(error)) return false;
  const original = unwrapResolverError(error);
  return !(typeof code === 'string' && APOLLO_CLIENT_CODES.has(code) && original === error);
}

// Values refused before any resolver runs: a variable's value the schema does not accept (a date a
// scalar refuses, a missing input field…: Apollo's BAD_USER_INPUT), or a literal in the document a
// scalar refuses (graphql-js reports it as GRAPHQL_VALIDATION_FAILED). Both become BAD_USER_INPUT
// with the one problem, addressed as the domain addresses its problems: from the field's arguments,
// `.name` and `[index]`, the argument `input` left out (`startDate`, `certifications[0].expiresOn`,
// `responsibilities[2].evidence[0].url`, `changeNote`).

interface InputProblem {
  readonly message: string;
  readonly problem: Problem;
}

function inputProblem(error: unknown, code: string): InputProblem | null {
  if (!(error instanceof GraphQLError)) return null;
  const node = error.nodes?.length === 1 ? error.nodes[0]! : undefined;
  const source = node?.loc?.source.body;
  if (!node || source === undefined) return null;
  const rejection = error.originalError instanceof ScalarRejection ? error.originalError : null;
  if (code === 'BAD_USER_INPUT' && node.kind === Kind.VARIABLE_DEFINITION) {
    const variable = node.variable.name.value;
    const reason = error.originalError?.message ?? error.message;
    const usage = pathOf(source, (value) => value.kind === Kind.VARIABLE && value.name.value === variable) ?? [];
    const path = formatPath([...usage, ...pathInVariable(error.message, variable, reason)]);
    return { message: error.message, problem: { path: path || `$${variable}`, message: rejection?.problem ?? reason } };
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' && rejection) {
    const start = node.loc!.start;
    const path = formatPath(pathOf(source, (value) => value.loc?.start === start) ?? []);
    return { message: `Invalid value at "${path}": ${rejection.problem}`, problem: { path, message: rejection.problem } };
  }
  return null;
}

type Segment = string | number;

/** The path graphql-js printed in `Variable "$v" got invalid value … at "v.a[0].b"; <reason>`, inside the variable. */
function pathInVariable(message: string, variable: string, reason: string): Segment[] {
  const prefix = message.endsWith(`; ${reason}`) ? message.slice(0, -(reason.length + 2)) : message;
  const printed = new RegExp(`at "${variable}((?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+\\])*)"$`).exec(prefix)?.[1] ?? '';
  return [...printed.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

/** Where, among the arguments of the document's fields, the first value node matching `found` is. */
function pathOf(source: string, found: (value: ValueNode) => boolean): Segment[] | null {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch {
    return null;
  }
  let result: Segment[] | null = null;
  const walk = (value: ValueNode, path: Segment[]) => {
    if (result) return;
    if (found(value)) result = path;
    else if (value.kind === Kind.OBJECT) for (const field of value.fields) walk(field.value, [...path, field.name.value]);
    else if (value.kind === Kind.LIST) value.values.forEach((item, i) => walk(item, [...path, i]));
  };
  visit(document, {
    Argument(argument) {
      walk(argument.value, [argument.name.value]);
    },
  });
  return result;
}

/** `input.certifications[0].expiresOn` → `certifications[0].expiresOn`, as the domain writes paths. */
function formatPath(path: readonly Segment[]): string {
  const relative = path[0] === 'input' ? path.slice(1) : path;
  return relative.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

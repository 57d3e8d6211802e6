import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, OnusError } from '../domain/errors';

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
]);

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
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && APOLLO_CLIENT_CODES.has(code) && original === error) {
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
  if (onusErrorOf(error)) return false;
  const original = unwrapResolverError(error);
  return !(typeof code === 'string' && APOLLO_CLIENT_CODES.has(code) && original === error);
}

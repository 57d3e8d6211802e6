import type { ApolloServerPlugin } from '@apollo/server';
import { isUnexpected, onusErrorOf } from './formatError';
import type { GraphQLContext } from '../graphql/context';
import type { Logger } from '../log';
import { currentRequestScope } from './requestScope';

/** Characters of an operation name the request log line keeps. */
export const MAX_LOGGED_OPERATION_NAME = 200;

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Feeds the request's log line (operation name, error codes) and logs every unexpected error in
 * full with the request id, before formatError masks it for the client.
 */
export function observabilityPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName }) {
          const scope = currentRequestScope();
          // Clients choose the name: a 900 KB name must not make a 900 KB log line.
          if (scope) scope.operationName = operationName ? truncate(operationName, MAX_LOGGED_OPERATION_NAME) : null;
        },
        async didEncounterErrors({ errors }) {
          const scope = currentRequestScope();
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isUnexpected(error, code)) {
              // Carried to formatError so the client can quote it.
              if (scope) (error.extensions as Record<string, unknown>).requestId = scope.requestId;
              const original = error.originalError ?? error;
              const details = {
                requestId: scope?.requestId,
                path: error.path?.join('.'),
                error: { name: original.name, message: original.message, stack: original.stack },
              };
              // After a timeout answer, what the abandoned work runs into (the database it was
              // waiting for) is a consequence already reported on the request's line.
              if (scope?.timedOut) logger.warn('error after the request ran out of time', details);
              else logger.error('unexpected error', details);
            }
            const onus = onusErrorOf(error)?.code ?? null;
            const unexpected = isUnexpected(error, code);
            scope?.errorCodes.push(onus ?? (unexpected ? 'INTERNAL_SERVER_ERROR' : typeof code === 'string' ? code : 'BAD_REQUEST'));
          }
        },
      };
    },
  };
}

import { handlers } from '@as-integrations/aws-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

// The integration answers a malformed request with the raw parser message as text/plain, and Apollo
// answers some HTTP-level problems in plain text too. Clients of a GraphQL API expect JSON with a
// code everywhere, so both are rewritten here into {"errors":[{message, extensions:{code}}]}.

type Result = APIGatewayProxyStructuredResultV2;

class MalformedRequest extends Error {}

export function jsonErrorResult(statusCode: number, code: string, message: string, headers: Record<string, string> = {}): Result {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  return {
    statusCode,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) },
    body,
  };
}

export function createV2RequestHandler() {
  const base = handlers.createAPIGatewayProxyEventV2RequestHandler();
  return handlers.createRequestHandler<APIGatewayProxyEventV2, Result>(
    (event) => {
      try {
        return base.fromEvent(event);
      } catch {
        throw new MalformedRequest('The request body is not valid JSON. Send {"query": "...", "variables": {...}} with content-type application/json.');
      }
    },
    {
      success(response) {
        const result = base.toSuccessResult(response) as Result;
        const contentType = String(result.headers?.['content-type'] ?? '');
        if ((result.statusCode ?? 200) >= 400 && !contentType.includes('json')) {
          const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
          delete headers['content-length'];
          return jsonErrorResult(result.statusCode ?? 400, 'BAD_REQUEST', String(result.body ?? 'Bad request').trim(), headers);
        }
        return result;
      },
      error(error) {
        const message = error instanceof MalformedRequest ? error.message : 'The request could not be read as a GraphQL request.';
        return jsonErrorResult(400, 'BAD_REQUEST', message);
      },
    },
  );
}

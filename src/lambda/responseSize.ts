import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

// Lambda fails a response whose JSON (the result object, in which the body is escaped again) passes
// 6 MB, with no body the caller could read, so the handler measures it first (README, Limits).

const occurrences = (text: string, char: string): number => {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count += 1;
  return count;
};

/** The result without its body, serialised: status, headers (a few hundred bytes). */
const envelopeBytes = (result: APIGatewayProxyStructuredResultV2) => Buffer.byteLength(JSON.stringify({ ...result, body: '' }));

/** A body Onus writes as JSON (every GraphQL answer and error), as opposed to a gateway's plain text. */
const isJsonText = (body: string) => body.startsWith('{') || body.startsWith('[');

/**
 * The bytes of the Lambda response as Lambda will serialise it. A body of JSON text, which is what Apollo
 * and the handler's own errors write, holds no raw control character and no lone surrogate (JSON.stringify
 * escapes both), so escaping it again adds one byte per quote and per backslash: those are counted instead
 * of escaping a 2.7 MB screen once more (issue 11: ~3× cheaper). Any other body is escaped and measured.
 */
export function lambdaResponseBytes(result: APIGatewayProxyStructuredResultV2): number {
  const body = result.body ?? '';
  if (!isJsonText(body)) return Buffer.byteLength(JSON.stringify(result));
  return envelopeBytes(result) + Buffer.byteLength(body) + occurrences(body, '"') + occurrences(body, '\\');
}

/** Whether the Lambda response would pass `limit` bytes. */
export function responseTooLarge(result: APIGatewayProxyStructuredResultV2, limit: number): boolean {
  // Escaping at most doubles JSON text (and a raw control character in other text at most sextuples):
  // measure only when it could matter.
  const body = result.body ?? '';
  if (Buffer.byteLength(body) * (isJsonText(body) ? 2 : 6) + envelopeBytes(result) < limit) return false;
  return lambdaResponseBytes(result) > limit;
}

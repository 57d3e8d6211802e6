import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ErrorCode, OnusError } from '../domain/errors';
import { admitCall, currentMeter, record, startWave, type ConsumedCapacity } from './metering';

export interface ClientOptions {
  readonly region: string;
  readonly endpoint: string | null;
  readonly maxAttempts: number;
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

// Commands that can report what they consumed; asking costs nothing and feeds the per-request meter.
const METERED = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'TransactGetItemsCommand',
  'BatchWriteItemCommand',
]);

export function createDocumentClient(options: ClientOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint
      ? // DynamoDB Local accepts any credentials; fixed ones keep a developer's AWS profile out of it.
        { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: options.maxAttempts,
    // The SDK's default handler waits forever on a dead connection; a Lambda must fail fast instead.
    // Options, not a NodeHttpHandler: the client builds its handler from its own @smithy packages, so the
    // Lambda bundle imports no @smithy package of its own (the runtime's SDK carries them; README, Deploying).
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'Unknown';
      // Bounded work per request: the call past the budget, or after the request's deadline, is
      // never sent. Nothing is written after the caller has been answered.
      const refused = admitCall();
      if (refused === 'budget') {
        throw new OnusError(
          ErrorCode.REQUEST_TOO_EXPENSIVE,
          `This request needs more than ${currentMeter()!.budget} database reads and writes, the most one request may make. Ask for fewer services, versions or drafts at once (fewer aliases or a smaller \`first\`), or split the query into several requests.`,
        );
      }
      if (refused === 'deadline') {
        throw new OnusError(
          ErrorCode.REQUEST_TIMED_OUT,
          'The request ran out of time before it could finish. Nothing more was written after this point; read the current state before retrying a change.',
        );
      }
      const input = args.input as { ReturnConsumedCapacity?: string };
      if (METERED.has(name)) input.ReturnConsumedCapacity ??= 'TOTAL';
      let consumed: ConsumedCapacity | ConsumedCapacity[] | undefined;
      const completed = startWave();
      try {
        const result = await next(args);
        consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
        return result;
      } catch (error) {
        throw clientProblem(error) ?? error;
      } finally {
        // A refused conditional write is still a round trip: count it too.
        record(name, consumed);
        completed();
      }
    },
    { step: 'initialize', name: 'onusMeter' },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

// DynamoDB's own refusals of what a client sent, past the checks before the call (IDs and cursors
// have length limits, README "Limits"): a pagination cursor that names a key outside the query's
// range, or a key DynamoDB cannot hold. These are the caller's problem, never an internal error.
const CLIENT_VALIDATION = [
  // A cursor from an earlier page, then a `to` moved before it: the range left is empty.
  {
    pattern: /BETWEEN operator requires upper bound to be greater than or equal to lower bound/,
    message: 'The `after` cursor lies outside the range asked (`from` … `to`): start again without `after`, or keep the range the cursor was read with.',
    path: 'after',
  },
  {
    pattern: /starting key is outside query boundaries|Exclusive ?Start ?Key|starting key is invalid/i,
    message: 'The cursor does not belong to this query (another filter, range or list). Start again without `after`, or pass a cursor this query returned.',
    path: 'after',
  },
  {
    pattern: /exceeded the maximum size limit|Key attribute .* size/i,
    message: 'An id or cursor is longer than Onus accepts; ids are at most 128 characters.',
    path: 'id',
  },
];

function clientProblem(error: unknown): OnusError | null {
  if (!(error instanceof Error) || error.name !== 'ValidationException') return null;
  const match = CLIENT_VALIDATION.find((c) => c.pattern.test(error.message));
  return match ? new OnusError(ErrorCode.BAD_USER_INPUT, match.message, [{ path: match.path, message: match.message }]) : null;
}

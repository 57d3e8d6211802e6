import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { record, type ConsumedCapacity } from './metering';

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
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectionTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      throwOnRequestTimeout: true,
    }),
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'Unknown';
      const input = args.input as { ReturnConsumedCapacity?: string };
      if (METERED.has(name)) input.ReturnConsumedCapacity ??= 'TOTAL';
      let consumed: ConsumedCapacity | ConsumedCapacity[] | undefined;
      try {
        const result = await next(args);
        consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
        return result;
      } finally {
        // A refused conditional write is still a round trip: count it too.
        record(name, consumed);
      }
    },
    { step: 'initialize', name: 'onusMeter' },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

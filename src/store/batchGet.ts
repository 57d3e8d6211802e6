import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from './keys';

const MAX_KEYS = 100;
const MAX_RETRIES = 5;

/**
 * Reads many items in as few round trips as DynamoDB allows: 100 keys a request, duplicates removed,
 * UnprocessedKeys retried with backoff (DynamoDB returns them under throttling or past 16 MB).
 * Returns items by "pk|sk" so callers can restore their own order.
 */
export async function batchGet(client: DynamoDBDocumentClient, table: string, keys: readonly Key[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Map(keys.map((k) => [keyId(k), { pk: k.pk, sk: k.sk }])).values()];
  for (let i = 0; i < unique.length; i += MAX_KEYS) {
    let pending: Record<string, unknown>[] = unique.slice(i, i + MAX_KEYS);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > MAX_RETRIES) throw new Error(`BatchGet left ${pending.length} keys unprocessed after ${MAX_RETRIES} retries`);
      if (attempt > 0) await sleep(25 * 2 ** attempt);
      const out = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
      for (const item of out.Responses?.[table] ?? []) found.set(keyId(item as unknown as Key), item);
      pending = (out.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return found;
}

export const keyId = (k: Key) => `${k.pk}|${k.sk}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from './keys';

/** DynamoDB's most keys in one BatchGetItem. */
const MAX_KEYS = 100;
/**
 * Keys a page holds when its items may be as large as DynamoDB allows (400 KB, e.g. contract body
 * chunks): 40 of them stay under BatchGetItem's 16 MB response limit, so such a page is never cut
 * short by size and needs no second round trip.
 */
export const LARGE_ITEM_KEYS = 40;
const MAX_ROUNDS = 6;
const RESPONSE_BYTES = 16 * 1024 * 1024;
const ITEM_BYTES = 400 * 1024;

export interface BatchGetOptions {
  /** Strongly consistent: for the read of a read-modify-write (the guard must see the latest write). */
  readonly consistent?: boolean;
  /** Keys per request; LARGE_ITEM_KEYS when items may be near 400 KB. */
  readonly pageSize?: number;
}

/**
 * Reads many items in as few sequential round trips as DynamoDB allows: duplicates removed, pages of
 * at most 100 keys sent all at once (not one after another), and the keys a page leaves unprocessed
 * sent again. DynamoDB leaves keys unprocessed for two reasons: the 16 MB response limit (the page
 * answered with something, so the rest is retried at once, no reason to wait) or throttling (nothing
 * came back: back off before asking again). Returns items by "pk|sk" so callers restore their order.
 */
export async function batchGet(
  client: DynamoDBDocumentClient,
  table: string,
  keys: readonly Key[],
  options: BatchGetOptions = {},
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Map(keys.map((k) => [keyId(k), { pk: k.pk, sk: k.sk }])).values()];
  const size = Math.min(MAX_KEYS, options.pageSize ?? MAX_KEYS);
  const pages: Record<string, unknown>[][] = [];
  for (let i = 0; i < unique.length; i += size) pages.push(unique.slice(i, i + size));
  await Promise.all(pages.map((page) => readPage(client, table, page, options.consistent ?? false, found)));
  return found;
}

async function readPage(
  client: DynamoDBDocumentClient,
  table: string,
  keys: Record<string, unknown>[],
  consistent: boolean,
  found: Map<string, Record<string, unknown>>,
): Promise<void> {
  let pending = keys;
  let throttled = 0;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) throw new Error(`BatchGet left ${pending.length} keys unprocessed after ${MAX_ROUNDS} rounds`);
    if (throttled > 0) await sleep(25 * 2 ** throttled);
    const out = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ...(consistent ? { ConsistentRead: true } : {}) } } }));
    const items = out.Responses?.[table] ?? [];
    for (const item of items) found.set(keyId(item as unknown as Key), item);
    const left = (out.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    const units = (out.ConsumedCapacity ?? []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
    // What the read units say was read (4 KB a unit, 8 KB eventually consistent): near 16 MB, the
    // response filled up; anything less, DynamoDB held keys back because it is throttling us.
    const filledUp = units * (consistent ? 4096 : 8192) >= RESPONSE_BYTES - ITEM_BYTES;
    throttled = left.length > 0 && !filledUp ? throttled + 1 : 0;
    pending = left;
  }
}

export const keyId = (k: Key) => `${k.pk}|${k.sk}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

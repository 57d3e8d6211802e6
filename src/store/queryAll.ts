import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** Every item a Query matches, following pages (DynamoDB returns at most 1 MB per call), from input's ExclusiveStartKey if given. */
export async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined = input.ExclusiveStartKey;
  do {
    const out = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * How many items a Query matches (Select COUNT: no item comes back), following pages, counting no
 * further than `upTo` when given (a cap check reads at most that many items).
 */
export async function queryCount(client: DynamoDBDocumentClient, input: QueryCommandInput, upTo = Number.POSITIVE_INFINITY): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const limit = Number.isFinite(upTo) ? { Limit: upTo - count } : {};
    const out = await client.send(new QueryCommand({ ...input, ...limit, Select: 'COUNT', ExclusiveStartKey: start }));
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start && count < upTo);
  return count;
}

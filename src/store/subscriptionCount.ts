import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { customerPk } from './keys';
import type { Store } from './store';

/**
 * How many subscriptions a customer holds, counting no further than `upTo`: a strongly consistent
 * COUNT Query of the subscription items of its partition (SUB#…, before its statuses), so checking a
 * cap reads at most `upTo` small items whatever the number of statuses.
 */
export async function countSubscriptions(store: Pick<Store, 'client' | 'table'>, organizationId: string, upTo: number): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.client.send(
      new QueryCommand({
        TableName: store.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sub)',
        ExpressionAttributeValues: { ':pk': customerPk(organizationId), ':sub': 'SUB#' },
        Select: 'COUNT',
        ConsistentRead: true,
        Limit: upTo - count,
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start && count < upTo);
  return count;
}

import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll, queryCount } from './queryAll';
import type { TrackingRecord } from '../domain/obligations/tracking';
import type { Subscription } from '../domain/subscriptions/subscription';
import { batchGet, keyId } from './batchGet';
import { withoutStorageAttributes } from './items';
import { planSegments, TRACKING_PREFIX, type Segment } from './partitionSegments';
import { customerPk, INDEX, serviceKey, subscribersOf, subscriptionKey, trackingKey } from './keys';
import { toService, type StoredService } from './services';

/** What a change to one subscription (or to one status under it) decides on, read fresh. */
export interface SubscriptionBasis {
  readonly subscription: Subscription | null;
  /** The subscribed service: which version is in effect. */
  readonly service: StoredService | null;
  /** The obligation's current record, when a status is asked for (null: none yet). */
  readonly tracking: TrackingRecord | null;
}

/** A customer's partition being read: the subscriptions, and the statuses still arriving. */
export interface PartitionRead {
  readonly subscriptions: Subscription[];
  readonly tracking: Promise<TrackingRecord[]>;
}

/** Everything a customer's obligation screens need from its own partition. */
export interface CustomerRecords {
  readonly subscriptions: Subscription[];
  readonly tracking: TrackingRecord[];
}

export class CustomerStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The customer's subscriptions and statuses together (see openRecords). */
  async records(organizationId: string): Promise<CustomerRecords> {
    const { subscriptions, tracking } = await this.openRecords(organizationId);
    return { subscriptions, tracking: await tracking };
  }

  /**
   * The customer's partition: one Query, whose first page (1 MB) holds every subscription, and for a
   * partition larger than that, the rest read in parallel ranges (partitionSegments.ts) while the
   * caller goes on with the subscriptions: resolves with them after the first page, and `tracking`
   * once every range is read. Eventually consistent, as the screens' reads may be.
   */
  async openRecords(organizationId: string): Promise<PartitionRead> {
    const pk = customerPk(organizationId);
    const items: Record<string, unknown>[] = [];
    let bytes = 0;
    let start: Record<string, unknown> | undefined;
    // Pages after the first only while still among the subscriptions (over 1 MB of them: never in practice).
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: start,
          // Its read units measure the page, which sizes the ranges read after it.
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      items.push(...(out.Items ?? []));
      bytes += (out.ConsumedCapacity?.CapacityUnits ?? 0) * 8192;
      start = out.LastEvaluatedKey;
    } while (start && String(start.sk) < TRACKING_PREFIX);
    const subscriptions = items.filter((i) => i.type === 'Subscription').map((i) => withoutStorageAttributes<Subscription>(i));
    const first = items.flatMap((i) => (i.type === 'ObligationStatus' ? [withoutStorageAttributes<TrackingRecord>(i)] : []));
    if (!start) return { subscriptions, tracking: Promise.resolve(first) };
    const segments = planSegments({
      sortKeys: items.map((i) => String(i.sk)),
      stoppedAt: String(start.sk),
      bytes,
      serviceIds: subscriptions.map((s) => s.serviceId),
    });
    const tracking = Promise.all(segments.map((segment) => this.segment(pk, segment, start!))).then((pages) => {
      // A range starts where the one before it ends (inclusive both): an item on the line is read twice.
      const seen = new Set<string>();
      const rest = pages.flat().filter((i) => !seen.has(String(i.sk)) && !!seen.add(String(i.sk)));
      return [...first, ...rest.flatMap((i) => (i.type === 'ObligationStatus' ? [withoutStorageAttributes<TrackingRecord>(i)] : []))];
    });
    // Handled here too: a caller whose other reads fail first never awaits it.
    tracking.catch(() => undefined);
    return { subscriptions, tracking };
  }

  private segment(pk: string, { from, after, to }: Segment, stoppedAt: Record<string, unknown>) {
    return queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: to === null ? 'pk = :pk AND sk >= :from' : 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': from, ...(to === null ? {} : { ':to': to }) },
      ...(after ? { ExclusiveStartKey: stoppedAt } : {}),
    });
  }

  /** Whether the customer subscribes to the service: one small strongly consistent GetItem of the subscription's key, whatever the partition's size. */
  async subscribes(organizationId: string, serviceId: string): Promise<boolean> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.table, Key: subscriptionKey(organizationId, serviceId), ConsistentRead: true, ProjectionExpression: 'pk' }),
    );
    return out.Item !== undefined;
  }

  /**
   * The few items a write to one subscription decides on, in one strongly consistent BatchGetItem
   * (the write's guard must see the latest write): the subscription, its service and, for a status,
   * the obligation's record. A few RU whatever the size of the customer's partition, which a write
   * never reads whole.
   */
  async subscriptionBasis(organizationId: string, serviceId: string, obligationId?: string): Promise<SubscriptionBasis> {
    const keys = [
      subscriptionKey(organizationId, serviceId),
      serviceKey(serviceId),
      ...(obligationId ? [trackingKey(organizationId, serviceId, obligationId)] : []),
    ];
    const found = await batchGet(this.client, this.table, keys, { consistent: true });
    const [subscription, service, tracking] = keys.map((k) => found.get(keyId(k)));
    return {
      subscription: subscription ? withoutStorageAttributes<Subscription>(subscription) : null,
      service: service ? toService(service) : null,
      tracking: tracking ? withoutStorageAttributes<TrackingRecord>(tracking) : null,
    };
  }

  /**
   * How many organizations subscribe to a service: a COUNT Query of the service's subscribers
   * partition in GSI1 (no item comes back, so nobody is named). Always exact, nothing to migrate or
   * keep in step, and no counter on the service item for subscribes and publishes to contend on.
   */
  async countSubscribers(serviceId: string, only: 'ALL' | 'FOLLOWING_LATEST' = 'ALL'): Promise<number> {
    // Following the latest version: not pinned (a null pinnedVersion, or none in older items).
    const following = only === 'FOLLOWING_LATEST' ? { FilterExpression: 'attribute_not_exists(pinnedVersion) OR pinnedVersion = :null' } : {};
    return queryCount(this.client, {
      TableName: this.table,
      IndexName: INDEX.gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': subscribersOf(serviceId), ...(only === 'FOLLOWING_LATEST' ? { ':null': null } : {}) },
      ...following,
    });
  }

  /**
   * How many subscriptions a customer holds, counting no further than `upTo`: a strongly consistent
   * COUNT Query of the subscription items of its partition (SUB#…, which sort before its statuses),
   * so checking a cap reads at most `upTo` small items whatever the number of statuses.
   */
  async countSubscriptions(organizationId: string, upTo: number): Promise<number> {
    return queryCount(
      this.client,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sub)',
        ExpressionAttributeValues: { ':pk': customerPk(organizationId), ':sub': 'SUB#' },
        ConsistentRead: true,
      },
      upTo,
    );
  }

  /** A new subscription (one per customer and service) or a replacement guarded by `updatedAt`. */
  subscriptionPut(subscription: Subscription, expected: { readonly create: true } | { readonly updatedAt: string }) {
    return {
      TableName: this.table,
      Item: {
        ...subscriptionKey(subscription.customerOrganizationId, subscription.serviceId),
        gsi1pk: subscribersOf(subscription.serviceId),
        gsi1sk: subscription.customerOrganizationId,
        type: 'Subscription',
        ...subscription,
      },
      ...('create' in expected
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'updatedAt = :expected', ExpressionAttributeValues: { ':expected': expected.updatedAt } }),
    };
  }

  /** Ends a subscription that still exists (a second unsubscribe is a conflict, not a silent no-op). */
  subscriptionDelete(previous: Pick<Subscription, 'customerOrganizationId' | 'serviceId'>) {
    return { TableName: this.table, Key: subscriptionKey(previous.customerOrganizationId, previous.serviceId), ConditionExpression: 'attribute_exists(pk)' };
  }

  /** Records a status; `expectedUpdatedAt` (null: no record yet) guards against lost updates. */
  trackingPut(organizationId: string, record: TrackingRecord, expectedUpdatedAt: string | null) {
    return {
      TableName: this.table,
      Item: { ...trackingKey(organizationId, record.serviceId, record.obligationId), type: 'ObligationStatus', ...record },
      ...(expectedUpdatedAt === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'updatedAt = :expected', ExpressionAttributeValues: { ':expected': expectedUpdatedAt } }),
    };
  }
}

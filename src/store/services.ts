import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ScheduledVersion } from '../domain/contracts/version';
import { DEFAULT_CHANGE_NOTICE_DAYS, type CloudService } from '../domain/services/service';
import { batchGet, keyId } from './batchGet';
import { withoutStorageAttributes } from './items';
import { INDEX, providerServices, SERVICE_LIST, serviceKey, sortableName } from './keys';

/**
 * A service as stored: the domain fields plus the pointer to its latest published version and the
 * newest versions that were still to take effect when it moved (a VersionTimeline: which version is
 * in effect is derived from both at read time, so the customer screens read nothing more).
 */
export interface StoredService extends CloudService {
  /** The latest published version; null until the first version is published. */
  readonly currentVersion: number | null;
  readonly scheduledVersions: readonly ScheduledVersion[];
}

export interface ServiceSearch {
  readonly providerOrganizationId?: string | null;
  readonly serviceModel?: string | null;
  readonly certification?: string | null;
  readonly region?: string | null;
  readonly text?: string | null;
}

export const toService = (item: Record<string, unknown>): StoredService => {
  const stored = withoutStorageAttributes<StoredService>(item);
  // Services stored before effective dates existed: every version took effect when published.
  return {
    ...stored,
    currentVersion: stored.currentVersion ?? null,
    scheduledVersions: stored.scheduledVersions ?? [],
    changeNoticeDays: stored.changeNoticeDays ?? DEFAULT_CHANGE_NOTICE_DAYS,
  };
};

export class ServiceStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The item of a new or updated service; `expectedUpdatedAt` guards an update against lost writes. */
  putItem(service: StoredService, expected: { readonly create: true } | { readonly updatedAt: string; readonly currentVersion: number | null }) {
    return {
      TableName: this.table,
      Item: {
        ...serviceKey(service.id),
        gsi1pk: providerServices(service.providerOrganizationId),
        gsi1sk: sortableName(service.name, service.id),
        gsi2pk: SERVICE_LIST,
        gsi2sk: sortableName(service.name, service.id),
        type: 'CloudService',
        // Denormalised for search filters (DynamoDB filters cannot look inside lists of maps).
        searchText: `${service.name} ${service.description ?? ''}`.toLowerCase(),
        certificationKinds: service.certifications.map((c) => c.kind),
        ...service,
      },
      ...('create' in expected
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : // A publish may have moved the version pointer since the service was read: the whole-item
          // Put must not roll it back, so it checks the pointer too.
          {
            ConditionExpression:
              expected.currentVersion === null
                ? 'updatedAt = :expected AND (attribute_not_exists(currentVersion) OR currentVersion = :null)'
                : 'updatedAt = :expected AND currentVersion = :version',
            ExpressionAttributeValues: {
              ':expected': expected.updatedAt,
              ...(expected.currentVersion === null ? { ':null': null } : { ':version': expected.currentVersion }),
            },
          }),
    };
  }

  /**
   * Moves the current-version pointer from `from` to `to`, with the versions still to take effect;
   * fails if another publish got there first (the schedule was computed from the pointer read).
   */
  pointerUpdate(serviceId: string, from: number | null, to: number, updatedAt: string, scheduledVersions: readonly ScheduledVersion[]) {
    return {
      TableName: this.table,
      Key: serviceKey(serviceId),
      UpdateExpression: 'SET currentVersion = :to, contractUpdatedAt = :at, scheduledVersions = :scheduled',
      ConditionExpression:
        from === null ? 'attribute_exists(pk) AND (attribute_not_exists(currentVersion) OR currentVersion = :null)' : 'currentVersion = :from',
      ExpressionAttributeValues: {
        ':to': to,
        ':at': updatedAt,
        ':scheduled': scheduledVersions.map(({ version, effectiveFrom }) => ({ version, effectiveFrom })),
        ...(from === null ? { ':null': null } : { ':from': from }),
      },
    };
  }

  /** A strongly consistent read, for read-modify-write paths. */
  async get(id: string): Promise<StoredService | null> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: serviceKey(id), ConsistentRead: true }));
    return out.Item ? toService(out.Item) : null;
  }

  async getMany(ids: readonly string[]): Promise<(StoredService | null)[]> {
    const keys = ids.map(serviceKey);
    const found = await batchGet(this.client, this.table, keys);
    return keys.map((k) => {
      const item = found.get(keyId(k));
      return item ? toService(item) : null;
    });
  }

  /**
   * Services in name order matching every criterion. DynamoDB applies Limit before filters, so pages
   * are read until `limit` matches are found; the cursor is the last returned item's sort key.
   */
  async search(criteria: ServiceSearch, limit: number, after: string | null): Promise<{ items: StoredService[]; next: string | null }> {
    const byProvider = !!criteria.providerOrganizationId;
    const [hash, range] = byProvider ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
    const filters: string[] = [];
    const values: Record<string, unknown> = { ':h': byProvider ? providerServices(criteria.providerOrganizationId!) : SERVICE_LIST };
    if (after) values[':after'] = after;
    const filter = (expression: string, name: string, value: unknown) => {
      filters.push(expression);
      values[name] = value;
    };
    if (criteria.serviceModel) filter('serviceModel = :model', ':model', criteria.serviceModel);
    if (criteria.certification) filter('contains(certificationKinds, :cert)', ':cert', criteria.certification);
    if (criteria.region) filter('contains(regions, :region)', ':region', criteria.region.trim().toLowerCase());
    if (criteria.text?.trim()) filter('contains(searchText, :text)', ':text', criteria.text.trim().toLowerCase());
    const input: QueryCommandInput = {
      TableName: this.table,
      IndexName: byProvider ? INDEX.gsi1 : INDEX.gsi2,
      KeyConditionExpression: `${hash} = :h${after ? ` AND ${range} > :after` : ''}`,
      ExpressionAttributeValues: values,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      Limit: filters.length ? Math.max(limit * 4, 50) : limit + 1,
    };
    const matches: Record<string, unknown>[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: exclusiveStartKey }));
      matches.push(...(out.Items ?? []));
      exclusiveStartKey = out.LastEvaluatedKey;
    } while (exclusiveStartKey && matches.length <= limit);
    const page = matches.slice(0, limit);
    const hasMore = matches.length > limit || !!exclusiveStartKey;
    const last = page[page.length - 1];
    return { items: page.map(toService), next: hasMore && last ? String(last[range]) : null };
  }
}

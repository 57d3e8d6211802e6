import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CommitmentScope } from '../domain/contracts/commitments';
import type { StoredInterval } from '../domain/monitoring/report';
import { withoutStorageAttributes } from './items';
import { measuredIntervalKey, monitoringPk, monitoringSourcePrefix } from './keys';
import { queryAll } from './queryAll';

/** Monitoring clients' measured intervals, one partition per service, scope and month. */
export class MonitoringStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** One source's intervals of a month: one Query (another page per 1 MB, ~4,000 intervals). */
  async month(serviceId: string, scope: CommitmentScope, month: string, sourceOrganizationId: string): Promise<StoredInterval[]> {
    const items = await queryAll(this.client, this.monthQuery(serviceId, scope, month, sourceOrganizationId));
    return items.map((item) => withoutStorageAttributes<StoredInterval>(item));
  }

  /** The Query of month() (no I/O: tests check it offline). */
  monthQuery(serviceId: string, scope: CommitmentScope, month: string, sourceOrganizationId: string) {
    return {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :source)',
      ExpressionAttributeValues: { ':pk': monitoringPk(serviceId, scope, month), ':source': monitoringSourcePrefix(sourceOrganizationId) },
    };
  }

  /** Unconditional: the same source, scope and start is the same item, so a retry or correction replaces it. Kept for good (claims need closed months). */
  intervalPut(interval: StoredInterval) {
    return {
      TableName: this.table,
      Item: {
        ...measuredIntervalKey(interval.serviceId, interval.scope, interval.month, interval.source.organizationId, interval.start),
        type: 'MeasuredInterval',
        ...interval,
      },
    };
  }
}

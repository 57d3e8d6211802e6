import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CommitmentScope } from '../domain/contracts/commitments';
import type { ExclusionCause, SourceKind, StoredInterval } from '../domain/monitoring/report';
import { withoutStorageAttributes } from './items';
import { measuredIntervalKey, monitoringPk, monitoringSourcePrefix } from './keys';
import { queryAll } from './queryAll';

/** What an interval's item holds besides its key. */
interface StoredItem {
  readonly start: string;
  readonly end: string;
  readonly errorRatePercent: number;
  readonly sourceKind: SourceKind;
  readonly reportedAt: string;
  readonly reportedBy: string;
  readonly exclusion?: ExclusionCause;
  readonly maintenanceAnnouncedAt?: string;
  readonly note?: string;
}

/** Monitoring clients' measured intervals, one partition per service, scope and month. */
export class MonitoringStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** One source's intervals of a month: one Query (another page per 1 MB, ~4,000 intervals). */
  async month(serviceId: string, scope: CommitmentScope, month: string, sourceOrganizationId: string): Promise<StoredInterval[]> {
    const items = await queryAll(this.client, this.monthQuery(serviceId, scope, month, sourceOrganizationId));
    return items.map((item) => {
      const stored = withoutStorageAttributes<StoredItem>(item);
      return {
        serviceId,
        scope,
        month,
        source: { organizationId: sourceOrganizationId, kind: stored.sourceKind },
        start: stored.start,
        end: stored.end,
        errorRatePercent: stored.errorRatePercent,
        exclusion: stored.exclusion ?? null,
        maintenanceAnnouncedAt: stored.maintenanceAnnouncedAt ?? null,
        note: stored.note ?? null,
        reportedAt: stored.reportedAt,
        reportedBy: stored.reportedBy,
      };
    });
  }

  /** The Query of month() (no I/O: tests check it offline). */
  monthQuery(serviceId: string, scope: CommitmentScope, month: string, sourceOrganizationId: string) {
    return {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :source)',
      ExpressionAttributeValues: { ':pk': monitoringPk(serviceId, scope, month), ':source': monitoringSourcePrefix(sourceOrganizationId) },
    };
  }

  /**
   * Unconditional: the same source, scope and start is the same item, so a retry or correction
   * replaces it. Kept for good (claims need closed months). Small on purpose: what the key says
   * (service, scope, month, source) is not repeated, and absent values are left out, so a 1 MB
   * Query page holds more of a month.
   */
  intervalPut(interval: StoredInterval) {
    const item: StoredItem = {
      start: interval.start,
      end: interval.end,
      errorRatePercent: interval.errorRatePercent,
      sourceKind: interval.source.kind,
      reportedAt: interval.reportedAt,
      reportedBy: interval.reportedBy,
      ...(interval.exclusion ? { exclusion: interval.exclusion } : {}),
      ...(interval.maintenanceAnnouncedAt ? { maintenanceAnnouncedAt: interval.maintenanceAnnouncedAt } : {}),
      ...(interval.note ? { note: interval.note } : {}),
    };
    return {
      TableName: this.table,
      Item: {
        ...measuredIntervalKey(interval.serviceId, interval.scope, interval.month, interval.source.organizationId, interval.start),
        type: 'MeasuredInterval',
        ...item,
      },
    };
  }
}

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CommitmentScope } from '../domain/contracts/commitments';
import type { IncidentContent, StoredItem as StoredMonitoringItemContent } from '../domain/monitoring/items';
import { emptyLedger, mergeShards, type DowntimeEntry, type Ledger } from '../domain/monitoring/ledger';
import type { ExclusionCause, SourceKind, StoredInterval } from '../domain/monitoring/report';
import { batchGet } from './batchGet';
import { withoutStorageAttributes } from './items';
import { measuredIntervalKey, monitoringItemKey, monitoringLedgerPk, monitoringLedgerSk, monitoringPk, monitoringSourcePrefix, type Key } from './keys';
import { queryAll } from './queryAll';

/** A monitoring item with where it belongs and how long it is kept. */
export interface StoredMonitoringItem extends StoredMonitoringItemContent {
  readonly serviceId: string;
  readonly scope: CommitmentScope;
  readonly sourceOrganizationId: string;
  /** Epoch seconds: DynamoDB's TTL deletes the raw item after the retention. */
  readonly expiresAt: number;
}

/** A ledger shard with where it belongs and its version (the guard of its read-modify-write). */
export interface StoredLedger {
  readonly serviceId: string;
  readonly scope: CommitmentScope;
  readonly sourceOrganizationId: string;
  readonly shard: number;
  readonly ledger: Ledger;
  readonly version: number;
}

// Ledgers are stored compressed (deflate): a month's watched-minute counts are 87 KB raw, mostly
// runs of the same value, a few hundred bytes compressed; the lists are JSON.
const pack = (bytes: Uint8Array) => deflateRawSync(bytes);
const unpack = (value: unknown): Buffer => inflateRawSync(value as Uint8Array);
const packJson = (value: unknown) => pack(Buffer.from(JSON.stringify(value)));
const unpackJson = <T>(value: unknown): T => JSON.parse(unpack(value).toString('utf8')) as T;

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

  /** The stored items of these ids (strongly consistent: the read of a read-modify-write). */
  async items(serviceId: string, scope: CommitmentScope, organizationId: string, ids: readonly string[]): Promise<Map<string, StoredMonitoringItem>> {
    const found = await batchGet(
      this.client,
      this.table,
      ids.map((id) => monitoringItemKey(serviceId, scope, organizationId, id)),
      { consistent: true },
    );
    const out = new Map<string, StoredMonitoringItem>();
    for (const item of found.values()) {
      const stored = this.itemOf(item, serviceId, scope, organizationId);
      out.set(stored.id, stored);
    }
    return out;
  }

  /** One item with its history; null when never reported (or expired). */
  async item(serviceId: string, scope: CommitmentScope, organizationId: string, id: string): Promise<StoredMonitoringItem | null> {
    return (await this.items(serviceId, scope, organizationId, [id])).get(id) ?? null;
  }

  private itemOf(item: Record<string, unknown>, serviceId: string, scope: CommitmentScope, organizationId: string): StoredMonitoringItem {
    return {
      serviceId,
      scope,
      sourceOrganizationId: organizationId,
      id: String(item.sk).slice('ITEM#'.length),
      revision: item.revision as number,
      content: JSON.parse(item.content as string),
      reportedAt: item.reportedAt as string,
      reportedBy: item.reportedBy as string,
      history: item.history ? unpackJson(item.history) : [],
      expiresAt: item.expiresAt as number,
    };
  }

  /** A new revision, guarded: nobody wrote another revision since it was read. */
  itemPut(item: StoredMonitoringItem, previousRevision: number | null) {
    return {
      TableName: this.table,
      Item: {
        ...monitoringItemKey(item.serviceId, item.scope, item.sourceOrganizationId, item.id),
        type: 'MonitoringItem',
        kind: item.content.kind,
        revision: item.revision,
        content: JSON.stringify(item.content),
        reportedAt: item.reportedAt,
        reportedBy: item.reportedBy,
        ...(item.history.length ? { history: packJson(item.history) } : {}),
        expiresAt: item.expiresAt,
      },
      ...(previousRevision === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'revision = :previous', ExpressionAttributeValues: { ':previous': previousRevision } }),
    };
  }

  /** One shard's ledgers of one source by month (or OPEN), strongly consistent; missing ones come back empty at version 0. */
  async ledgers(
    serviceId: string,
    scope: CommitmentScope,
    organizationId: string,
    shard: number,
    months: readonly string[],
  ): Promise<Map<string, StoredLedger>> {
    const pk = monitoringLedgerPk(serviceId, scope);
    const keys: Key[] = months.map((m) => ({ pk, sk: monitoringLedgerSk(m, organizationId, shard) }));
    const found = await batchGet(this.client, this.table, keys, { consistent: true, pageSize: 40 });
    const out = new Map<string, StoredLedger>();
    for (const month of months) {
      const item = found.get(`${pk}|${monitoringLedgerSk(month, organizationId, shard)}`);
      out.set(month, {
        serviceId,
        scope,
        sourceOrganizationId: organizationId,
        shard,
        ledger: item ? ledgerOf(month, item) : emptyLedger(month),
        version: item ? (item.version as number) : 0,
      });
    }
    return out;
  }

  /**
   * Every source's ledger of a month (one Query over every source's shards) and every source's open
   * downtime (one Query), by source organization, shards added up.
   */
  async monthLedgers(serviceId: string, scope: CommitmentScope, month: string): Promise<{ month: Map<string, Ledger>; open: Map<string, Ledger> }> {
    const [months, open] = await Promise.all([
      queryAll(this.client, this.ledgerQuery(serviceId, scope, `M#${month}#`)),
      queryAll(this.client, this.ledgerQuery(serviceId, scope, 'OPEN#')),
    ]);
    const bySource = (items: Record<string, unknown>[], name: string) => {
      const shards = new Map<string, Ledger[]>();
      for (const item of items) {
        const parts = String(item.sk).split('#');
        const source = parts.at(-2)!;
        shards.set(source, [...(shards.get(source) ?? []), ledgerOf(name, item)]);
      }
      return new Map([...shards].map(([source, list]) => [source, mergeShards(name, list)]));
    };
    return { month: bySource(months, month), open: bySource(open, 'OPEN') };
  }

  /** The Query of monthLedgers (no I/O: tests check it offline). */
  ledgerQuery(serviceId: string, scope: CommitmentScope, prefix: string) {
    return {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': monitoringLedgerPk(serviceId, scope), ':prefix': prefix },
    };
  }

  /** A ledger's new state, guarded by its version; kept for good (no expiresAt): closed months never depend on expired items. */
  ledgerPut(stored: StoredLedger, previousVersion: number | null) {
    const { ledger } = stored;
    return {
      TableName: this.table,
      Item: {
        pk: monitoringLedgerPk(stored.serviceId, stored.scope),
        sk: monitoringLedgerSk(ledger.month, stored.sourceOrganizationId, stored.shard),
        type: 'MonitoringLedger',
        version: (previousVersion ?? 0) + 1,
        ...(ledger.watched ? { watched: pack(new Uint8Array(ledger.watched.buffer, ledger.watched.byteOffset, ledger.watched.byteLength)) } : {}),
        downtime: packJson([...ledger.downtime]),
        incidents: packJson([...ledger.incidents]),
      },
      ...(previousVersion
        ? { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': previousVersion } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    };
  }
}

function ledgerOf(month: string, item: Record<string, unknown>): Ledger {
  let watched: Uint16Array | null = null;
  if (item.watched) {
    const bytes = unpack(item.watched);
    watched = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  return {
    month,
    watched: month === 'OPEN' ? null : (watched ?? emptyLedger(month).watched),
    downtime: new Map(unpackJson<[string, DowntimeEntry][]>(item.downtime)),
    incidents: new Map(unpackJson<[string, IncidentContent][]>(item.incidents)),
  };
}

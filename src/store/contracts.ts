import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './queryAll';
import type { ContractDraft, ContractVersion } from '../domain/contracts/version';
import type { Responsibility } from '../domain/contracts/responsibility';
import { batchGet, keyId } from './batchGet';
import { chunkKey, draftKey, versionKey, versionSummaryKey, type Key } from './keys';
import { decodeBody, encodeBody } from './contractBody';

// Drafts and published versions of a service's contract. A body is gzipped JSON in a header item
// (chunk 0) plus, rarely, more chunk items; the header says how many there are.

type Meta<T> = Omit<T, 'responsibilities'>;

interface BodyItem {
  readonly body: Uint8Array;
  readonly chunkCount: number;
}

export interface StoredDraft extends ContractDraft {
  readonly chunkCount: number;
}

export interface PublishedVersionSummary {
  readonly version: number;
  readonly changeNote: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
}

/** Published versions never change: a warm function keeps the ones it has read. */
class VersionCache {
  private readonly entries = new Map<string, ContractVersion>();
  constructor(private readonly capacity = 500) {}
  get(key: string): ContractVersion | undefined {
    const hit = this.entries.get(key);
    if (hit) (this.entries.delete(key), this.entries.set(key, hit)); // most recently used last
    return hit;
  }
  set(key: string, version: ContractVersion): void {
    this.entries.set(key, version);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

export class ContractStore {
  private readonly cache = new VersionCache();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Puts for a body under `header`: the header item itself (with `meta`) and any further chunks. */
  private bodyPuts(header: Key, meta: Record<string, unknown>, responsibilities: readonly Responsibility[], condition?: { expression: string; values?: Record<string, unknown> }) {
    const chunks = encodeBody(responsibilities);
    const headerPut = {
      TableName: this.table,
      Item: { ...header, ...meta, body: chunks[0], chunkCount: chunks.length },
      ...(condition ? { ConditionExpression: condition.expression, ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}) } : {}),
    };
    const rest = chunks.slice(1).map((body, i) => ({ TableName: this.table, Item: { ...chunkKey(header, i + 1), body } }));
    return { headerPut, rest, chunkCount: chunks.length };
  }

  private chunkDeletes(header: Key, from: number, to: number) {
    const deletes = [];
    for (let n = from; n < to; n++) deletes.push({ TableName: this.table, Key: chunkKey(header, n) });
    return deletes;
  }

  /** Reads the body chunks beyond the header's, in one BatchGetItem, for all headers given. */
  private async fullBodies(headers: readonly (Key & BodyItem)[]): Promise<Responsibility[][]> {
    const extra = headers.flatMap((h) => Array.from({ length: h.chunkCount - 1 }, (_, i) => chunkKey(h, i + 1)));
    const found = extra.length ? await batchGet(this.client, this.table, extra) : new Map();
    return headers.map((h) => {
      const chunks = [h.body];
      for (let n = 1; n < h.chunkCount; n++) {
        const chunk = found.get(keyId(chunkKey(h, n))) as { body: Uint8Array } | undefined;
        if (!chunk) throw new Error(`contract body chunk ${n} of ${h.pk}/${h.sk} is missing`);
        chunks.push(chunk.body);
      }
      return decodeBody(chunks);
    });
  }

  // ---- drafts ----

  /** The draft and how many body items it spans (a save must delete the chunks it no longer needs). */
  async getDraft(serviceId: string, consistent = true): Promise<StoredDraft | null> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: draftKey(serviceId), ConsistentRead: consistent }));
    if (!out.Item) return null;
    const item = out.Item as Key & BodyItem & Meta<ContractDraft>;
    const [responsibilities] = await this.fullBodies([item]);
    return {
      serviceId: item.serviceId,
      revision: item.revision,
      basedOnVersion: item.basedOnVersion ?? null,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      updatedBy: item.updatedBy,
      responsibilities: responsibilities!,
      chunkCount: item.chunkCount,
    };
  }

  /**
   * Transaction items that save `draft`: a new draft (no draft may exist) when `previous` is null,
   * otherwise an update that succeeds only if the stored revision is still `previous.revision`.
   */
  draftWrites({ chunkCount: _ignored, ...draft }: ContractDraft & { chunkCount?: number }, previous: { revision: number; chunkCount: number } | null) {
    const header = draftKey(draft.serviceId);
    const { responsibilities, ...meta } = draft;
    const { headerPut, rest, chunkCount } = this.bodyPuts(
      header,
      { type: 'ContractDraft', ...meta },
      responsibilities,
      previous ? { expression: 'revision = :rev', values: { ':rev': previous.revision } } : { expression: 'attribute_not_exists(pk)' },
    );
    return [
      { Put: headerPut },
      ...rest.map((Put) => ({ Put })),
      ...this.chunkDeletes(header, chunkCount, previous?.chunkCount ?? 1).map((Delete) => ({ Delete })),
    ];
  }

  /** Deletes the draft, but only at `revision`: a draft someone changed meanwhile is not thrown away. */
  draftDeletes(serviceId: string, revision: number, chunkCount: number) {
    const header = draftKey(serviceId);
    return [
      { Delete: { TableName: this.table, Key: header, ConditionExpression: 'revision = :rev', ExpressionAttributeValues: { ':rev': revision } } },
      ...this.chunkDeletes(header, 1, chunkCount).map((Delete) => ({ Delete })),
    ];
  }

  // ---- versions ----

  /** Puts of a new version; the header's condition makes a second publish of number N fail. */
  versionWrites(version: ContractVersion) {
    const { responsibilities, ...meta } = version;
    const { headerPut, rest } = this.bodyPuts(versionKey(version.serviceId, version.version), { type: 'ContractVersion', ...meta }, responsibilities, {
      expression: 'attribute_not_exists(pk)',
    });
    const { version: number, changeNote, publishedAt, publishedBy } = version;
    const summary = { ...versionSummaryKey(version.serviceId, number), type: 'ContractVersionSummary', version: number, changeNote, publishedAt, publishedBy };
    return [{ Put: headerPut }, ...rest.map((Put) => ({ Put })), { Put: { TableName: this.table, Item: summary } }];
  }

  /** Many versions at once (e.g. every subscribed service's current one): cache first, then one batch. */
  async getVersions(refs: readonly { serviceId: string; version: number }[]): Promise<(ContractVersion | null)[]> {
    const cacheKey = (r: { serviceId: string; version: number }) => `${r.serviceId}#${r.version}`;
    const missing = refs.filter((r) => !this.cache.get(cacheKey(r)));
    if (missing.length) {
      const found = await batchGet(this.client, this.table, missing.map((r) => versionKey(r.serviceId, r.version)));
      const headers = [...found.values()] as unknown as (Key & BodyItem & Meta<ContractVersion>)[];
      const bodies = await this.fullBodies(headers);
      headers.forEach((h, i) => {
        const version: ContractVersion = {
          serviceId: h.serviceId,
          version: h.version,
          changeNote: h.changeNote,
          publishedAt: h.publishedAt,
          publishedBy: h.publishedBy,
          responsibilities: bodies[i]!,
        };
        this.cache.set(cacheKey(version), version);
      });
    }
    return refs.map((r) => this.cache.get(cacheKey(r)) ?? null);
  }

  /** The list of a service's versions, newest first, read from their small summary items (not the bodies). */
  async listVersions(serviceId: string): Promise<PublishedVersionSummary[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :vs)',
      ExpressionAttributeValues: { ':pk': versionKey(serviceId, 1).pk, ':vs': 'VS#' },
      ScanIndexForward: false,
    });
    return items.map(({ version, changeNote, publishedAt, publishedBy }) => ({ version, changeNote, publishedAt, publishedBy }) as PublishedVersionSummary);
  }
}


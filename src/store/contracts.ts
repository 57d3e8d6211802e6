import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LRUCache } from 'lru-cache';
import { compositeKey } from '../domain/compositeKey';
import { queryAll } from './queryAll';
import type { ContractDraft, ContractVersion } from '../domain/contracts/version';
import type { Commitments } from '../domain/contracts/commitments';
import type { Responsibility } from '../domain/contracts/responsibility';
import { batchGet, keyId, LARGE_ITEM_KEYS } from './batchGet';
import { chunkKey, draftKey, serviceKey, versionKey, versionSk, versionSummaryKey, type Key } from './keys';
import { decodeBody, encodeBody, type DecodedBody } from './contractBody';

// Drafts and published versions of a service's contract. A body is gzipped JSON in a header item
// (chunk 0) plus, rarely, more chunk items; the header says how many there are. A published version
// spanning several items also has its chunk count on the service item (the attribute
// chunkCountAttribute names), which every reader of a version has read first to learn which version
// is in effect: it asks for the header and all its chunks at once, one round trip instead of two.

/** The service item's attribute holding how many items version `version`'s body spans (only when more than one). */
export const chunkCountAttribute = (version: number) => `chunks${versionSk(version)}`;

/** How many items `version`'s body spans, as its service item says (undefined: one, or not recorded). */
export function versionChunkCount(service: object | null | undefined, version: number): number | undefined {
  const count = (service as Record<string, unknown> | null | undefined)?.[chunkCountAttribute(version)];
  return typeof count === 'number' ? count : undefined;
}

/** The transaction items of a unit of work, as far as this module needs to see them. */
interface TransactItemLike {
  readonly Put?: { readonly Item?: Record<string, unknown> };
  readonly Update?: {
    Key?: Record<string, unknown>;
    UpdateExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  };
}

type Meta<T> = Omit<T, 'responsibilities' | 'commitments'>;

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
  readonly effectiveFrom: string;
}

/** A published version, named: the key of the version loader and of the warm cache. */
export interface VersionRef {
  readonly serviceId: string;
  readonly version: number;
}

export const versionRefKey = (ref: VersionRef): string => compositeKey(ref.serviceId, ref.version);

/**
 * Published versions never change, so a warm function keeps the ones it has read, bounded by the
 * memory they take rather than by count: one maximum-size version holds ~8 MB of text in memory, so
 * a count limit would let a provider publish its way to an out-of-memory container for every tenant.
 * The default (128 MiB) keeps hundreds of real contracts (~300 KB each decompressed) in a 1 GB function.
 */
export const DEFAULT_VERSION_CACHE_BYTES = 128 * 1024 * 1024;

export class ContractStore {
  private readonly cache: LRUCache<string, ContractVersion>;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    cacheBytes = DEFAULT_VERSION_CACHE_BYTES,
  ) {
    // A version larger than the whole cache is served but not kept (lru-cache refuses it).
    this.cache = new LRUCache<string, ContractVersion>({ maxSize: cacheBytes, maxEntrySize: cacheBytes });
  }

  /** Puts for a body under `header`: the header item itself (with `meta`) and any further chunks. */
  private bodyPuts(
    header: Key,
    meta: Record<string, unknown>,
    { responsibilities, commitments }: { responsibilities: readonly Responsibility[]; commitments?: Commitments | null },
    condition?: { expression: string; values?: Record<string, unknown> },
  ) {
    const chunks = encodeBody(responsibilities, commitments);
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

  /**
   * Reads the body chunks beyond the header's that `read` does not hold yet (read with the headers
   * when their count was known), in one BatchGetItem, for all headers given.
   */
  private async fullBodies(headers: readonly (Key & BodyItem)[], read: ReadonlyMap<string, Record<string, unknown>> = new Map()): Promise<DecodedBody[]> {
    const extra = headers.flatMap((h) => Array.from({ length: h.chunkCount - 1 }, (_, i) => chunkKey(h, i + 1))).filter((k) => !read.has(keyId(k)));
    const found = new Map(read);
    if (extra.length) for (const [id, item] of await batchGet(this.client, this.table, extra, { pageSize: LARGE_ITEM_KEYS })) found.set(id, item);
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

  /**
   * Many services' drafts at once, e.g. `draft` on every service of a list: one BatchGetItem of the
   * header items (eventually consistent, as a read for display may be) and one more for the rare
   * bodies that span several items. Null where a service has no draft.
   */
  async getDrafts(serviceIds: readonly string[]): Promise<(StoredDraft | null)[]> {
    const found = await batchGet(this.client, this.table, serviceIds.map(draftKey));
    const headers = serviceIds.map((id) => found.get(keyId(draftKey(id))) as (Key & BodyItem & Meta<ContractDraft>) | undefined);
    const present = headers.filter((h): h is Key & BodyItem & Meta<ContractDraft> => !!h);
    const bodies = new Map(present.map((h, i) => [h, i]));
    const decoded = await this.fullBodies(present);
    return headers.map((item) => {
      if (!item) return null;
      // The header's draft fields (draftWrites stores the draft's own fields beside the key and
      // body), then whatever the body holds (responsibilities, and more as contracts grow).
      const { pk: _pk, sk: _sk, type: _type, body: _body, ...meta } = item as typeof item & { type?: string };
      const { memoryBytes: _memory, ...content } = decoded[bodies.get(item)!]!;
      return { ...meta, basedOnVersion: meta.basedOnVersion ?? null, ...content };
    });
  }

  /**
   * The draft and how many body items it spans (a save must delete the chunks it no longer needs),
   * read strongly consistent: an edit guarded by the draft's revision must start from the latest one.
   */
  async getDraft(serviceId: string): Promise<StoredDraft | null> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: draftKey(serviceId), ConsistentRead: true }));
    if (!out.Item) return null;
    const item = out.Item as Key & BodyItem & Meta<ContractDraft>;
    const [body] = await this.fullBodies([item]);
    return {
      serviceId: item.serviceId,
      revision: item.revision,
      basedOnVersion: item.basedOnVersion ?? null,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      updatedBy: item.updatedBy,
      responsibilities: body!.responsibilities,
      ...(body!.commitments ? { commitments: body!.commitments } : {}),
      chunkCount: item.chunkCount,
    };
  }

  /**
   * Transaction items that save `draft`: a new draft (no draft may exist) when `previous` is null,
   * otherwise an update that succeeds only if the stored revision is still `previous.revision`.
   */
  draftWrites({ chunkCount: _ignored, ...draft }: ContractDraft & { chunkCount?: number }, previous: { revision: number; chunkCount: number } | null) {
    const header = draftKey(draft.serviceId);
    const { responsibilities, commitments, ...meta } = draft;
    const { headerPut, rest, chunkCount } = this.bodyPuts(
      header,
      { type: 'ContractDraft', ...meta },
      { responsibilities, commitments },
      previous ? { expression: 'revision = :rev', values: { ':rev': previous.revision } } : { expression: 'attribute_not_exists(pk)' },
    );
    return [
      { Put: headerPut },
      ...rest.map((Put) => ({ Put })),
      ...this.chunkDeletes(header, chunkCount, previous?.chunkCount ?? 1).map((Delete) => ({ Delete })),
    ];
  }

  /** Deletes the draft, but only at its read revision: a draft someone changed meanwhile is not thrown away. */
  draftDeletes({ serviceId, revision, chunkCount }: StoredDraft) {
    const header = draftKey(serviceId);
    return [
      { Delete: { TableName: this.table, Key: header, ConditionExpression: 'revision = :rev', ExpressionAttributeValues: { ':rev': revision } } },
      ...this.chunkDeletes(header, 1, chunkCount).map((Delete) => ({ Delete })),
    ];
  }

  // ---- versions ----

  /** Puts of a new version; the header's condition makes a second publish of number N fail. */
  versionWrites(version: ContractVersion) {
    const { responsibilities, commitments, ...meta } = version;
    const { headerPut, rest } = this.bodyPuts(
      versionKey(version.serviceId, version.version),
      { type: 'ContractVersion', ...meta },
      { responsibilities, commitments },
      {
        expression: 'attribute_not_exists(pk)',
      },
    );
    const { version: number, changeNote, publishedAt, publishedBy, effectiveFrom } = version;
    const summary = {
      ...versionSummaryKey(version.serviceId, number),
      type: 'ContractVersionSummary',
      version: number,
      changeNote,
      publishedAt,
      publishedBy,
      effectiveFrom,
    };
    return [{ Put: headerPut }, ...rest.map((Put) => ({ Put })), { Put: { TableName: this.table, Item: summary } }];
  }

  /**
   * Many versions at once (e.g. every subscribed service's current one): cache first, then one batch
   * of the headers and, where `chunkCounts` knows a body spans several items (versionChunkCount of
   * the service item), its other chunks in the same round trip. Pages of LARGE_ITEM_KEYS, as headers
   * and chunks may each be near 400 KB.
   */
  async getVersions(refs: readonly VersionRef[], chunkCounts: (ref: VersionRef) => number | undefined = () => undefined): Promise<(ContractVersion | null)[]> {
    // Read into a local map too: an eviction (or a version too large to cache) must not lose an answer.
    const answers = new Map<string, ContractVersion>();
    const missing: VersionRef[] = [];
    for (const ref of refs) {
      const hit = this.cache.get(versionRefKey(ref));
      if (hit) answers.set(versionRefKey(ref), hit);
      else missing.push(ref);
    }
    if (missing.length) {
      const keys = missing.flatMap((r) => {
        const header = versionKey(r.serviceId, r.version);
        return [header, ...Array.from({ length: (chunkCounts(r) ?? 1) - 1 }, (_, i) => chunkKey(header, i + 1))];
      });
      const found = await batchGet(this.client, this.table, keys, { pageSize: LARGE_ITEM_KEYS });
      const headers = missing.flatMap((r) => found.get(keyId(versionKey(r.serviceId, r.version))) ?? []) as unknown as (Key &
        BodyItem &
        Meta<ContractVersion>)[];
      const bodies = await this.fullBodies(headers, found);
      headers.forEach((h, i) => {
        const body = bodies[i]!;
        const version: ContractVersion = {
          serviceId: h.serviceId,
          version: h.version,
          changeNote: h.changeNote,
          publishedAt: h.publishedAt,
          publishedBy: h.publishedBy,
          // Versions published before effective dates existed took effect when published.
          effectiveFrom: h.effectiveFrom ?? h.publishedAt,
          responsibilities: body.responsibilities,
          ...(body.commitments ? { commitments: body.commitments } : {}),
        };
        answers.set(versionRefKey(version), version);
        this.cache.set(versionRefKey(version), version, { size: Math.max(1, body.memoryBytes) });
      });
    }
    return refs.map((r) => answers.get(versionRefKey(r)) ?? null);
  }

  /**
   * `items` with the chunk count of each version they publish across several items written onto the
   * service item, by the same transaction's Update of the version pointer (a transaction may touch
   * an item once). Versions in one item record nothing: no attribute means one.
   */
  withChunkCounts<T extends TransactItemLike>(items: T[]): T[] {
    for (const { Put } of items) {
      const header = Put?.Item;
      if (header?.type !== 'ContractVersion' || !((header.chunkCount as number) > 1)) continue;
      const service = serviceKey(header.serviceId as string);
      const pointer = items.find(({ Update }) => Update?.Key?.pk === service.pk && Update.Key.sk === service.sk)?.Update;
      if (!pointer) continue;
      pointer.UpdateExpression = `${pointer.UpdateExpression}, #chunks = :chunks`;
      pointer.ExpressionAttributeNames = { ...pointer.ExpressionAttributeNames, '#chunks': chunkCountAttribute(header.version as number) };
      pointer.ExpressionAttributeValues = { ...pointer.ExpressionAttributeValues, ':chunks': header.chunkCount };
    }
    return items;
  }

  /** The list of a service's versions, newest first, read from their small summary items (not the bodies). */
  async listVersions(serviceId: string): Promise<PublishedVersionSummary[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :vs)',
      ExpressionAttributeValues: { ':pk': versionKey(serviceId, 1).pk, ':vs': 'VS#' },
      ScanIndexForward: false,
    });
    return items.map(
      ({ version, changeNote, publishedAt, publishedBy, effectiveFrom }) =>
        ({ version, changeNote, publishedAt, publishedBy, effectiveFrom: effectiveFrom ?? publishedAt }) as PublishedVersionSummary,
    );
  }
}

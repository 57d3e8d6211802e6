import type { CommitmentScope } from '../../domain/contracts/commitments';
import { ErrorCode, OnusError } from '../../domain/errors';
import type { AuditEvent } from '../../domain/audit/event';
import { BATCH_LIMITS, decide, validateBatch, type Decision, type ItemInput, type ReportedItem } from '../../domain/monitoring/items';
import { apply, checkLedgers, cloneLedger, ledgersOf, OPEN, shardOf, type Ledger } from '../../domain/monitoring/ledger';
import type { MonitoringSource } from '../../domain/monitoring/report';
import { plural } from '../../domain/text';
import type { StoredLedger, StoredMonitoringItem } from '../../store/monitoring';
import type { Change } from '../../store/unitOfWork';
import { audited } from '../audit';
import { nowIso, type AppContext } from '../context';
import { requireService } from '../load';
import { reportingSource } from './sources';

export interface MonitoringBatchInput {
  readonly serviceId: string;
  readonly scope?: { readonly region?: string | null; readonly tier?: string | null } | null;
  readonly items: readonly ItemInput[];
}

export interface StaleItem {
  readonly id: string;
  readonly revision: number;
  readonly storedRevision: number;
}

export interface MonitoringBatchReceipt {
  readonly serviceId: string;
  readonly scope: CommitmentScope;
  readonly source: MonitoringSource;
  readonly itemsReceived: number;
  readonly created: number;
  readonly corrected: number;
  /** Same id, revision and content as stored: a retry, counted once. */
  readonly unchanged: number;
  /** A lower revision than stored: a late retry, ignored so it never undoes a newer correction. */
  readonly stale: readonly StaleItem[];
  /** The months (YYYY-MM) whose reports changed. */
  readonly months: readonly string[];
}

/** DynamoDB's most actions in one transaction. */
const TRANSACTION_ITEMS = 100;
/** A shard racing another batch on the same items or ledgers is read again and re-decided this many times before CONFLICT. */
const ATTEMPTS = 4;
const DAY_S = 86_400;

const touchedBy = (d: Decision) => [...ledgersOf(d.item.content), ...(d.previous ? ledgersOf(d.previous.content) : [])];

/**
 * A monitoring client's batch (MONITOR of the provider or of a subscribing customer): validated
 * whole, each item decided against what is stored (new, correction, retry, stale) and every ledger
 * checked as the whole batch would leave it, before anything is written. Items are then written per
 * ledger shard (by item id), the shards in parallel, each in transactions of up to 100 actions
 * holding items' new revisions (guarded by the revision read) and the shard's month ledgers they
 * change (guarded by their version), so a ledger never disagrees with the items. A shard racing
 * another batch re-reads and re-decides; a batch cut short (a crash between transactions) is
 * completed by sending it again: what landed counts as unchanged.
 */
export async function reportMonitoring(context: AppContext, input: MonitoringBatchInput): Promise<MonitoringBatchReceipt> {
  const service = await requireService(context, input.serviceId);
  const source = await reportingSource(context, service);
  const { scope, items } = validateBatch({ scope: input.scope, items: input.items }, { regions: service.regions, now: context.clock() });
  const target = { serviceId: service.id, scope, source };

  // The whole batch read and checked first: a refused batch writes nothing.
  const first = await readShards(context, target, items);
  const final = [...first.values()].flatMap((s) => {
    const ledgers = new Map([...s.ledgers].map(([k, l]) => [k, cloneLedger(l.ledger)]));
    for (const d of s.writes) changeLedgers(ledgers, d);
    return [...ledgers.values()];
  });
  checkLedgers(final);

  const where = [scope.region ?? 'all regions', scope.tier ?? 'every tier'].join(', ');
  const writes = [...first.values()].flatMap((s) => s.writes);
  const audit = audited(
    context,
    'monitoring.report',
    { type: 'CloudService', id: service.id, organizationId: source.organizationId },
    `reported ${plural(writes.filter((d) => d.outcome === 'CREATED').length, 'new monitoring item')} and ${plural(writes.filter((d) => d.outcome === 'CORRECTED').length, 'correction')} of "${service.name}" (${where})`,
    { serviceId: service.id, scope, sourceKind: source.kind, items: items.length, ids: items.slice(0, 20).map((i) => i.id) },
  );
  // A batch is more than one transaction (a transaction holds 100 actions), so it cannot be written
  // all at once. The audit event rides with the first shard that writes, and the other shards start
  // only once that shard has landed: whatever of a batch is stored, its audit event is too (a batch
  // cut short, e.g. by the time limit, is completed by sending it again, which audits what it adds).
  const carrier = [...first.keys()].find((k) => first.get(k)!.writes.length > 0);
  const write = (shard: number) =>
    writeShard(
      context,
      target,
      shard,
      items.filter((i) => shardOf(i.id) === shard),
      first.get(shard)!,
      shard === carrier ? audit : null,
    );
  const led = carrier === undefined ? [] : [await write(carrier)];
  const outcomes = [...led, ...(await Promise.all([...first.keys()].filter((shard) => shard !== carrier).map(write)))];
  const decisions = outcomes.flatMap((o) => o.decisions);
  const months = new Set(outcomes.flatMap((o) => o.months));
  const count = (outcome: Decision['outcome']) => decisions.filter((d) => d.outcome === outcome).length;
  return {
    serviceId: service.id,
    scope,
    source,
    itemsReceived: input.items.length,
    created: count('CREATED'),
    corrected: count('CORRECTED'),
    unchanged: count('UNCHANGED'),
    stale: decisions.filter((d) => d.outcome === 'STALE').map((d) => ({ id: d.item.id, revision: d.item.revision, storedRevision: d.previous!.revision })),
    months: [...months].filter((m) => m !== OPEN).sort(),
  };
}

interface Target {
  readonly serviceId: string;
  readonly scope: CommitmentScope;
  readonly source: MonitoringSource;
}

interface ShardState {
  readonly decisions: Decision[];
  readonly writes: Decision[];
  readonly ledgers: Map<string, StoredLedger>;
}

/** Items and the ledgers their writes touch, per shard: one BatchGetItem for the items, one per shard for its ledgers. */
async function readShards(context: AppContext, target: Target, items: readonly ReportedItem[]): Promise<Map<number, ShardState>> {
  const stored = await context.store.monitoring.items(
    target.serviceId,
    target.scope,
    target.source.organizationId,
    items.map((i) => i.id),
  );
  const decisions = decide(items, stored);
  const byShard = new Map<number, Decision[]>();
  for (const d of decisions) byShard.set(shardOf(d.item.id), [...(byShard.get(shardOf(d.item.id)) ?? []), d]);
  const states = await Promise.all(
    [...byShard].map(async ([shard, ds]) => {
      const writes = ds.filter((d) => d.outcome === 'CREATED' || d.outcome === 'CORRECTED');
      const months = [...new Set(writes.flatMap(touchedBy))];
      const ledgers = months.length
        ? await context.store.monitoring.ledgers(target.serviceId, target.scope, target.source.organizationId, shard, months)
        : new Map();
      return [shard, { decisions: ds, writes, ledgers }] as const;
    }),
  );
  return new Map(states.sort((a, b) => a[0] - b[0]));
}

async function writeShard(
  context: AppContext,
  target: Target,
  shard: number,
  items: readonly ReportedItem[],
  state: ShardState,
  audit: AuditEvent | null,
): Promise<{ decisions: Decision[]; months: string[] }> {
  const months = new Set<string>();
  let pendingAudit = audit;
  for (let attempt = 1; ; attempt++) {
    try {
      for (const chunk of chunks(state.writes)) {
        await commitChunk(context, target, chunk, state.ledgers, pendingAudit);
        pendingAudit = null;
        for (const d of chunk) for (const m of touchedBy(d)) months.add(m);
      }
      if (pendingAudit) await context.store.commit({ changes: [], audit: pendingAudit, conflictMessage: 'An audit event with this id exists already.' });
      return { decisions: state.decisions, months: [...months] };
    } catch (error) {
      if (!(error instanceof OnusError && error.code === ErrorCode.CONFLICT) || attempt >= ATTEMPTS) throw error;
      // Another batch wrote some of these items or ledgers: read the shard again and re-decide (what this batch already wrote is now unchanged).
      const again = (await readShards(context, target, items)).get(shard)!;
      const original = new Map(state.decisions.map((d) => [d.item.id, d]));
      const wrote = (d: Decision) => d.outcome === 'UNCHANGED' && ['CREATED', 'CORRECTED'].includes(original.get(d.item.id)!.outcome);
      state = { ...again, decisions: again.decisions.map((d) => (wrote(d) ? original.get(d.item.id)! : d)) };
    }
  }
}

function changeLedgers(ledgers: Map<string, Ledger>, d: Decision): void {
  if (d.previous) apply(ledgers, d.item.id, d.previous.content, -1);
  apply(ledgers, d.item.id, d.item.content, 1);
}

/** Writes in order, each chunk with the ledgers it touches and the audit event: at most 100 actions. */
function* chunks(writes: readonly Decision[]): Generator<Decision[]> {
  let chunk: Decision[] = [];
  let touched = new Set<string>();
  for (const d of writes) {
    const keys = touchedBy(d);
    const next = new Set([...touched, ...keys]);
    if (chunk.length && chunk.length + 1 + next.size + 1 > TRANSACTION_ITEMS) {
      yield chunk;
      chunk = [];
      touched = new Set(keys);
    } else touched = next;
    chunk.push(d);
  }
  if (chunk.length) yield chunk;
}

async function commitChunk(
  context: AppContext,
  target: Target,
  chunk: readonly Decision[],
  ledgers: Map<string, StoredLedger>,
  audit: AuditEvent | null,
): Promise<void> {
  const at = nowIso(context);
  const expiresAt = Math.floor(Date.parse(at) / 1000) + (BATCH_LIMITS.retentionDays + 1) * DAY_S;
  const touched = new Map<string, Ledger>();
  const changes: Change[] = [];
  for (const d of chunk) {
    for (const k of touchedBy(d)) if (!touched.has(k)) touched.set(k, cloneLedger(ledgers.get(k)!.ledger));
    changeLedgers(touched, d);
    const history = d.previous
      ? [
          { revision: d.previous.revision, reportedAt: d.previous.reportedAt, reportedBy: d.previous.reportedBy, content: d.previous.content },
          ...d.previous.history,
        ]
      : [];
    const item: StoredMonitoringItem = {
      serviceId: target.serviceId,
      scope: target.scope,
      sourceOrganizationId: target.source.organizationId,
      id: d.item.id,
      revision: d.item.revision,
      content: d.item.content,
      reportedAt: at,
      reportedBy: context.caller.subject,
      history,
      expiresAt,
    };
    changes.push({ kind: 'monitoring.item.put', item, previousRevision: d.previous?.revision ?? null });
  }
  const next = new Map<string, StoredLedger>();
  for (const [k, ledger] of touched) {
    const before = ledgers.get(k)!;
    const after: StoredLedger = { ...before, ledger, version: before.version + 1 };
    changes.push({ kind: 'monitoring.ledger.put', ledger: after, previousVersion: before.version || null });
    next.set(k, after);
  }
  await context.store.commit({
    changes,
    audit,
    conflictMessage: 'Another batch changed the same items at the same moment; send the batch again (it is idempotent).',
  });
  for (const [k, l] of next) ledgers.set(k, l);
}

// npm run bench (waves part): how many sequential DynamoDB round trips ("waves", src/store/metering.ts)
// and read units the customer screens cost, cold and warm, for customers with 1, 25, 100 and 250
// subscriptions, for contracts stored in several items, and for customers whose partition is over
// 1 MB; and what one status write costs on the largest partition. Reads go through the real Lambda
// handler (its request log line gives calls, read units and waves); the data is seeded fast: a few
// services and contracts through the API, then cloned item by item, and subscriptions and statuses
// written with the store's own item builders. The read-unit minimum is DynamoDB's own figure for each
// item the request must read, read alone: ceil(size / 4 KB) × ½ (eventually consistent).
import { DynamoDBClient, GetItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal } from '../dev/dynamodbLocal';
import { createInProcessApi } from '../dev/inProcessApi';
import { ensureTable } from '../dev/table';
import type { Identity } from '../dev/tokens';
import type { RequestSummary } from '../src/lambda/createHandler';
import { chunkKey, customerPk, serviceKey, versionKey } from '../src/store/keys';
import { log, must, printTable } from './benchKit';
import { inParallel, newOrganization, progress, Seeder } from './benchSeeder';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 3);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS || 5);
const TABLE = 'onus-bench-waves';
/** Only the cases whose name contains this (e.g. BENCH_WAVES_ONLY=tracked). */
const ONLY = process.env.BENCH_WAVES_ONLY ?? '';
// Reads the whole stack (partition, services, versions) and answers a few bytes, so the response limit never interferes.
const SCREEN = 'query WaveScreen { coverage { totals { verdict count } } }';
const RECORD = 'mutation WaveRecord($i: RecordObligationStatusInput!) { recordObligationStatus(input: $i) { status } }';

type RawItem = Record<string, AttributeValue>;

/** DynamoDB's read units for each item alone (GetItem, eventually consistent): the least any read of them can cost. */
async function minimumUnits(raw: DynamoDBClient, keys: { pk: string; sk: string }[]): Promise<number> {
  const units = await inParallel(keys, 16, async (k) => {
    const out = await raw.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: k.pk }, sk: { S: k.sk } }, ReturnConsumedCapacity: 'TOTAL' }));
    return out.ConsumedCapacity?.CapacityUnits ?? 0;
  });
  return units.reduce((a, b) => a + b, 0);
}

/** Every page of one Query of the customer's partition (`projection`: only those attributes). */
async function* partitionPages(raw: DynamoDBClient, org: string, projection?: string) {
  let start: RawItem | undefined;
  do {
    const out = await raw.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: customerPk(org) } },
        ...(projection ? { ProjectionExpression: projection } : {}),
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    yield out;
    start = out.LastEvaluatedKey;
  } while (start);
}

/** What one Query of the whole partition (page after page) costs: the floor for reading it, small items packed together. */
async function partitionUnits(raw: DynamoDBClient, org: string): Promise<number> {
  let units = 0;
  for await (const page of partitionPages(raw, org)) units += page.ConsumedCapacity?.CapacityUnits ?? 0;
  return units;
}

/** The keys a request of the customer's screens must read: its partition, its services and (cold) their versions with every chunk. */
async function keysRead(raw: DynamoDBClient, org: string, serviceIds: readonly string[]) {
  const partition: { pk: string; sk: string }[] = [];
  for await (const page of partitionPages(raw, org, 'pk, sk')) partition.push(...(page.Items ?? []).map((i) => ({ pk: i.pk!.S!, sk: i.sk!.S! })));
  const services = serviceIds.map(serviceKey);
  const versions = await inParallel(serviceIds, 16, async (id) => {
    const header = versionKey(id, 1);
    const out = await raw.send(
      new GetItemCommand({ TableName: TABLE, Key: { pk: { S: header.pk }, sk: { S: header.sk } }, ProjectionExpression: 'chunkCount' }),
    );
    const chunks = Number(out.Item?.chunkCount?.N ?? 1);
    return [header, ...Array.from({ length: chunks - 1 }, (_, i) => chunkKey(header, i + 1))];
  });
  return {
    partition,
    warm: [...partition, ...services],
    cold: [...partition, ...services, ...versions.flat()],
    others: { warm: services, cold: [...services, ...versions.flat()] },
  };
}

interface Case {
  readonly name: string;
  readonly customer: Identity;
  readonly serviceIds: readonly string[];
}

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

async function main() {
  const started = Date.now();
  log(`Onus waves benchmark: ${COLD_RUNS} cold handlers and ${WARM_RUNS} warm requests per case (BENCH_COLD_RUNS, BENCH_WARM_RUNS)`);
  log('• starting DynamoDB Local (in memory)…');
  const dynamo = await startDynamoLocal();
  const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await ensureTable(raw, TABLE);
    const summaries: RequestSummary[] = [];
    const api = await createInProcessApi(dynamo.endpoint, TABLE, {}, { onRequest: (s) => summaries.push(s) });
    const seeder = new Seeder(raw, TABLE, api);

    log('• seeding: contracts through the API, then cloned; subscriptions and statuses through the store’s item builders');
    const admin: Identity = { subject: 'bench|provider', organizationId: await newOrganization(api, 'Wave Provider', 'PROVIDER'), roles: ['PROVIDER_ADMIN'] };
    const plain = await seeder.publishedService(admin, 'Wave Service', false);
    const plainIds = [plain, ...(await seeder.cloneService(plain, 249, 'services with the template contract'))];
    process.stdout.write('\n');
    const long = await seeder.publishedService(admin, 'Wave Long-text Service', true);
    const longIds = [long, ...(await seeder.cloneService(long, 24, 'services with at-limit contracts'))];
    process.stdout.write('\n');

    const cases: Case[] = [];
    for (const [name, ids, tracked] of [
      ['1 subscription', plainIds.slice(0, 1), 0],
      ['25 subscriptions', plainIds.slice(0, 25), 0],
      ['100 subscriptions', plainIds.slice(0, 100), 0],
      ['250 subscriptions', plainIds, 0],
      ['25 at-limit contracts (4 chunks each)', longIds, 0],
      ['25 subscriptions, every obligation tracked', plainIds.slice(0, 25), 25],
      // 100 fully tracked (5.8 MB) ran past the in-process handler's 10 s when the 2-core machine was busy.
      ['50 subscriptions, every obligation tracked', plainIds.slice(0, 50), 50],
    ] as const) {
      if (ONLY && !name.includes(ONLY)) continue;
      cases.push({ name, customer: await seeder.customer(name, ids, tracked), serviceIds: ids });
      process.stdout.write('\n');
    }

    const rows: string[][] = [];
    for (const c of cases) {
      process.stdout.write(`• ${c.name}…`);
      const cold: RequestSummary[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        const fresh = await createInProcessApi(dynamo.endpoint, TABLE, {}, { onRequest: (s) => cold.push(s) });
        await must(fresh, c.customer, SCREEN);
        progress(`cold ${i + 1}: ${cold.at(-1)!.durationMs} ms`);
      }
      await must(api, c.customer, SCREEN);
      const from = summaries.length;
      for (let i = 0; i < WARM_RUNS; i++) await must(api, c.customer, SCREEN);
      const warm = summaries.slice(from);
      const keys = await keysRead(raw, c.customer.organizationId!, c.serviceIds);
      const [minCold, minWarm] = [await minimumUnits(raw, keys.cold), await minimumUnits(raw, keys.warm)];
      // The tighter floor: the partition by one plain Query (items packed), services and versions item by item.
      const packed = await partitionUnits(raw, c.customer.organizationId!);
      const [floorCold, floorWarm] = [packed + (await minimumUnits(raw, keys.others.cold)), packed + (await minimumUnits(raw, keys.others.warm))];
      const units = (s: RequestSummary[]) => avg(s.map((x) => x.dynamodbReadUnits));
      const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
      rows.push([
        c.name,
        String(keys.partition.length),
        `${Math.max(...cold.map((s) => s.dynamodbWaves))} / ${Math.max(...warm.map((s) => s.dynamodbWaves))}`,
        `${fmt(avg(cold.map((s) => s.dynamodbCalls)))} / ${fmt(avg(warm.map((s) => s.dynamodbCalls)))}`,
        `${fmt(units(cold))} / ${fmt(minCold)} (${ratio(units(cold), minCold)}) / ${fmt(floorCold)} (${ratio(units(cold), floorCold)})`,
        `${fmt(units(warm))} / ${fmt(minWarm)} (${ratio(units(warm), minWarm)}) / ${fmt(floorWarm)} (${ratio(units(warm), floorWarm)})`,
      ]);
      process.stdout.write(`\r  ${rows.at(-1)!.join(' | ')}\n`);
    }
    printTable(
      [
        'customer',
        'partition items',
        'waves cold / warm',
        'calls cold / warm',
        'RU cold / item minimum / packed floor',
        'RU warm / item minimum / packed floor',
      ],
      rows,
    );

    // One status write on the largest partition: what it reads, whatever the partition's size.
    const big = cases.at(-1)!;
    const [version] = await seeder.store.contracts.getVersions([{ serviceId: big.serviceIds[0]!, version: 1 }]);
    const obligation = version!.responsibilities.flatMap((l) => l.customerObligations)[0]!;
    const writes: RequestSummary[] = [];
    const writer = await createInProcessApi(dynamo.endpoint, TABLE, {}, { onRequest: (s) => writes.push(s) });
    for (const status of ['PLANNED', 'IMPLEMENTED', 'PLANNED']) {
      await must(writer, big.customer, RECORD, { i: { serviceId: big.serviceIds[0], obligationId: obligation.id, status, owner: 'Security team' } });
    }
    const wholePartition = await partitionUnits(raw, big.customer.organizationId!);
    printTable(
      ['recordObligationStatus on the largest partition', 'calls', 'waves', 'read units', 'write units'],
      writes.map((s, i) => [
        i === 0 ? 'first (cold: reads the contract version)' : 'again (warm)',
        String(s.dynamodbCalls),
        String(s.dynamodbWaves),
        fmt(s.dynamodbReadUnits),
        fmt(s.dynamodbWriteUnits),
      ]),
    );
    log(`(reading the whole partition, as a write did before: ${fmt(wholePartition)} read units)`);
    log('');
    log(
      'waves: sequential DynamoDB round trips on the request’s critical path (src/store/metering.ts). cold: a new handler, nothing cached; warm: the same handler again.',
    );
    log(
      'item minimum: each item the request must read, read alone by GetItem, eventually consistent (ceil(size/4 KB) × ½); a Query packs small items, so it can cost less.',
    );
    log(
      'packed floor: the partition by one plain Query (page after page), the services and versions item by item. Warm reads no versions, unless the version cache is full.',
    );
    log(`DynamoDB Local; ${((Date.now() - started) / 1000).toFixed(0)} s`);
    raw.destroy();
  } finally {
    await dynamo.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`benchWaves failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});

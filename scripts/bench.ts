// npm run bench: what the customer screens cost, against the floor. Seeds DynamoDB Local (in
// memory) with providers, 25 services with full 121-control contracts and customers subscribed to 1,
// 5 and 25 of them through the API; then, with the fast seeder (benchSeeder.ts: those services'
// partitions cloned, subscriptions and statuses written with the store's item builders), customers
// with 100 and 250 subscriptions, one with 25 whose every obligation is tracked, and one with 25 whose
// contracts hold every text at its length limit (one published through the API, then cloned). It times,
// interleaved in one run, each screen through the real Lambda handler and its floor: the raw SDK
// fetch of exactly the items a warm handler reads, in as many sequential waves (the customer's
// partition and its services; contract versions come from the warm cache) plus JSON.stringify of
// the same response. Token signing and response parsing are outside the timed region (the event is
// built and signed once; the body is parsed once, afterwards). Reports p50/p99 warm, their ratio,
// the ratio to the floor, DynamoDB calls, waves and read units (from the handler's own per-request
// meter), the response size (or the code a refused screen answered), with the machine's core count. NODE_ENV=production (set by the npm script)
// matches the deployed bundle, where esbuild defines it; `prebench` generates the resolver types.
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createInProcessApi, lambdaContext, v2Event, type InProcessApi } from '../dev/inProcessApi';
import type { Identity } from '../dev/tokens';
import type { RequestSummary } from '../src/lambda/createHandler';
import { customerPk, serviceKey, type Key } from '../src/store/keys';
import { planSegments, TRACKING_PREFIX } from '../src/store/partitionSegments';
import { avg, fmt, log, machine, must, percentile, printTable, withBench, type Bench } from './benchKit';
import { inParallel, newOrganization, Seeder } from './benchSeeder';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 10);
// A request for 250 subscriptions, or a fully tracked customer, takes 5-10× one for 25: fewer runs keep the whole bench within minutes.
const LARGE_ITERATIONS = Number(process.env.BENCH_LARGE_ITERATIONS || 60);
const LARGE_COLD_RUNS = Number(process.env.BENCH_LARGE_COLD_RUNS || 3);
const SERVICES = 25;
/** Customers seeded fast (cloned services), beside the 1, 5 and 25 seeded through the API. */
const LARGE = [100, 250];
/** DynamoDB's most keys in one BatchGetItem. */
const BATCH_KEYS = 100;

// The customer screens as a portal asks them: the first page of 500 obligations, and coverage.
const OBLIGATIONS = `query ObligationPage { inheritedObligations(first: 500) { totalCount counts { total byStatus { status count } }
  edges { cursor node { id text ownership contractVersion control { id title } service { id name } tracking { status owner } } } pageInfo { hasNextPage endCursor } } }`;
const COVERAGE = `query Coverage { coverage { totals { verdict count } controls { control { id } verdict obligations openObligations contributors { service { name } ownership status } } } }`;

interface Customer {
  /** The subs column: how many subscriptions, and "tracked" when every obligation has a status. */
  readonly label: string;
  readonly admin: Identity;
  readonly serviceIds: readonly string[];
  readonly iterations: number;
  readonly coldRuns: number;
}

async function seed(api: InProcessApi) {
  const models = ['IAAS', 'PAAS', 'SAAS'] as const;
  const serviceIds: string[] = [];
  for (let p = 0; p < 5; p++) {
    const admin: Identity = {
      subject: `bench|p${p}`,
      organizationId: await newOrganization(api, `Bench Provider ${p}`, 'PROVIDER'),
      roles: ['PROVIDER_ADMIN'],
    };
    for (let s = 0; s < SERVICES / 5; s++) {
      const { createCloudService } = await must(api, admin, 'mutation($i: CreateCloudServiceInput!) { createCloudService(input: $i) { id } }', {
        i: { name: `Bench Service ${p}-${s}`, serviceModel: models[(p + s) % 3], deploymentModel: 'PUBLIC', regions: ['eu-west-1'] },
      });
      const id = createCloudService.id as string;
      const { startContractDraft } = await must(api, admin, 'mutation($id: ID!) { startContractDraft(serviceId: $id, from: TEMPLATE) { revision } }', { id });
      await must(api, admin, 'mutation($id: ID!, $rev: Int!) { publishContractDraft(serviceId: $id, revision: $rev, changeNote: "bench") { version } }', {
        id,
        rev: startContractDraft.revision,
      });
      serviceIds.push(id);
      process.stdout.write(`\r  services with published contracts: ${serviceIds.length}/${SERVICES}`);
    }
  }
  process.stdout.write('\n');
  const customers: Customer[] = [];
  for (const size of [1, 5, SERVICES]) {
    const organizationId = await newOrganization(api, `Bench Customer ${size}`, 'CUSTOMER');
    const admin: Identity = { subject: `bench|c${size}`, organizationId, roles: ['CUSTOMER_ADMIN', 'AUDITOR'] };
    for (const serviceId of serviceIds.slice(0, size)) {
      await must(api, admin, 'mutation($i: SubscribeInput!) { subscribe(input: $i) { id } }', {
        i: { serviceId, regions: ['eu-west-1'], startDate: '2026-01-01' },
      });
    }
    customers.push({ label: String(size), admin, serviceIds: serviceIds.slice(0, size), iterations: ITERATIONS, coldRuns: COLD_RUNS });
  }
  // The largest customer has recorded work on some obligations, as a real one would have.
  const largest = customers.at(-1)!;
  const { inheritedObligations } = await must(api, largest.admin, '{ inheritedObligations(first: 500) { edges { node { id service { id } } } } }');
  const all = inheritedObligations.edges.map((e: any) => e.node);
  for (const [i, o] of all.slice(0, 150).entries()) {
    await must(api, largest.admin, 'mutation($i: RecordObligationStatusInput!) { recordObligationStatus(input: $i) { status } }', {
      i: { serviceId: o.service.id, obligationId: o.id, status: i % 3 ? 'IMPLEMENTED' : 'PLANNED', owner: 'Security team' },
    });
  }
  log(`  customers subscribed to 1, 5 and ${SERVICES} services; 150 of the largest's obligations with a recorded status`);
  return { serviceIds, customers };
}

/**
 * Customers too large to seed through the API in reasonable time: the published services cloned to
 * 250, customers with 100 and 250 of them, and one with 25 whose every obligation has a status.
 */
async function seedLarge(seeder: Seeder, published: readonly string[]): Promise<Customer[]> {
  const copies = Math.ceil((Math.max(...LARGE) - published.length) / published.length);
  // Copies of each published service in turn, so the large stacks mix IaaS, PaaS and SaaS contracts as the small ones do.
  const clones = await inParallel(published, 1, (id, n) => seeder.cloneService(id, copies, `cloned services (${n + 1}/${published.length})`));
  // Round by round (every template's first copy, then every second…), so any prefix mixes the templates too.
  const serviceIds = [...published, ...Array.from({ length: copies }, (_, round) => clones.map((c) => c[round]!)).flat()];
  process.stdout.write('\n');
  const customers: Customer[] = [];
  for (const size of LARGE) {
    const ids = serviceIds.slice(0, size);
    const admin = await seeder.customer(`Bench Customer ${size}`, ids, 0);
    customers.push({ label: String(size), admin, serviceIds: ids, iterations: LARGE_ITERATIONS, coldRuns: LARGE_COLD_RUNS });
    process.stdout.write('\n');
  }
  const tracked = published.slice(0, SERVICES);
  const admin = await seeder.customer(`Bench Customer ${SERVICES} tracked`, tracked, tracked.length);
  // Each request reads ~2,300 statuses (~0.25 s of DynamoDB Local): the large customers' iteration count.
  customers.push({ label: `${SERVICES} tracked`, admin, serviceIds: tracked, iterations: LARGE_ITERATIONS, coldRuns: COLD_RUNS });
  process.stdout.write('\n');
  // Long text: every statement and obligation at its length limit (~2.2 MB a contract, stored in 4 chunks).
  const provider: Identity = {
    subject: 'bench|long',
    organizationId: await newOrganization(seeder.api, 'Bench Long-text Provider', 'PROVIDER'),
    roles: ['PROVIDER_ADMIN'],
  };
  const long = await seeder.publishedService(provider, 'Bench Long-text Service', true);
  const longIds = [long, ...(await seeder.cloneService(long, SERVICES - 1, 'services with at-limit contracts'))];
  process.stdout.write('\n');
  const atLimit = await seeder.customer(`Bench Customer ${SERVICES} at limit`, longIds, 0);
  customers.push({ label: `${SERVICES} at limit`, admin: atLimit, serviceIds: longIds, iterations: LARGE_ITERATIONS, coldRuns: LARGE_COLD_RUNS });
  process.stdout.write('\n');
  log(
    `  customers subscribed to ${LARGE.join(' and ')} services (cloned), to ${SERVICES} with every obligation tracked, and to ${SERVICES} whose contracts hold every text at its limit`,
  );
  return customers;
}

/**
 * The warm handler's own reads, by the raw SDK, in as few sequential waves as the handler takes: the
 * customer's partition up to the end of its subscriptions (the first page, in practice), then at
 * once the rest of the partition in the handler's parallel ranges (partitionSegments.ts) and the
 * services in BatchGetItem pages of 100 keys (as src/store/batchGet.ts), each page's unprocessed
 * keys asked again. Counts calls and read units.
 */
async function floorFetch(client: DynamoDBDocumentClient, table: string, customerId: string, serviceIds: readonly string[]) {
  let readUnits = 0;
  let calls = 0;
  const query = async (input: Omit<QueryCommandInput, 'TableName' | 'ReturnConsumedCapacity'>) => {
    const out = await client.send(new QueryCommand({ ...input, TableName: table, ReturnConsumedCapacity: 'TOTAL' }));
    calls += 1;
    readUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
    return out;
  };
  const pk = customerPk(customerId);
  const sortKeys: string[] = [];
  let bytes = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await query({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey: start });
    sortKeys.push(...(page.Items ?? []).map((i) => String(i.sk)));
    bytes += (page.ConsumedCapacity?.CapacityUnits ?? 0) * 8192;
    start = page.LastEvaluatedKey;
  } while (start && String(start.sk) < TRACKING_PREFIX);
  const stoppedAt = start;
  const segments = stoppedAt ? planSegments({ sortKeys, stoppedAt: String(stoppedAt.sk), bytes, serviceIds }) : [];
  const rest = segments.map(async ({ from, after, to }) => {
    let next = after ? stoppedAt : undefined;
    do {
      const page = await query({
        KeyConditionExpression: to === null ? 'pk = :pk AND sk >= :from' : 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': from, ...(to === null ? {} : { ':to': to }) },
        ExclusiveStartKey: next,
      });
      next = page.LastEvaluatedKey;
    } while (next);
  });
  const pages: Key[][] = [];
  for (let i = 0; i < serviceIds.length; i += BATCH_KEYS) pages.push(serviceIds.slice(i, i + BATCH_KEYS).map(serviceKey));
  const services = pages.map(async (keys) => {
    let pending = keys;
    while (pending.length) {
      const out = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } }, ReturnConsumedCapacity: 'TOTAL' }));
      calls += 1;
      readUnits += out.ConsumedCapacity?.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0) ?? 0;
      pending = (out.UnprocessedKeys?.[table]?.Keys as Key[] | undefined) ?? [];
    }
  });
  await Promise.all([...rest, ...services]);
  return { calls, readUnits };
}

/** A signed request event for `query`, built once: signing is not part of what is timed. */
async function signedEvent(api: InProcessApi, as: Identity, query: string): Promise<APIGatewayProxyEventV2> {
  const token = await api.token(as);
  return v2Event({ headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables: {} }) });
}

/** A count or an average of counts: whole numbers without decimals. */
const count = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : fmt(n));

const SCREENS = [
  ['obligations, page of 500', OBLIGATIONS],
  ['coverage', COVERAGE],
] as const;

/** One screen for one customer: cold runs, then warm runs interleaved with the floor; the table's row. */
async function measure(bench: Bench, raw: DynamoDBDocumentClient, customer: Customer, name: string, query: string): Promise<string[]> {
  const { endpoint, tableName, api, summaries } = bench;
  const event = await signedEvent(api, customer.admin, query);
  // Cold: a new handler (nothing cached, Apollo starting) for each run.
  const cold: { ms: number[]; summaries: RequestSummary[] } = { ms: [], summaries: [] };
  for (let i = 0; i < customer.coldRuns; i++) {
    const coldApi = await createInProcessApi(endpoint, tableName, {}, { onRequest: (s) => cold.summaries.push(s) });
    const coldEvent = await signedEvent(coldApi, customer.admin, query);
    const t0 = performance.now();
    await coldApi.handler(coldEvent, lambdaContext());
    cold.ms.push(performance.now() - t0);
  }
  const coldCells = {
    p50: fmt(percentile(cold.ms, 50)),
    calls: count(avg(cold.summaries.map((s) => s.dynamodbCalls))),
    waves: count(Math.max(...cold.summaries.map((s) => s.dynamodbWaves))),
  };
  // Warm up the handler, then take the response the floor stringifies (parsed once, untimed).
  let body = '';
  for (let i = 0; i < 5; i++) body = (await api.handler(event, lambdaContext())).body ?? '';
  const bytes = Buffer.byteLength(body);
  const size = bytes < 10_240 ? `${bytes.toLocaleString('en-US')} B` : `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
  const response = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
  if (response.errors) {
    // A refusal (e.g. RESPONSE_TOO_LARGE) is a finding, not a reason to stop: the row says which code.
    const code = response.errors[0]?.extensions?.code ?? 'error';
    const none = '–';
    return [
      name,
      customer.label,
      `refused ${code}`,
      none,
      none,
      none,
      none,
      none,
      coldCells.p50,
      `– / ${coldCells.calls} / –`,
      `– / ${coldCells.waves}`,
      none,
      size,
    ];
  }
  const handlerMs: number[] = [];
  const floorMs: number[] = [];
  const floorReads: { calls: number; readUnits: number }[] = [];
  const from = summaries.length;
  for (let i = 0; i < customer.iterations; i++) {
    // Interleaved, alternating which goes first, so drift and GC fall on both alike.
    const runHandler = async () => {
      const t0 = performance.now();
      await api.handler(event, lambdaContext());
      handlerMs.push(performance.now() - t0);
    };
    const runFloor = async () => {
      const t0 = performance.now();
      const reads = await floorFetch(raw, tableName, customer.admin.organizationId!, customer.serviceIds);
      JSON.stringify(response);
      floorMs.push(performance.now() - t0);
      floorReads.push(reads);
    };
    if (i % 2) {
      await runHandler();
      await runFloor();
    } else {
      await runFloor();
      await runHandler();
    }
  }
  const warm = summaries.slice(from);
  const p50 = percentile(handlerMs, 50);
  const p99 = percentile(handlerMs, 99);
  const floor50 = percentile(floorMs, 50);
  return [
    name,
    customer.label,
    fmt(p50),
    fmt(p99),
    (p99 / p50).toFixed(2),
    fmt(floor50),
    // The floor's own tail: what this machine and DynamoDB Local add to any request's p99.
    (percentile(floorMs, 99) / floor50).toFixed(2),
    `${(p50 / floor50).toFixed(2)}×`,
    coldCells.p50,
    `${count(avg(warm.map((s) => s.dynamodbCalls)))} / ${coldCells.calls} / ${count(avg(floorReads.map((r) => r.calls)))}`,
    `${count(Math.max(...warm.map((s) => s.dynamodbWaves)))} / ${coldCells.waves}`,
    `${count(avg(warm.map((s) => s.dynamodbReadUnits)))} / ${count(avg(floorReads.map((r) => r.readUnits)))}`,
    size,
  ];
}

async function main() {
  const started = Date.now();
  log(
    `Onus benchmark: ${ITERATIONS} warm iterations interleaved with the floor, ${COLD_RUNS} cold handlers per query; ${LARGE_ITERATIONS} warm iterations for ${LARGE.join(' and ')} subscriptions and the tracked customer, ${LARGE_COLD_RUNS} cold for ${LARGE.join(' and ')} (BENCH_ITERATIONS, BENCH_COLD_RUNS, BENCH_LARGE_ITERATIONS, BENCH_LARGE_COLD_RUNS)`,
  );
  log(`machine: ${machine()}`);
  log('• starting DynamoDB Local (in memory)…');
  await withBench('onus-bench', async (bench) => {
    log('• seeding through the API…');
    const { serviceIds, customers } = await seed(bench.api);
    log('• seeding larger customers: services cloned, subscriptions and statuses through the store’s item builders…');
    customers.push(...(await seedLarge(new Seeder(bench.admin, bench.tableName, bench.api), serviceIds)));
    const raw = DynamoDBDocumentClient.from(bench.admin);
    const rows: string[][] = [];
    // BENCH_ONLY=<subs>,<subs>…: measure those rows only (everything is seeded all the same).
    const only = process.env.BENCH_ONLY?.split(',').map((label) => label.trim());
    for (const customer of customers.filter((c) => !only || only.includes(c.label))) {
      for (const [name, query] of SCREENS) {
        const t0 = Date.now();
        process.stdout.write(`• ${name}, ${customer.label} subscription(s)…`);
        rows.push(await measure(bench, raw, customer, name, query));
        process.stdout.write(` done (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
      }
    }
    printTable(
      [
        'query',
        'subs',
        'p50 ms',
        'p99 ms',
        'p99/p50',
        'floor p50 ms',
        'floor p99/p50',
        'p50 / floor',
        'cold p50 ms',
        'DDB calls warm / cold / floor',
        'waves warm / cold',
        'read units warm / floor',
        'response',
      ],
      rows,
    );
    log('');
    log('warm: the same handler, versions cached; timed from the signed event in to the result out (no signing, no parsing).');
    log(
      "floor: the raw SDK reading exactly what the warm handler reads, in as many waves (the customer's partition, its services in pages of 100) + JSON.stringify of the same response.",
    );
    log('cold: a new handler for each run (nothing cached; includes Apollo start-up). waves: the most sequential DynamoDB round trips of one request.');
    log(
      `"${SERVICES} tracked": ${SERVICES} subscriptions with a status on every obligation; "${SERVICES} at limit": ${SERVICES} subscriptions to contracts with every text at its limit. A refused screen shows its error code instead of timings.`,
    );
    log(`DynamoDB Local on this machine: compare ratios, calls and units rather than milliseconds. (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  });
}

main().catch((error: Error) => {
  process.stderr.write(`npm run bench failed: ${error.message}\n`);
  process.exit(1);
});

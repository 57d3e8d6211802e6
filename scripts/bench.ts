// npm run bench: what the customer screens cost, against the floor. Seeds DynamoDB Local (in
// memory) with providers, 25 services with full 121-control contracts and customers subscribed to 1,
// 5 and 25 of them, then times, interleaved in one run, each screen through the real Lambda handler
// and its floor: the raw SDK fetch of exactly the items a warm handler reads (the customer's
// partition and its services; contract versions come from the warm cache) plus JSON.stringify of the
// same response. Token signing and response parsing are outside the timed region (the event is built
// and signed once; the body is parsed once, afterwards). Reports p50/p99 warm, their ratio, the
// ratio to the floor, DynamoDB calls and read units (from the handler's own per-request meter) and
// the response size, with the machine's core count. NODE_ENV=production (set by the npm script)
// matches the deployed bundle, where esbuild defines it; `prebench` generates the resolver types.
import { availableParallelism } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { startDynamoLocal } from '../dev/dynamodbLocal';
import { createInProcessApi, lambdaContext, v2Event, type InProcessApi } from '../dev/inProcessApi';
import { ensureTable } from '../dev/table';
import type { Identity } from '../dev/tokens';
import type { RequestSummary } from '../src/lambda/createHandler';
import { customerPk, serviceKey } from '../src/store/keys';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 10);
const SERVICES = 25;
const platform: Identity = { subject: 'bench|ops', organizationId: null, roles: ['PLATFORM_ADMIN'] };

// The customer screens as a portal asks them: the first page of 500 obligations, and coverage.
const OBLIGATIONS = `query ObligationPage { inheritedObligations(first: 500) { totalCount counts { total byStatus { status count } }
  edges { cursor node { id text ownership contractVersion control { id title } service { id name } tracking { status owner } } } pageInfo { hasNextPage endCursor } } }`;
const COVERAGE = `query Coverage { coverage { totals { verdict count } controls { control { id } verdict obligations openObligations contributors { service { name } ownership status } } } }`;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function must(api: InProcessApi, as: Identity, query: string, variables: Record<string, unknown> = {}) {
  const result = await api.graphql(query, variables, as);
  if (result.json?.errors) throw new Error(JSON.stringify(result.json.errors));
  return result.json.data;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function seed(api: InProcessApi) {
  const models = ['IAAS', 'PAAS', 'SAAS'] as const;
  const serviceIds: string[] = [];
  for (let p = 0; p < 5; p++) {
    const { createOrganization } = await must(api, platform, 'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', {
      i: { name: `Bench Provider ${p}`, kinds: ['PROVIDER'] },
    });
    const admin: Identity = { subject: `bench|p${p}`, organizationId: createOrganization.id, roles: ['PROVIDER_ADMIN'] };
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
  const customers: { size: number; admin: Identity }[] = [];
  for (const size of [1, 5, SERVICES]) {
    const { createOrganization } = await must(api, platform, 'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', {
      i: { name: `Bench Customer ${size}`, kinds: ['CUSTOMER'] },
    });
    const admin: Identity = { subject: `bench|c${size}`, organizationId: createOrganization.id, roles: ['CUSTOMER_ADMIN', 'AUDITOR'] };
    for (const serviceId of serviceIds.slice(0, size)) {
      await must(api, admin, 'mutation($i: SubscribeInput!) { subscribe(input: $i) { id } }', {
        i: { serviceId, regions: ['eu-west-1'], startDate: '2026-01-01' },
      });
    }
    customers.push({ size, admin });
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

/** The warm handler's own reads, by the raw SDK: the customer's partition (every page) and one BatchGetItem of its services. */
async function floorFetch(client: DynamoDBDocumentClient, table: string, customerId: string, serviceIds: string[]) {
  let readUnits = 0;
  let calls = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': customerPk(customerId) },
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    calls += 1;
    readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  const services = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: serviceIds.map(serviceKey) } }, ReturnConsumedCapacity: 'TOTAL' }));
  calls += 1;
  readUnits += services.ConsumedCapacity?.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0) ?? 0;
  return { calls, readUnits };
}

interface Bench {
  readonly endpoint: string;
  readonly tableName: string;
  readonly admin: DynamoDBClient;
  readonly api: InProcessApi;
  readonly summaries: RequestSummary[];
}

/** DynamoDB Local in memory with a fresh table and the real handler on it, for `work`. */
async function withBench(tableName: string, work: (bench: Bench) => Promise<void>) {
  const dynamo = await startDynamoLocal();
  try {
    const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(admin, tableName);
    const summaries: RequestSummary[] = [];
    const api = await createInProcessApi(dynamo.endpoint, tableName, {}, { onRequest: (s) => summaries.push(s) });
    await work({ endpoint: dynamo.endpoint, tableName, admin, api, summaries });
    admin.destroy();
  } finally {
    await dynamo.stop();
  }
}

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  log('');
  log(line(header));
  log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => log(line(r)));
}

/** A signed request event for `query`, built once: signing is not part of what is timed. */
async function signedEvent(api: InProcessApi, as: Identity, query: string): Promise<APIGatewayProxyEventV2> {
  const token = await api.token(as);
  return v2Event({ headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables: {} }) });
}

async function main() {
  const started = Date.now();
  log(`Onus benchmark: ${ITERATIONS} warm iterations interleaved with the floor, ${COLD_RUNS} cold handlers per query (BENCH_ITERATIONS, BENCH_COLD_RUNS)`);
  log(`machine: ${availableParallelism()} cores, Node ${process.version}`);
  log('• starting DynamoDB Local (in memory)…');
  await withBench('onus-bench', async ({ endpoint, tableName, admin, api, summaries }) => {
    log('• seeding through the API…');
    const { serviceIds, customers } = await seed(api);
    const raw = DynamoDBDocumentClient.from(admin);
    const rows: string[][] = [];
    for (const { size, admin: customer } of customers) {
      for (const [name, query] of [
        ['obligations, page of 500', OBLIGATIONS],
        ['coverage', COVERAGE],
      ] as const) {
        process.stdout.write(`• ${name}, ${size} subscription(s)…`);
        const event = await signedEvent(api, customer, query);
        // Cold: a new handler (nothing cached, Apollo starting) for each run.
        const cold: { ms: number[]; summaries: RequestSummary[] } = { ms: [], summaries: [] };
        for (let i = 0; i < COLD_RUNS; i++) {
          const coldApi = await createInProcessApi(endpoint, tableName, {}, { onRequest: (s) => cold.summaries.push(s) });
          const coldEvent = await signedEvent(coldApi, customer, query);
          const t0 = performance.now();
          await coldApi.handler(coldEvent, lambdaContext());
          cold.ms.push(performance.now() - t0);
        }
        // Warm up the handler, then take the response the floor stringifies (parsed once, untimed).
        let body = '';
        for (let i = 0; i < 5; i++) body = (await api.handler(event, lambdaContext())).body ?? '';
        const response: unknown = JSON.parse(body);
        if ((response as { errors?: unknown }).errors) throw new Error(body.slice(0, 500));
        const handlerMs: number[] = [];
        const floorMs: number[] = [];
        const floorReads: { calls: number; readUnits: number }[] = [];
        const from = summaries.length;
        for (let i = 0; i < ITERATIONS; i++) {
          // Interleaved, alternating which goes first, so drift and GC fall on both alike.
          const runHandler = async () => {
            const t0 = performance.now();
            await api.handler(event, lambdaContext());
            handlerMs.push(performance.now() - t0);
          };
          const runFloor = async () => {
            const t0 = performance.now();
            const reads = await floorFetch(raw, tableName, customer.organizationId!, serviceIds.slice(0, size));
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
        rows.push([
          name,
          String(size),
          fmt(p50),
          fmt(p99),
          (p99 / p50).toFixed(2),
          fmt(floor50),
          `${(p50 / floor50).toFixed(2)}×`,
          fmt(percentile(cold.ms, 50)),
          `${fmt(avg(warm.map((s) => s.dynamodbCalls)))} / ${fmt(avg(cold.summaries.map((s) => s.dynamodbCalls)))}`,
          `${fmt(avg(warm.map((s) => s.dynamodbReadUnits)))} / ${fmt(avg(floorReads.map((r) => r.readUnits)))}`,
          `${(Buffer.byteLength(body) / 1024).toFixed(0)} KB`,
        ]);
        process.stdout.write(' done\n');
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
        'p50 / floor',
        'cold p50 ms',
        'DDB calls warm / cold',
        'read units warm / floor',
        'response',
      ],
      rows,
    );
    log('');
    log('warm: the same handler, versions cached; timed from the signed event in to the result out (no signing, no parsing).');
    log("floor: the raw SDK reading exactly what the warm handler reads (the customer's partition, its services) + JSON.stringify of the same response.");
    log('cold: a new handler for each run (nothing cached; includes Apollo start-up).');
    log(`DynamoDB Local on this machine: compare ratios, calls and units rather than milliseconds. (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  });
}

// npm run bench:abuse: the hostile documents of issue 10, each sent REPEAT times through the real
// handler as a signed-in customer: how long the refusal takes, how much the heap grows, how many
// DynamoDB calls it made, and the answer (each should be refused in well under 50 ms, 0 calls).
async function abuse() {
  const REPEAT = Number(process.env.BENCH_ABUSE_REPEAT || 20);
  log(`Onus abuse benchmark: each hostile document ${REPEAT} times (BENCH_ABUSE_REPEAT)`);
  await withBench('onus-bench-abuse', async ({ api, summaries }) => {
    const customer: Identity = { subject: 'abuse|customer', organizationId: 'org-abuse', roles: ['CUSTOMER_ADMIN'] };
    const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
    let cycle = 'number';
    for (let i = 0; i < 4; i++) cycle = `objectives { controls { id clause { ${cycle} } } }`;
    const hostile: [string, string, Record<string, unknown>][] = [
      ['catalogue cycle ×4', `{ framework { clauses { ${cycle} } } }`, {}],
      ['100 × inheritedObligations', aliases(100, 'inheritedObligations { counts { total } clauses { controls { obligations { text } } } }'), {}],
      ['340 × cloudService { draft }', aliases(340, 'cloudService(id: "x") { draft { revision } }'), {}],
      ['60 × cloudServices { contractVersions }', aliases(60, 'cloudServices { edges { node { contractVersions { version } } } }'), {}],
      ['an id of 3,000 characters', 'query($id: ID!) { cloudService(id: $id) { name } }', { id: 'x'.repeat(3000) }],
      ['a 900 KB operation name', `query Q${'a'.repeat(900_000)} { me { name } }`, {}],
      ['6,000 tokens', aliases(1, `me { ${'name '.repeat(6000)} }`), {}],
    ];
    const rows: string[][] = [];
    for (const [name, query, variables] of hostile) {
      const latencies: number[] = [];
      const heap0 = process.memoryUsage().heapUsed;
      const start = summaries.length;
      let answer = '';
      for (let i = 0; i < REPEAT; i++) {
        const t0 = performance.now();
        const result = await api.graphql(query, variables, customer);
        latencies.push(performance.now() - t0);
        answer = `${result.status} ${result.json?.errors?.[0]?.extensions?.code ?? 'data'}`;
      }
      const heapMb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
      const calls = Math.max(...summaries.slice(start).map((s) => s.dynamodbCalls));
      rows.push([name, fmt(percentile(latencies, 50)), fmt(percentile(latencies, 99)), fmt(heapMb), String(calls), answer]);
    }
    printTable(['hostile document', 'p50 ms', 'p99 ms', 'heap Δ MB', 'max DDB calls', 'answer'], rows);
    log('(times include signing a token and the in-process HTTP event; heap Δ is after all repeats, before GC)');
  });
}

(process.argv.includes('--abuse') ? abuse() : main()).catch((error: Error) => {
  process.stderr.write(`npm run bench failed: ${error.message}\n`);
  process.exit(1);
});

// npm run bench: what the customer screens cost. Seeds DynamoDB Local (in memory) with providers,
// 25 services with full 121-control contracts and customers subscribed to 1, 5 and 25 of them, then
// runs the obligations and coverage queries through the real Lambda handler and reports, per query:
// median and p99 latency, DynamoDB calls and read units (from the handler's own per-request meter),
// next to the time the raw SDK takes to fetch the same items in the same run. NODE_ENV=production
// (set by the npm script) matches the deployed bundle, where esbuild defines it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal } from '../dev/dynamodbLocal';
import { createInProcessApi, type InProcessApi } from '../dev/inProcessApi';
import { ensureTable } from '../dev/table';
import type { Identity } from '../dev/tokens';
import type { RequestSummary } from '../src/lambda/createHandler';
import { customerPk, serviceKey, versionKey } from '../src/store/keys';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 10);
const SERVICES = 25;
const platform: Identity = { subject: 'bench|ops', organizationId: null, roles: ['PLATFORM_ADMIN'] };

const OBLIGATIONS = `query Obligations { inheritedObligations { counts { total }
  clauses { clause { number } counts { total } controls { control { id title } obligations { id text ownership contractVersion service { id name } tracking { status owner } } } } } }`;
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
  const { inheritedObligations } = await must(api, largest.admin, '{ inheritedObligations { clauses { controls { obligations { id service { id } } } } } }');
  const all = inheritedObligations.clauses.flatMap((c: any) => c.controls.flatMap((k: any) => k.obligations));
  for (const [i, o] of all.slice(0, 150).entries()) {
    await must(api, largest.admin, 'mutation($i: RecordObligationStatusInput!) { recordObligationStatus(input: $i) { status } }', {
      i: { serviceId: o.service.id, obligationId: o.id, status: i % 3 ? 'IMPLEMENTED' : 'PLANNED', owner: 'Security team' },
    });
  }
  log(`  customers subscribed to 1, 5 and ${SERVICES} services; ${all.length} obligations for the largest, 150 with a recorded status`);
  return { serviceIds, customers };
}

interface Measured {
  latencies: number[];
  summaries: RequestSummary[];
}

async function measure(api: InProcessApi, summaries: RequestSummary[], as: Identity, query: string, iterations: number): Promise<Measured> {
  const latencies: number[] = [];
  const start = summaries.length;
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const result = await api.graphql(query, {}, as);
    latencies.push(performance.now() - t0);
    if (result.json?.errors) throw new Error(JSON.stringify(result.json.errors));
  }
  return { latencies, summaries: summaries.slice(start) };
}

async function rawFetch(client: DynamoDBDocumentClient, table: string, customerId: string, serviceIds: string[]) {
  let readUnits = 0;
  const t0 = performance.now();
  const partition = await client.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': customerPk(customerId) },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  readUnits += partition.ConsumedCapacity?.CapacityUnits ?? 0;
  const services = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: serviceIds.map(serviceKey) } }, ReturnConsumedCapacity: 'TOTAL' }));
  readUnits += services.ConsumedCapacity?.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0) ?? 0;
  const found = services.Responses?.[table] ?? [];
  const versions = await client.send(
    new BatchGetCommand({
      RequestItems: { [table]: { Keys: found.map((s) => versionKey(s.id as string, s.currentVersion as number)) } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  readUnits += versions.ConsumedCapacity?.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0) ?? 0;
  return { ms: performance.now() - t0, calls: 3, readUnits };
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
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  log('');
  log(line(header));
  log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => log(line(r)));
}

async function main() {
  const started = Date.now();
  log(`Onus benchmark: ${ITERATIONS} warm iterations, ${COLD_RUNS} cold handlers per query (BENCH_ITERATIONS, BENCH_COLD_RUNS)`);
  log('• starting DynamoDB Local (in memory)…');
  await withBench('onus-bench', async ({ endpoint, tableName, admin, api, summaries }) => {
    log('• seeding through the API…');
    const { serviceIds, customers } = await seed(api);

    const rows: string[][] = [];
    const raw = DynamoDBDocumentClient.from(admin);
    for (const { size, admin: customer } of customers) {
      for (const [name, query] of [
        ['obligations', OBLIGATIONS],
        ['coverage', COVERAGE],
      ] as const) {
        process.stdout.write(`• ${name}, ${size} subscription(s)…`);
        const cold: Measured = { latencies: [], summaries: [] };
        for (let i = 0; i < COLD_RUNS; i++) {
          const fresh: RequestSummary[] = [];
          const coldApi = await createInProcessApi(endpoint, tableName, {}, { onRequest: (s) => fresh.push(s) });
          const m = await measure(coldApi, fresh, customer, query, 1);
          cold.latencies.push(...m.latencies);
          cold.summaries.push(...m.summaries);
        }
        const warm = await measure(api, summaries, customer, query, ITERATIONS);
        const rawRuns = [];
        for (let i = 0; i < ITERATIONS; i++) rawRuns.push(await rawFetch(raw, tableName, customer.organizationId!, serviceIds.slice(0, size)));
        const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        for (const [label, m] of [
          ['cold', cold],
          ['warm', warm],
        ] as const) {
          rows.push([
            name,
            String(size),
            label,
            fmt(percentile(m.latencies, 50)),
            fmt(percentile(m.latencies, 99)),
            fmt(avg(m.summaries.map((s) => s.dynamodbCalls))),
            fmt(avg(m.summaries.map((s) => s.dynamodbReadUnits))),
            '',
            '',
          ]);
        }
        const rawMs = rawRuns.map((r) => r.ms);
        rows.at(-1)![7] = `${fmt(percentile(rawMs, 50))} / ${fmt(percentile(rawMs, 99))}`;
        rows.at(-1)![8] = fmt(avg(rawRuns.map((r) => r.readUnits)));
        process.stdout.write(' done\n');
      }
    }
    printTable(['query', 'subs', 'cache', 'p50 ms', 'p99 ms', 'DDB calls', 'read units', 'raw SDK p50/p99 ms', 'raw RCU'], rows);
    log('');
    log('cold: first request on a new handler (nothing cached; includes Apollo start-up). warm: same handler, versions cached.');
    log('raw SDK: the same items fetched directly (customer partition Query + BatchGetItem of services + of version headers), no GraphQL.');
    log(
      `DynamoDB Local on this machine; real DynamoDB is faster per call, so compare calls and units, not only milliseconds. (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
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

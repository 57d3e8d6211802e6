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
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createInProcessApi, lambdaContext, v2Event, type InProcessApi } from '../dev/inProcessApi';
import type { Identity } from '../dev/tokens';
import type { RequestSummary } from '../src/lambda/createHandler';
import { customerPk, serviceKey } from '../src/store/keys';
import { avg, fmt, log, machine, must, percentile, printTable, withBench } from './benchKit';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 10);
const SERVICES = 25;
const platform: Identity = { subject: 'bench|ops', organizationId: null, roles: ['PLATFORM_ADMIN'] };

// The customer screens as a portal asks them: the first page of 500 obligations, and coverage.
const OBLIGATIONS = `query ObligationPage { inheritedObligations(first: 500) { totalCount counts { total byStatus { status count } }
  edges { cursor node { id text ownership contractVersion control { id title } service { id name } tracking { status owner } } } pageInfo { hasNextPage endCursor } } }`;
const COVERAGE = `query Coverage { coverage { totals { verdict count } controls { control { id } verdict obligations openObligations contributors { service { name } ownership status } } } }`;

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

/** A signed request event for `query`, built once: signing is not part of what is timed. */
async function signedEvent(api: InProcessApi, as: Identity, query: string): Promise<APIGatewayProxyEventV2> {
  const token = await api.token(as);
  return v2Event({ headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables: {} }) });
}

async function main() {
  const started = Date.now();
  log(`Onus benchmark: ${ITERATIONS} warm iterations interleaved with the floor, ${COLD_RUNS} cold handlers per query (BENCH_ITERATIONS, BENCH_COLD_RUNS)`);
  log(`machine: ${machine()}`);
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

main().catch((error: Error) => {
  process.stderr.write(`npm run bench failed: ${error.message}\n`);
  process.exit(1);
});

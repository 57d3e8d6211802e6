// Monitoring benchmark (issue 9): what reading a month's SLA report costs. Seeds DynamoDB Local (in
// memory) with a service publishing an availability commitment, its provider's monitor and a
// customer's, then ingests this month so far (UTC) as 1-minute samples from both sources (batches of
// 48 intervals, the report limit), and reads CloudService.slaReports for both sources side by side:
// ingest throughput, report p50/p99, DynamoDB calls and read units. Then the same month coalesced
// (consecutive minutes of the same rate as one interval, as the README asks clients to send).
// Run: NODE_ENV=production npx tsx scripts/benchMonitoring.ts
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal } from '../dev/dynamodbLocal';
import { createInProcessApi, type InProcessApi } from '../dev/inProcessApi';
import { ensureTable } from '../dev/table';
import type { Identity } from '../dev/tokens';
import type { RequestSummary } from '../src/lambda/createHandler';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 50);
const MINUTE = 60_000;
const platform: Identity = { subject: 'bench|ops', organizationId: null, roles: ['PLATFORM_ADMIN'] };
const log = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function must(api: InProcessApi, as: Identity, query: string, variables: Record<string, unknown> = {}) {
  const result = await api.graphql(query, variables, as);
  if (result.json?.errors) throw new Error(JSON.stringify(result.json.errors));
  return result.json.data;
}

const COMMITMENTS = {
  availability: {
    targets: [{ scope: { region: 'eu-west-1' }, targetPercent: 99.9 }],
    downtime: { errorRatePercent: 5, consecutiveMinutes: 5 },
    exclusions: { scheduledMaintenanceNoticeDays: 7, customerCaused: true, forceMajeure: true },
  },
  serviceCredits: {
    schedules: [
      {
        tiers: [
          { belowPercent: 99.9, creditPercent: 10 },
          { belowPercent: 99, creditPercent: 25 },
        ],
        claimWindowMonths: 2,
        capPercent: 50,
      },
    ],
  },
};

/** This month so far, minute by minute: healthy, with a 20-minute outage every 5 days and some noisy minutes. */
function samples(monthStart: number, end: number, seed: number) {
  const out: { start: string; end: string; errorRatePercent: number }[] = [];
  for (let t = monthStart, i = 0; t < end; t += MINUTE, i++) {
    const outage = i % 7200 >= 3000 && i % 7200 < 3020;
    const rate = outage ? 40 : (i * 7919 + seed) % 97 === 0 ? 2 : 0;
    out.push({ start: new Date(t).toISOString(), end: new Date(t + MINUTE).toISOString(), errorRatePercent: rate });
  }
  return out;
}
function coalesce(intervals: { start: string; end: string; errorRatePercent: number }[]) {
  const out: typeof intervals = [];
  for (const i of intervals) {
    const last = out.at(-1);
    if (last && last.end === i.start && last.errorRatePercent === i.errorRatePercent) out[out.length - 1] = { ...last, end: i.end };
    else out.push({ ...i });
  }
  return out;
}

async function main() {
  const dynamo = await startDynamoLocal();
  try {
    const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const summaries: RequestSummary[] = [];
    for (const [label, shape] of [
      ['1-minute samples', (x: ReturnType<typeof samples>) => x],
      ['coalesced', coalesce],
    ] as const) {
      const table = `onus-bench-monitoring-${label.replace(/\W/g, '')}`;
      await ensureTable(admin, table);
      const api = await createInProcessApi(dynamo.endpoint, table, {}, { onRequest: (s) => summaries.push(s) });
      const { createOrganization: p } = await must(api, platform, 'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', {
        i: { name: 'Bench Provider', kinds: ['PROVIDER'] },
      });
      const { createOrganization: c } = await must(api, platform, 'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', {
        i: { name: 'Bench Customer', kinds: ['CUSTOMER'] },
      });
      const providerAdmin: Identity = { subject: 'bench|p', organizationId: p.id, roles: ['PROVIDER_ADMIN'] };
      const customerAdmin: Identity = { subject: 'bench|c', organizationId: c.id, roles: ['CUSTOMER_ADMIN'] };
      const { createCloudService } = await must(api, providerAdmin, 'mutation($i: CreateCloudServiceInput!) { createCloudService(input: $i) { id } }', {
        i: { name: 'Bench Compute', serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1', 'us-east-1', 'ap-south-1'] },
      });
      const id = createCloudService.id as string;
      const { startContractDraft } = await must(api, providerAdmin, 'mutation($id: ID!) { startContractDraft(serviceId: $id, from: TEMPLATE) { revision } }', {
        id,
      });
      const { setCommitments } = await must(
        api,
        providerAdmin,
        'mutation($id: ID!, $rev: Int!, $c: CommitmentsInput!) { setCommitments(serviceId: $id, revision: $rev, commitments: $c) { revision } }',
        { id, rev: startContractDraft.revision, c: COMMITMENTS },
      );
      await must(
        api,
        providerAdmin,
        'mutation($id: ID!, $rev: Int!) { publishContractDraft(serviceId: $id, revision: $rev, changeNote: "bench") { version } }',
        {
          id,
          rev: setCommitments.revision,
        },
      );
      await must(api, customerAdmin, 'mutation($i: SubscribeInput!) { subscribe(input: $i) { id } }', {
        i: { serviceId: id, regions: ['eu-west-1'], startDate: '2026-01-01' },
      });

      const now = Math.floor(Date.now() / MINUTE) * MINUTE;
      const d = new Date(now);
      const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      const month = d.toISOString().slice(0, 7);
      let reports = 0;
      let intervals = 0;
      let stored = 0;
      const t0 = performance.now();
      for (const [org, seed] of [
        [p.id as string, 1],
        [c.id as string, 2],
      ] as const) {
        const monitor: Identity = { subject: `bench|monitor-${seed}`, organizationId: org, roles: ['MONITOR'] };
        const all = shape(samples(monthStart, now, seed));
        for (let i = 0; i < all.length; i += 48) {
          const { reportAvailability } = await must(api, monitor, 'mutation($i: AvailabilityReportInput!) { reportAvailability(input: $i) { piecesStored } }', {
            i: { serviceId: id, scope: { region: 'eu-west-1' }, intervals: all.slice(i, i + 48) },
          });
          reports++;
          stored += reportAvailability.piecesStored as number;
          intervals += Math.min(48, all.length - i);
          if (reports % 50 === 0) process.stdout.write(`\r  ${label}: ${intervals} intervals in ${reports} reports`);
        }
      }
      const ingestSeconds = (performance.now() - t0) / 1000;
      process.stdout.write('\n');
      const query =
        'query($id: ID!, $m: String!, $s: [ID!]) { cloudService(id: $id) { slaReports(month: $m, scope: { region: "eu-west-1" }, sources: $s) { source { kind } status uptimePercent downtimeMinutes watchedMinutes errorBudget { leftMinutes } credit { creditPercent claimBy } comparedWithProvider { downOnlyHereMinutes downOnlyThereMinutes } } } }';
      const latencies: number[] = [];
      const start = summaries.length;
      let answer: unknown;
      for (let i = 0; i < ITERATIONS; i++) {
        const t = performance.now();
        answer = await must(api, providerAdmin, query, { id, m: month, s: [p.id, c.id] });
        latencies.push(performance.now() - t);
      }
      const measured = summaries.slice(start);
      log(
        `${label}: ${intervals} intervals (${(intervals / 2).toFixed(0)} per source) ingested in ${reports} reports as ${stored} items, ${ingestSeconds.toFixed(1)} s (${(intervals / ingestSeconds).toFixed(0)} intervals/s, ${(reports / ingestSeconds).toFixed(1)} reports/s)`,
      );
      log(
        `  slaReports (2 sources, ${month}): p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, DynamoDB calls ${avg(measured.map((s) => s.dynamodbCalls)).toFixed(1)}, read units ${avg(measured.map((s) => s.dynamodbReadUnits)).toFixed(1)}`,
      );
      log(`  ${JSON.stringify((answer as any).cloudService.slaReports)}`);
    }
    admin.destroy();
  } finally {
    await dynamo.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`benchMonitoring failed: ${error.message}\n`);
  process.exit(1);
});

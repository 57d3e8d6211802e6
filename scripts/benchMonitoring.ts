// Monitoring benchmark (issue 9): what ingesting a month of monitoring items and reading its SLA
// report cost. Seeds DynamoDB Local (in memory) with a service in three regions publishing an
// availability commitment, its provider's monitor and a customer's; ingests last month (UTC) as
// 1-minute samples per region and source through reportMonitoring (batches of 500: a watched
// minute each, a downtime item per bad minute, an incident now and then), then reads
// CloudService.slaReports for both sources side by side, per region: ingest throughput, report
// p50/p99, DynamoDB calls and read units per report.
// Run: NODE_ENV=production npx tsx scripts/benchMonitoring.ts   (BENCH_DAYS=3 for a quick run)
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal } from '../dev/dynamodbLocal';
import { createInProcessApi } from '../dev/inProcessApi';
import { ensureTable } from '../dev/table';
import type { Identity } from '../dev/tokens';
import type { RequestSummary } from '../src/lambda/createHandler';
import { avg, log, must, percentile } from './benchKit';
import { newOrganization } from './benchSeeder';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 50);
const BATCH = 500;
const MINUTE = 60_000;
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1'] as const;

const COMMITMENTS = {
  availability: {
    targets: REGIONS.map((region) => ({ scope: { region }, targetPercent: 99.9 })),
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
  support: { targets: [{ severity: 'SEV2', firstResponse: { value: 1, unit: 'HOURS' } }] },
  incidentNotification: { within: { value: 24, unit: 'HOURS' } },
};

type Item = { id: string; revision: number; watched?: { start: string; end: string }; downtime?: object; incident?: object };

/** The month minute by minute for one region and source: watched, a 20-minute outage every 5 days, some bad single minutes, an incident a day. */
function items(monthStart: number, end: number, seed: number): Item[] {
  const out: Item[] = [];
  for (let t = monthStart, i = 0; t < end; t += MINUTE, i++) {
    const start = new Date(t).toISOString();
    const next = new Date(t + MINUTE).toISOString();
    out.push({ id: `w${i}`, revision: 0, watched: { start, end: next } });
    const bad = (i % 7200 >= 3000 + seed && i % 7200 < 3020) || (i * 7919 + seed) % 997 === 0;
    if (bad) out.push({ id: `d${i}`, revision: 0, downtime: { start, end: next, cause: 'OUTAGE' } });
    if (i % 1440 === 600)
      out.push({
        id: `i${i}`,
        revision: 0,
        incident: {
          severity: 'SEV2',
          title: 'Elevated errors',
          detectedAt: start,
          firstResponseAt: new Date(t + (seed + 40) * MINUTE).toISOString(),
          securityRelevant: false,
        },
      });
  }
  return out;
}

async function main() {
  const dynamo = await startDynamoLocal();
  try {
    const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const summaries: RequestSummary[] = [];
    const table = 'onus-bench-monitoring';
    await ensureTable(admin, table);
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const d = new Date(now);
    const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
    const monthEnd = Math.min(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), monthStart + Number(process.env.BENCH_DAYS || 31) * 1440 * MINUTE);
    const month = new Date(monthStart).toISOString().slice(0, 7);
    // The contract is published before last month began (so it applies to all of it), then the clock is now.
    let clock = monthStart - 10 * 1440 * MINUTE;
    // DynamoDB Local runs a 100-item transaction in 0.5 to 2 s on a busy machine (DynamoDB: tens of ms): a longer request timeout than production's 2 s.
    const api = await createInProcessApi(
      dynamo.endpoint,
      table,
      { logLevel: 'ERROR', dynamodb: { maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 8000 } },
      { onRequest: (s) => summaries.push(s), clock: () => new Date(clock) },
    );
    const p = await newOrganization(api, 'Bench Provider', 'PROVIDER');
    const c = await newOrganization(api, 'Bench Customer', 'CUSTOMER');
    const providerAdmin: Identity = { subject: 'bench|p', organizationId: p, roles: ['PROVIDER_ADMIN'] };
    const customerAdmin: Identity = { subject: 'bench|c', organizationId: c, roles: ['CUSTOMER_ADMIN'] };
    const { createCloudService } = await must(api, providerAdmin, 'mutation($i: CreateCloudServiceInput!) { createCloudService(input: $i) { id } }', {
      i: { name: 'Bench Compute', serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: [...REGIONS] },
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
    await must(api, providerAdmin, 'mutation($id: ID!, $rev: Int!) { publishContractDraft(serviceId: $id, revision: $rev, changeNote: "bench") { version } }', {
      id,
      rev: setCommitments.revision,
    });
    await must(api, customerAdmin, 'mutation($i: SubscribeInput!) { subscribe(input: $i) { id } }', {
      i: { serviceId: id, regions: [...REGIONS], startDate: '2026-01-01' },
    });
    clock = now;

    let batches = 0;
    let retries = 0;
    let sent = 0;
    const batchMs: number[] = [];
    const ingestStart = summaries.length;
    const t0 = performance.now();
    for (const [org, seed] of [
      [p, 1],
      [c, 2],
    ] as const) {
      const monitor: Identity = { subject: `bench|monitor-${seed}`, organizationId: org, roles: ['MONITOR'] };
      for (const region of REGIONS) {
        const all = items(monthStart, monthEnd, seed);
        for (let i = 0; i < all.length; i += BATCH) {
          const t = performance.now();
          // As a monitoring client would: a batch that ran out of time is sent again (it is idempotent).
          for (let attempt = 1; ; attempt++) {
            const result = await api.graphql(
              'mutation($i: MonitoringBatchInput!) { reportMonitoring(input: $i) { created unchanged } }',
              { i: { serviceId: id, scope: { region }, items: all.slice(i, i + BATCH) } },
              monitor,
            );
            const code = result.json?.errors?.[0]?.extensions?.code;
            if (!code) break;
            if (code !== 'REQUEST_TIMED_OUT' || attempt >= 10) throw new Error(JSON.stringify(result.json.errors));
            retries++;
          }
          batchMs.push(performance.now() - t);
          batches++;
          sent += Math.min(BATCH, all.length - i);
          if (batches % 20 === 0) process.stdout.write(`\r  ${sent} items in ${batches} batches`);
        }
      }
    }
    const ingestSeconds = (performance.now() - t0) / 1000;
    const ingest = summaries.slice(ingestStart);
    process.stdout.write('\n');
    log(
      `ingest: ${sent} items (${month}, ${((monthEnd - monthStart) / 1440 / MINUTE).toFixed(0)} days, 3 regions × 2 sources) in ${batches} batches of up to ${BATCH} (${retries} sent again after REQUEST_TIMED_OUT), ${ingestSeconds.toFixed(1)} s: ${(sent / ingestSeconds).toFixed(0)} items/s; a batch p50 ${percentile(batchMs, 50).toFixed(0)} ms, p99 ${percentile(batchMs, 99).toFixed(0)} ms, ${avg(ingest.map((s) => s.dynamodbCalls)).toFixed(1)} DynamoDB calls`,
    );

    const query =
      'query($id: ID!, $m: String!, $r: String!, $s: [ID!]) { cloudService(id: $id) { slaReports(month: $m, scope: { region: $r }, sources: $s) { source { kind } status uptimePercent downtimeMinutes watchedMinutes errorBudget { leftMinutes } credit { creditPercent claimBy } comparedWithProvider { downOnlyHereMinutes downOnlyThereMinutes } incidents { count late { lateMinutes } } } } }';
    const latencies: number[] = [];
    const start = summaries.length;
    let answer: unknown;
    for (let i = 0; i < ITERATIONS; i++) {
      const t = performance.now();
      answer = await must(api, providerAdmin, query, { id, m: month, r: REGIONS[i % REGIONS.length], s: [p, c] });
      latencies.push(performance.now() - t);
    }
    const measured = summaries.slice(start);
    log(
      `slaReports (one region, 2 sources side by side, ${month}): p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, DynamoDB calls ${avg(measured.map((s) => s.dynamodbCalls)).toFixed(1)}, read units ${avg(measured.map((s) => s.dynamodbReadUnits)).toFixed(1)}`,
    );
    const reports = (answer as { cloudService: { slaReports: unknown[] } }).cloudService.slaReports;
    log(`  ${JSON.stringify(reports)}`);
    admin.destroy();
  } finally {
    await dynamo.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`benchMonitoring failed: ${error.message}\n`);
  process.exit(1);
});

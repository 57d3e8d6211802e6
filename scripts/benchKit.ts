// What every bench script shares: DynamoDB Local in memory with a fresh table and the real handler on
// it, percentiles, and a plain-text table. Bench scripts print what they measure; they never assert.
import { cpus } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal } from '../dev/dynamodbLocal';
import { createInProcessApi, type InProcessApi } from '../dev/inProcessApi';
import type { Identity } from '../dev/tokens';
import { ensureTable } from '../dev/table';
import type { RequestSummary } from '../src/lambda/createHandler';

export interface Bench {
  readonly endpoint: string;
  readonly tableName: string;
  readonly admin: DynamoDBClient;
  readonly api: InProcessApi;
  /** The handler's own summary of every request (duration, DynamoDB calls and units), in order. */
  readonly summaries: RequestSummary[];
}

export const log = (line: string) => process.stdout.write(`${line}\n`);

/** The machine, printed beside every table: figures from a 2-core machine and a 16-core one differ. */
export const machine = () => `${cpus().length} cores, Node ${process.version}`;

/** DynamoDB Local in memory with a fresh table and the real handler on it, for `work`. */
export async function withBench(tableName: string, work: (bench: Bench) => Promise<void>) {
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

/** A GraphQL operation as `as` that must succeed (a bench stops at the first error, with it). */
export async function must(api: InProcessApi, as: Identity, query: string, variables: Record<string, unknown> = {}) {
  const result = await api.graphql(query, variables, as);
  if (result.json?.errors) throw new Error(JSON.stringify(result.json.errors));
  return result.json.data;
}

export const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

export function printTable(header: readonly string[], rows: readonly (readonly string[])[]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  log('');
  log(line(header));
  log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => log(line(r)));
}

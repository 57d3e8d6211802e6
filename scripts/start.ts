// npm start: the Onus API on this machine, as it runs in AWS. DynamoDB Local (data kept in .onus/ so
// a restart keeps it; --in-memory for a throwaway run), the table created from infra/table.json,
// demo data seeded, and the real Lambda handler served by serverless-offline, which feeds it
// API Gateway v2 events. Ctrl-C stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEMO_IDENTITIES } from '../dev/demo';
import { freePort, startDynamoLocal, type LocalDynamo } from '../dev/dynamodbLocal';
import { assertJava } from '../dev/java';
import { loadOrCreateLocalIssuer } from '../dev/localIssuer';
import { createInProcessApi } from '../dev/inProcessApi';
import { seedDemoData } from '../dev/seed';
import { ensureTable } from '../dev/table';
import { createDocumentClient } from '../src/store/client';
import { Store } from '../src/store/store';

const root = join(__dirname, '..');
const stateDir = join(root, '.onus');
const inMemory = process.argv.includes('--in-memory') || process.env.ONUS_IN_MEMORY === '1';
const port = Number(process.env.ONUS_PORT || 4000);
const tableName = process.env.ONUS_TABLE_NAME || 'onus-local';

let dynamo: LocalDynamo | undefined;
let offline: ChildProcess | undefined;
let stopping = false;

const step = (text: string) => process.stdout.write(`• ${text}\n`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

async function main() {
  assertJava();
  mkdirSync(join(stateDir, 'dynamodb'), { recursive: true });
  step(`starting DynamoDB Local (${inMemory ? 'in memory' : 'data in .onus/dynamodb'})…`);
  dynamo = await startDynamoLocal(inMemory ? {} : { dbPath: join(stateDir, 'dynamodb') });
  step(`DynamoDB Local ready at ${dynamo.endpoint} (${elapsed()})`);

  const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  step(`table ${tableName}: ${await ensureTable(admin, tableName)} (from infra/table.json)`);
  admin.destroy();

  step('seeding demo data…');
  const store = new Store(
    createDocumentClient({ region: 'us-east-1', endpoint: dynamo.endpoint, maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 10000 }),
    tableName,
  );
  const seedApi = await createInProcessApi(dynamo.endpoint, tableName);
  const seeded = await seedDemoData(store, seedApi, (line) => process.stdout.write(`${line}\n`));
  step(`demo data: ${seeded.created.length} created, ${seeded.existing.length} already there (${elapsed()})`);

  const issuer = await loadOrCreateLocalIssuer(join(stateDir, 'local-issuer-key.json'));
  const lambdaPort = await freePort();
  // The bundle goes to serverless.yml's work folder for stage local (.esbuild-start, or
  // ONUS_ESBUILD_WORK_FOLDER), never the one `npm run package` builds in and deletes when done.
  step(`starting serverless-offline on port ${port} (bundling the handler with esbuild)…`);
  offline = spawn(join(root, 'node_modules/.bin/serverless'), ['offline', 'start', '--stage', 'local', '--noAuth'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ONUS_TABLE_NAME: tableName,
      ONUS_DYNAMODB_ENDPOINT: dynamo.endpoint,
      ONUS_JWKS: JSON.stringify(issuer.jwks),
      ONUS_PORT: String(port),
      ONUS_LAMBDA_PORT: String(lambdaPort),
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
    },
  });
  let offlineOutput = '';
  const relay = (chunk: Buffer) => {
    const text = chunk.toString();
    offlineOutput += text;
    if (ready) process.stdout.write(text);
  };
  let ready = false;
  offline.stdout?.on('data', relay);
  offline.stderr?.on('data', relay);
  offline.once('exit', (code) => {
    if (stopping) return;
    process.stderr.write(`${offlineOutput.split('\n').slice(-15).join('\n')}\n`);
    fail(`serverless-offline stopped (exit code ${code}). If port ${port} is in use, set ONUS_PORT to another port and run npm start again.`);
  });
  await waitForHttp(`http://localhost:${port}/graphql`, 120000);
  ready = true;

  const url = `http://localhost:${port}/graphql`;
  const tokens: string[] = [];
  for (const [key, identity] of Object.entries(DEMO_IDENTITIES)) {
    tokens.push(
      `  ${identity.label.padEnd(36)} export ONUS_TOKEN_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}=${await issuer.token(identity, { expiresIn: '7d' })}`,
    );
  }
  process.stdout.write(`
Onus is ready (${elapsed()}): ${url}

Bearer tokens for the demo identities (valid 7 days; the key stays in .onus/):
${tokens.join('\n')}

A first query:
  curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $ONUS_TOKEN_CUSTOMER_ADMIN" \\
    -d '{"query":"{ me { name roles organization { name } } framework { clauseCount objectiveCount controlCount } controls(filter: {cloudSpecific: true}) { edges { node { id title } } } }"}'

Monitoring clients (role MONITOR): ONUS_TOKEN_PROVIDER_MONITOR is Nimbus's SLA monitor (reports on Nimbus's
services and reads their month reports, every source); ONUS_TOKEN_MONITOR is Globex's (reports on the three
services Globex subscribes to, reads the provider's figures and its own). Both send reportMonitoring batches
(README, "Monitoring and SLA attainment"); the demo holds 30 days from each. This month, side by side:
  curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $ONUS_TOKEN_MONITOR" \\
    -d '{"query":"query($t: String!, $m: String!, $s: CommitmentScopeInput) { cloudServices(filter: {text: $t}) { edges { node { name slaReports(month: $m, scope: $s) { source { kind } status uptimePercent downtimeMinutes errorBudget { leftMinutes } incidents { late { id target lateMinutes } } } } } } }","variables":{"t":"Nimbus","m":"${new Date().toISOString().slice(0, 7)}","s":{"tier":"multi-zone"}}}'

Ctrl-C stops the API and DynamoDB Local.
`);
}

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  throw new Error(`serverless-offline did not answer on ${url} within ${timeoutMs / 1000}s`);
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (offline && offline.exitCode === null) {
    const exited = new Promise((resolve) => offline!.once('exit', resolve));
    offline.kill('SIGINT');
    const timer = setTimeout(() => offline?.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  await dynamo?.stop();
  process.exit(code);
}

function fail(message: string): never {
  process.stderr.write(`npm start failed: ${message}\n`);
  void stop(1);
  throw new Error(message);
}

process.on('SIGINT', () => {
  process.stdout.write('\nstopping…\n');
  void stop(0);
});
process.on('SIGTERM', () => void stop(0));

main().catch((error: Error) => {
  if (!stopping) {
    process.stderr.write(`npm start failed: ${error.message}\n`);
    void stop(1);
  }
});

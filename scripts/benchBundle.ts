// The Lambda artifact: handler bundle and zip sizes, what the bundle is made of, and the handler's
// require() time against a bare handler that constructs a DynamoDB client, each in a fresh process,
// interleaved, medians and their ratio (issue 11: bundle <= 600 KB minified, zip <= 300 KB without the
// source map, require() <= 1.5x the bare handler's). Prints; never asserts (test/package.test.ts does).
//   NODE_ENV=production npx tsx scripts/benchBundle.ts            package now, offline, then measure
//   NODE_ENV=production npx tsx scripts/benchBundle.ts --reuse    measure .serverless/ of the last `npm run package`
//   ... --artifact <dir> (a folder holding graphql.zip, and graphql-meta.json if any), --runs <n> (default 21)
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { fmt, log, machine, percentile, printTable } from './benchKit';
import {
  bundleReport,
  FUNCTION,
  HANDLER_FILE,
  lambdaLikeEnv,
  packageStage,
  privateServiceDir,
  readZip,
  ROOT,
  unpackLikeLambda,
  type Metafile,
} from './buildLambdaPackage';

const run = promisify(execFile);
const KB = 1024;
// The exchange formats' file beside the handler (build/esbuildPlugins.mjs).
const EXCHANGE_FILE = 'src/exchange.js';
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The folder holding graphql.zip (and its map and metafile beside it): packaged now unless told otherwise. */
async function artifactFolder(work: string): Promise<string> {
  const given = option('--artifact') ?? (process.argv.includes('--reuse') ? join(ROOT, '.serverless') : undefined);
  if (given) {
    if (!existsSync(join(given, `${FUNCTION}.zip`))) throw new Error(`${given} holds no ${FUNCTION}.zip: run \`npm run package\` first, or drop --reuse`);
    return given;
  }
  const out = join(work, 'package');
  const service = privateServiceDir();
  try {
    // The arguments of `npm run package` (package.json).
    const params = ['--param=jwtIssuer=https://issuer.example.com/', '--param=jwtAudience=onus-api'];
    await packageStage({ out, service, workFolder: '.esbuild-bench', stage: 'prod', params });
  } finally {
    rmSync(service, { recursive: true, force: true });
  }
  return out;
}

/** One fresh Node process that requires `file` and says how long require() took, in ms. */
async function requireTime(file: string, cwd: string, nodePath: string): Promise<number> {
  const probe = `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const { stdout } = await run(process.execPath, ['-e', probe], {
    cwd,
    // As on the Lambda runtime: the SDK comes from the runtime's module path, nothing else does.
    env: lambdaLikeEnv(nodePath),
    timeout: 60_000,
  });
  return Number(stdout);
}

/** One fresh Node process that requires the handler, then times require() of the exchange formats' file, in ms. */
async function exchangeLoadTime(handler: string, exchange: string, cwd: string, nodePath: string): Promise<number> {
  const probe = `require(${JSON.stringify(handler)}); const t = process.hrtime.bigint(); require(${JSON.stringify(exchange)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const { stdout } = await run(process.execPath, ['-e', probe], { cwd, env: lambdaLikeEnv(nodePath), timeout: 60_000 });
  return Number(stdout);
}

// The stack's own floor: what Apollo Server, its Lambda integration, graphql-js and the document client
// cost a cold start before any of Onus's code, with a one-field schema, then with Onus's schema built from
// its data (src/server/schemaCodec.ts) and nothing else: no resolvers, no use cases, no domain. Bundled as
// the handler is (serverless.yml custom.esbuild's options for a deployed stage, build/esbuildPlugins.mjs),
// so the difference to the packaged handler is Onus's own code and what it does at a cold start.
const STACK_FLOOR = (schema: 'one field' | 'onus') => `
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { schemaData } from './src/graphql/generated/schemaData';
import { decodeSchema } from './src/server/schemaCodec';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const schema = ${
  schema === 'onus'
    ? 'decodeSchema(schemaData, { assumeValid: true })'
    : "new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => String(Boolean(client)) } } }) })"
};
const server = new ApolloServer({ schema, plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(),
  ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()] });
export const handler = startServerAndCreateLambdaHandler(server, handlers.createAPIGatewayProxyEventV2RequestHandler());
`;

/** A stack-floor handler (STACK_FLOOR) bundled into `outfile`. */
async function buildStackFloor(schema: 'one field' | 'onus', outfile: string): Promise<void> {
  const { build } = await import('esbuild');
  const { default: esbuildPlugins } = (await import(join(ROOT, 'build', 'esbuildPlugins.mjs'))) as {
    default: (serverless: unknown) => Array<{ name: string }>;
  };
  const stage = { service: { custom: { onusBundle: { introspection: 'false', authMode: 'gateway' } } } };
  await build({
    stdin: { contents: STACK_FLOOR(schema), resolveDir: ROOT, loader: 'ts', sourcefile: 'stack-floor.ts' },
    outfile,
    bundle: true,
    minify: true,
    target: 'node22',
    platform: 'node',
    format: 'cjs',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['@aws-sdk/*'],
    mainFields: ['module', 'main'],
    // Without the exchange formats' file: these handlers have no exports to load it for.
    plugins: esbuildPlugins(stage).filter((p) => p.name !== 'onus-exchange-formats-apart') as never,
    logLevel: 'error',
  });
}

const BARE_HANDLER = `// A bare handler: the DynamoDB client the runtime's SDK provides, constructed at load.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const client = new DynamoDBClient({});
exports.handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });
`;

// The same with the document client the handler also loads: how much of the ratio is the SDK's.
const BARE_DOCUMENT_HANDLER = `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
exports.handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });
`;

async function main() {
  const runs = Number(option('--runs') ?? 21);
  const work = mkdtempSync(join(tmpdir(), 'onus-bench-bundle-'));
  try {
    const folder = await artifactFolder(work);
    const zip = join(folder, `${FUNCTION}.zip`);
    const entries = readZip(zip);
    const handler = entries.find((e) => e.name === HANDLER_FILE);
    if (!handler) throw new Error(`${zip} holds no ${HANDLER_FILE}`);
    const exchange = entries.find((e) => e.name === EXCHANGE_FILE);
    const mapFile = join(folder, `${FUNCTION}.js.map`);
    const metaFile = join(folder, `${FUNCTION}-meta.json`);

    log(`Lambda artifact (${machine()})`);
    printTable(
      ['what', 'bytes', 'size'],
      [
        ['handler bundle (minified)', String(handler.size), kb(handler.size)],
        ['exchange formats beside it (loaded by the first export or import)', exchange ? String(exchange.size) : '-', exchange ? kb(exchange.size) : 'none'],
        ['zip', String(statSync(zip).size), kb(statSync(zip).size)],
        ['files in the zip', String(entries.length), entries.map((e) => e.name).join(', ')],
        ['source map beside the zip', existsSync(mapFile) ? String(statSync(mapFile).size) : '-', existsSync(mapFile) ? kb(statSync(mapFile).size) : 'none'],
      ],
    );

    if (existsSync(metaFile)) {
      const report = bundleReport(JSON.parse(readFileSync(metaFile, 'utf8')) as Metafile);
      printTable(
        ['largest parts of the bundle', 'bytes', 'share'],
        report.parts.slice(0, 20).map((p) => [p.name, String(p.bytes), `${((100 * p.bytes) / report.bytes).toFixed(1)} %`]),
      );
      const protobuf = report.files.filter((f) => /protobuf/.test(f.path));
      log('');
      log(`packages bundled twice: ${report.duplicates.map((d) => d.name).join(', ') || 'none'}`);
      log(`protobuf: ${protobuf.length ? `${protobuf.reduce((n, f) => n + f.bytes, 0)} bytes` : 'none'}`);
    } else {
      log(`\n(no ${FUNCTION}-meta.json beside the zip: parts of the bundle not shown)`);
    }

    // The packaged handler as the runtime lays it out: the zip in task/, the SDK on the module path.
    const { task, runtime } = unpackLikeLambda(entries, work);
    const bare = join(work, 'bare', 'handler.js');
    const bareDocument = join(work, 'bare', 'document.js');
    mkdirSync(dirname(bare), { recursive: true });
    writeFileSync(bare, BARE_HANDLER);
    writeFileSync(bareDocument, BARE_DOCUMENT_HANDLER);
    const stackFloor = join(work, 'floor', 'stack.js');
    const stackFloorWithSchema = join(work, 'floor', 'stack-with-schema.js');
    await buildStackFloor('one field', stackFloor);
    await buildStackFloor('onus', stackFloorWithSchema);

    const contenders = [
      { name: 'packaged handler', file: join(task, HANDLER_FILE), cwd: task, times: [] as number[] },
      { name: 'bare handler (DynamoDBClient)', file: bare, cwd: dirname(bare), times: [] as number[] },
      { name: 'bare handler + lib-dynamodb (for reference)', file: bareDocument, cwd: dirname(bare), times: [] as number[] },
      {
        name: 'the stack alone: Apollo, its Lambda integration, graphql-js, the document client',
        file: stackFloor,
        cwd: dirname(stackFloor),
        times: [] as number[],
      },
      { name: "the stack with Onus's schema (from its data), nothing else", file: stackFloorWithSchema, cwd: dirname(stackFloor), times: [] as number[] },
    ];
    // One discarded round warms the file cache; then each round starts with the next one in turn.
    for (const c of contenders) await requireTime(c.file, c.cwd, runtime);
    for (let i = 0; i < runs; i++) {
      const order = contenders.map((_, k) => contenders[(i + k) % contenders.length]!);
      for (const c of order) c.times.push(await requireTime(c.file, c.cwd, runtime));
    }
    const median = (values: number[]) => percentile(values, 50);
    printTable(
      [`require() in a fresh process (${runs} runs each, interleaved)`, 'p50 ms', 'min ms', 'p90 ms'],
      contenders.map((c) => [c.name, fmt(median(c.times)), fmt(Math.min(...c.times)), fmt(percentile(c.times, 90))]),
    );
    log('');
    const ratio = (c: { times: number[] }) => `${(median(c.times) / median(contenders[1]!.times)).toFixed(2)}x`;
    log(`require() ratio, packaged / bare (p50): ${ratio(contenders[0]!)}`);
    log(`  the stack alone / bare: ${ratio(contenders[3]!)}; the stack with Onus's schema / bare: ${ratio(contenders[4]!)}`);
    if (exchange) {
      // What the first export or import in a warm function adds: loading the formats' file, once.
      const times: number[] = [];
      for (let i = 0; i < Math.min(runs, 11); i++) times.push(await exchangeLoadTime(join(task, HANDLER_FILE), join(task, EXCHANGE_FILE), task, runtime));
      log(
        `first export or import: loading ${EXCHANGE_FILE} after the handler, p50 ${fmt(median(times))} ms (min ${fmt(Math.min(...times))}, ${times.length} runs)`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

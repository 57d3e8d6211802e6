import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { parse, visit } from 'graphql';
import { DEMO_IDENTITIES } from '../dev/demo';
import table from '../infra/table.json';
import {
  bundleReport,
  FUNCTION,
  lambdaLikeEnv,
  packageStage as packageService,
  privateServiceDir,
  readZip,
  ROOT,
  unpackLikeLambda,
  type BundleReport,
  type Metafile,
} from '../scripts/buildLambdaPackage';
import { seededDemo, type DemoWorld } from './helpers/demo';

const run = promisify(execFile);

const STAGE = 'prod';
const ISSUER = 'https://issuer.test.example/';
const AUDIENCE = 'onus-package-test';
// serverless.yml's default stage parameters throttleRate and throttleBurst (README, Deploying).
const DEFAULT_THROTTLE_RATE = 100;
const DEFAULT_THROTTLE_BURST = 200;
// Issue 11's limits (README, Deploying): the zip Lambda loads holds the minified bundle alone.
const KB = 1024;
const MAX_ZIP_BYTES = 300 * KB;
// Issue 11: the handler every cold start compiles; the exchange formats are a file beside it, loaded by the requests that use them (README, Deploying).
const MAX_BUNDLE_BYTES = 600 * KB;
const EXCHANGE_FILE = 'src/exchange.js';

const ALLOWED_DYNAMODB_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];
// What the framework itself grants the function so it can write its own logs.
const FRAMEWORK_LOG_ACTIONS = ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource', 'logs:PutLogEvents'];

// A developer's shell during `serverless deploy`: none of it may leak into a deployed stage.
const LEAKY_SHELL = {
  ONUS_TABLE_NAME: 'leaked-table-name',
  ONUS_DYNAMODB_ENDPOINT: 'http://localhost:8000',
  ONUS_JWKS: '{"keys":[{"kty":"RSA","n":"leaked","e":"AQAB"}]}',
  ONUS_LOG_LEVEL: 'DEBUG',
  ONUS_JWKS_URL: 'http://127.0.0.1:9999/leaked-jwks.json',
};

// CloudFormation is untyped JSON (any is allowed in tests: eslint.config.mjs).
type Json = any;
interface Resource {
  Type: string;
  Properties: Json;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: Json;
}

let outDir: string;
let serviceDir: string;
let template: { Resources: Record<string, Resource> };

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function resourcesOfType(type: string): Array<[string, Resource]> {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

function onlyResourceOfType(type: string): [string, Resource] {
  const found = resourcesOfType(type);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function roleStatements(): Statement[] {
  const [, fn] = onlyResourceOfType('AWS::Lambda::Function');
  const roleId: string = fn.Properties.Role['Fn::GetAtt'][0];
  const role = template.Resources[roleId]!;
  expect(role.Type).toBe('AWS::IAM::Role');
  return (role.Properties.Policies as Json[]).flatMap((p) => p.PolicyDocument.Statement as Statement[]);
}

/** Is this CloudFormation value the table's ARN, or the ARN of its indexes (`<arn>/index/*`)? */
function refersToTable(resource: Json, tableId: string): boolean {
  const isArn = (v: Json) => Array.isArray(v?.['Fn::GetAtt']) && v['Fn::GetAtt'][0] === tableId && v['Fn::GetAtt'][1] === 'Arn';
  if (isArn(resource)) return true;
  const join = resource?.['Fn::Join'];
  if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1]) && join[1].length === 2) {
    return isArn(join[1][0]) && join[1][1] === '/index/*';
  }
  const sub = resource?.['Fn::Sub'];
  return sub === `\${${tableId}.Arn}/index/*`;
}

let report: BundleReport | undefined;
/** What the bundle is made of: the esbuild metafile published beside the zip. */
function bundle(): BundleReport {
  report ??= bundleReport(JSON.parse(readFileSync(join(outDir, `${FUNCTION}-meta.json`), 'utf8')) as Metafile);
  return report;
}

/** The packaged zip laid out as Lambda runs it, in a new temporary folder. */
function unpackArtifact(): { work: string; task: string; runtime: string } {
  const work = mkdtempSync(join(tmpdir(), 'onus-artifact-'));
  return { work, ...unpackLikeLambda(readZip(artifactPath()), work) };
}

/** A probe's environment, as on the Lambda runtime, for this stage. */
const lambdaEnv = (runtime: string, vars: Record<string, string>) => lambdaLikeEnv(runtime, { ONUS_TABLE_NAME: `onus-${STAGE}`, ...vars });

function artifactPath(): string {
  const [, fn] = onlyResourceOfType('AWS::Lambda::Function');
  return join(outDir, basename(fn.Properties.Code.S3Key as string));
}

function packageStage(out: string, service: string, workFolder: string, params: readonly string[] = []): Promise<void> {
  return packageService({
    out,
    service,
    workFolder,
    stage: STAGE,
    params: [`--param=jwtIssuer=${ISSUER}`, `--param=jwtAudience=${AUDIENCE}`, ...params],
    env: LEAKY_SHELL,
  });
}

// The same stage packaged with optional parameters given, to show they reach the template.
const GIVEN_PARAMS = ['--param=throttleRate=7', '--param=throttleBurst=11', '--param=trustedDocumentsOnlyClients=vendor-portal'];
let givenParamsOutDir: string;
let givenParamsServiceDir: string;
let givenParamsTemplate: { Resources: Record<string, Resource> };

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'onus-package-'));
  serviceDir = privateServiceDir();
  givenParamsOutDir = mkdtempSync(join(tmpdir(), 'onus-package-params-'));
  givenParamsServiceDir = privateServiceDir();
  await Promise.all([
    packageStage(outDir, serviceDir, '.esbuild-package-test'),
    packageStage(givenParamsOutDir, givenParamsServiceDir, '.esbuild-package-test-params', GIVEN_PARAMS),
  ]);
  template = JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));
  givenParamsTemplate = JSON.parse(readFileSync(join(givenParamsOutDir, 'cloudformation-template-update-stack.json'), 'utf8'));
}, 180_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  if (serviceDir) rmSync(serviceDir, { recursive: true, force: true });
  if (givenParamsOutDir) rmSync(givenParamsOutDir, { recursive: true, force: true });
  if (givenParamsServiceDir) rmSync(givenParamsServiceDir, { recursive: true, force: true });
});

describe(`serverless package --stage ${STAGE}`, () => {
  describe('the function', () => {
    it('is the one Lambda, src/handler.handler on nodejs22.x / arm64', () => {
      const [, fn] = onlyResourceOfType('AWS::Lambda::Function');
      expect(fn.Properties.Handler).toBe('src/handler.handler');
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    });

    it('trusts the gateway authorizer and keeps introspection off', () => {
      const [, fn] = onlyResourceOfType('AWS::Lambda::Function');
      const env = fn.Properties.Environment.Variables;
      expect(env.ONUS_AUTH_MODE).toBe('gateway');
      expect(env.ONUS_INTROSPECTION).toBe('false');
      expect(env.ONUS_LOG_LEVEL).toBe('INFO');
      // No client is locked to trusted documents unless the stage says so.
      expect(env.ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS).toBe('');
    });

    it("names the deployed table in ONUS_TABLE_NAME, whatever the developer's shell says", () => {
      const [tableId, dynamoTable] = onlyResourceOfType('AWS::DynamoDB::Table');
      const [, fn] = onlyResourceOfType('AWS::Lambda::Function');
      const name = fn.Properties.Environment.Variables.ONUS_TABLE_NAME;
      if (typeof name === 'string') {
        expect(name).toBe(dynamoTable.Properties.TableName);
        expect(name).toBe(`onus-${STAGE}`);
      } else {
        expect(name).toEqual({ Ref: tableId });
      }
    });

    it('never points a deployed stage at DynamoDB Local or at local keys', () => {
      const [, fn] = onlyResourceOfType('AWS::Lambda::Function');
      const env = fn.Properties.Environment.Variables;
      expect(env.ONUS_DYNAMODB_ENDPOINT ?? '').toBe('');
      expect(env.ONUS_JWKS ?? '').toBe('');
      expect(env.ONUS_JWKS_URL ?? '').toBe('');
    });

    it('logs to a log group with a retention period', () => {
      const [, fn] = onlyResourceOfType('AWS::Lambda::Function');
      const groups = resourcesOfType('AWS::Logs::LogGroup').map(([, g]) => g.Properties);
      const group = groups.find((g) => g.LogGroupName === `/aws/lambda/${fn.Properties.FunctionName}`);
      expect(group).toBeDefined();
      expect(Number.isInteger(group.RetentionInDays) && group.RetentionInDays > 0).toBe(true);
    });
  });

  describe('the HTTP API', () => {
    it.each(['POST /graphql', 'GET /graphql'])('routes %s through a JWT authorizer with the given issuer and audience', (routeKey) => {
      const route = resourcesOfType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === routeKey)?.[1];
      expect(route).toBeDefined();
      expect(route!.Properties.AuthorizationType).toBe('JWT');
      const authorizer = template.Resources[route!.Properties.AuthorizerId.Ref]!;
      expect(authorizer.Type).toBe('AWS::ApiGatewayV2::Authorizer');
      expect(authorizer.Properties.AuthorizerType).toBe('JWT');
      expect(authorizer.Properties.JwtConfiguration).toEqual({ Issuer: ISSUER, Audience: [AUDIENCE] });
      expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    });

    it('has no route that skips the authorizer', () => {
      const routes = resourcesOfType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
      expect(routes.map((r) => r.RouteKey).sort()).toEqual(['GET /graphql', 'POST /graphql']);
      for (const r of routes) expect(r.AuthorizationType).toBe('JWT');
    });

    it('throttles every route at the stage (default route settings), with the default rate and burst', () => {
      const [apiId] = onlyResourceOfType('AWS::ApiGatewayV2::Api');
      const [, stage] = onlyResourceOfType('AWS::ApiGatewayV2::Stage');
      expect(stage.Properties.ApiId).toEqual({ Ref: apiId });
      const settings = stage.Properties.DefaultRouteSettings;
      expect(Number(settings.ThrottlingRateLimit)).toBe(DEFAULT_THROTTLE_RATE);
      expect(Number(settings.ThrottlingBurstLimit)).toBe(DEFAULT_THROTTLE_BURST);
      // No route opts out with settings of its own.
      expect(stage.Properties.RouteSettings ?? {}).toEqual({});
    });

    it('takes the rate and burst from the stage parameters throttleRate and throttleBurst', () => {
      const stages = Object.values(givenParamsTemplate.Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Stage');
      expect(stages).toHaveLength(1);
      const settings = stages[0]!.Properties.DefaultRouteSettings;
      expect(Number(settings.ThrottlingRateLimit)).toBe(7);
      expect(Number(settings.ThrottlingBurstLimit)).toBe(11);
    });

    it('passes the trustedDocumentsOnlyClients parameter to the function', () => {
      const fns = Object.values(givenParamsTemplate.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
      expect(fns[0]!.Properties.Environment.Variables.ONUS_TRUSTED_DOCUMENTS_ONLY_CLIENTS).toBe('vendor-portal');
    });

    it('answers CORS preflights for POST and GET with the headers Apollo clients send', () => {
      const [, api] = onlyResourceOfType('AWS::ApiGatewayV2::Api');
      const cors = api.Properties.CorsConfiguration;
      expect(cors).toBeDefined();
      expect([...cors.AllowMethods].sort()).toEqual(['GET', 'OPTIONS', 'POST']);
      expect(cors.AllowHeaders).toEqual(expect.arrayContaining(['content-type', 'authorization', 'apollo-require-preflight']));
      expect(cors.AllowCredentials ?? false).toBe(false);
    });
  });

  describe('the table', () => {
    it('is exactly one DynamoDB table, billed per request', () => {
      const [, t] = onlyResourceOfType('AWS::DynamoDB::Table');
      expect(t.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(t.Properties.ProvisionedThroughput).toBeUndefined();
    });

    it('has point-in-time recovery enabled', () => {
      const [, t] = onlyResourceOfType('AWS::DynamoDB::Table');
      expect(t.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    });

    it('has encryption at rest enabled', () => {
      const [, t] = onlyResourceOfType('AWS::DynamoDB::Table');
      expect(t.Properties.SSESpecification?.SSEEnabled).toBe(true);
    });

    it(`is protected from deletion on stage ${STAGE}, and retained if the stack lets it go`, () => {
      const [, t] = onlyResourceOfType('AWS::DynamoDB::Table');
      expect(t.Properties.DeletionProtectionEnabled).toBe(true);
      expect(t.DeletionPolicy).toBe('Retain');
      expect(t.UpdateReplacePolicy).toBe('Retain');
    });

    it('expires items on the TTL attribute named in infra/table.json', () => {
      const [, t] = onlyResourceOfType('AWS::DynamoDB::Table');
      expect(t.Properties.TimeToLiveSpecification).toEqual({ AttributeName: table.TimeToLiveAttribute, Enabled: true });
    });

    it('has exactly the keys and indexes of infra/table.json', () => {
      const [, t] = onlyResourceOfType('AWS::DynamoDB::Table');
      expect(t.Properties.KeySchema).toEqual(table.KeySchema);
      expect(t.Properties.AttributeDefinitions).toEqual(table.AttributeDefinitions);
      expect(t.Properties.GlobalSecondaryIndexes).toEqual(table.GlobalSecondaryIndexes);
    });
  });

  describe("the function's permissions", () => {
    it('grant no wildcard action and no "*" resource', () => {
      for (const s of roleStatements()) {
        for (const action of asList(s.Action)) expect(action).not.toContain('*');
        for (const resource of asList(s.Resource)) expect(resource).not.toBe('*');
      }
    });

    it('grant exactly the DynamoDB actions the code uses, and nothing beyond the log permissions', () => {
      const statements = roleStatements();
      const actions = statements.flatMap((s) => asList(s.Action));
      for (const action of actions) expect([...ALLOWED_DYNAMODB_ACTIONS, ...FRAMEWORK_LOG_ACTIONS]).toContain(action);
      expect([...new Set(actions.filter((a) => a.startsWith('dynamodb:')))].sort()).toEqual([...ALLOWED_DYNAMODB_ACTIONS].sort());
      for (const s of statements) expect(s.Effect).toBe('Allow');
    });

    it('grant DynamoDB access only on the table and its indexes', () => {
      const [tableId] = onlyResourceOfType('AWS::DynamoDB::Table');
      const dynamo = roleStatements().filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')));
      expect(dynamo.length).toBeGreaterThan(0);
      for (const s of dynamo) {
        expect(asList(s.Action).every((a) => a.startsWith('dynamodb:'))).toBe(true);
        const resources = asList(s.Resource);
        expect(resources.length).toBeGreaterThan(0);
        for (const resource of resources) {
          if (!refersToTable(resource, tableId)) throw new Error(`DynamoDB permission on something other than ${tableId}: ${JSON.stringify(resource)}`);
        }
      }
    });

    it('come from inline statements only (no managed policies)', () => {
      const [, fn] = onlyResourceOfType('AWS::Lambda::Function');
      const role = template.Resources[fn.Properties.Role['Fn::GetAtt'][0]]!;
      expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
    });
  });

  describe('the artifact', () => {
    it(`is a zip of at most ${MAX_ZIP_BYTES / KB} KB holding the handler bundle and the exchange formats beside it`, () => {
      const file = artifactPath();
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).size).toBeLessThanOrEqual(MAX_ZIP_BYTES);
      expect(
        readZip(file)
          .map((e) => e.name)
          .sort(),
      ).toEqual([EXCHANGE_FILE, 'src/handler.js']);
    });

    it('carries the exchange formats apart: their file holds the formats, the contract vocabulary, text, errors and the CSV packages only, the handler none of them', () => {
      const exchange = bundleReport(JSON.parse(readFileSync(join(outDir, `${FUNCTION}-exchange-meta.json`), 'utf8')) as Metafile);
      const exchangeFile = readZip(artifactPath()).find((e) => e.name === EXCHANGE_FILE)!;
      expect(exchange.bytes).toBe(exchangeFile.size);
      const paths = exchange.files.map((f) => f.path);
      const stateless = /(^|\/)(src\/domain\/((exports|contracts)\/[\w-]+|text|errors)\.ts|node_modules\/csv-(parse|stringify)\/.*)$/;
      expect(paths.filter((p) => !stateless.test(p))).toEqual([]);
      expect(paths.some((p) => /src\/domain\/exports\/caiqImport\.ts$/.test(p))).toBe(true);
      expect(paths.some((p) => /node_modules\/csv-parse\//.test(p))).toBe(true);
      // The handler keeps only the two constants its use cases read before loading the formats.
      const inHandler = bundle().files.map((f) => f.path);
      expect(inHandler.filter((p) => /node_modules\/csv-/.test(p))).toEqual([]);
      expect(
        inHandler
          .filter((p) => /src\/domain\/exports\//.test(p))
          .map((p) => p.replace(/.*src\/domain\/exports\//, ''))
          .sort(),
      ).toEqual(['importLimits.ts', 'importedLine.ts']);
      // The handler requires the file at run time, beside itself.
      const handler = readZip(artifactPath())
        .find((e) => e.name === 'src/handler.js')!
        .read()
        .toString('utf8');
      expect(handler).toMatch(/require\(["']\.\/exchange\.js["']\)/);
      expect(existsSync(join(outDir, `${FUNCTION}-exchange.js.map`))).toBe(true);
    });

    it('has its source map published beside it, mapping the bundle back to src', () => {
      const bundle = readZip(artifactPath())
        .find((e) => e.name === 'src/handler.js')!
        .read()
        .toString('utf8');
      const map = new SourceMap(JSON.parse(readFileSync(join(outDir, `${FUNCTION}.js.map`), 'utf8')));
      // A position in the bundle that only src/config.ts's code can hold maps back to it.
      const at = bundle.indexOf('ONUS_TABLE_NAME');
      const before = bundle.slice(0, at).split('\n');
      const entry = map.findEntry(before.length - 1, before.at(-1)!.length) as { originalSource?: string };
      expect(entry.originalSource).toMatch(/(^|\/)src\/config\.ts$/);
    });

    it(`holds a handler bundle of at most ${MAX_BUNDLE_BYTES / KB} KB, minified`, () => {
      const handler = readZip(artifactPath()).find((e) => e.name === 'src/handler.js')!;
      expect(handler.size).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
      expect(bundle().bytes).toBe(handler.size);
    });

    it('bundles the schema without its descriptions, which only introspection (off on this stage) returns', () => {
      const bundle = readZip(artifactPath())
        .find((e) => e.name === 'src/handler.js')!
        .read()
        .toString('utf8');
      const descriptions: string[] = [];
      for (const file of readdirSync(join(ROOT, 'schema')).filter((f) => f.endsWith('.graphql'))) {
        visit(parse(readFileSync(join(ROOT, 'schema', file), 'utf8')), {
          enter: (node) => void ('description' in node && node.description && descriptions.push(node.description.value)),
        });
      }
      const longest = descriptions.sort((a, b) => b.length - a.length)[0]!;
      expect(bundle).not.toContain(JSON.stringify(longest).slice(1, -1));
      // The types themselves are all there, as the schema data (src/server/schemaCodec.ts) holds them.
      // (esbuild writes the string in whichever quotes need no escapes: look for the text either way.)
      const written = (text: string) => [text, JSON.stringify(text).slice(1, -1)].some((form) => bundle.includes(form));
      expect(written('["O","AuditEvent",[["id","ID!"]')).toBe(true);
      expect(written('"descriptions":')).toBe(false);
    });

    it('bundles one copy of each package (no CommonJS beside ES module build, no second install)', () => {
      expect(bundle().duplicates).toEqual([]);
    });

    it("bundles no protobuf (Apollo's usage reporting is off) and no AWS SDK or @smithy code (the runtime's SDK is used)", () => {
      const paths = bundle().files.map((f) => f.path);
      expect(paths.filter((p) => /protobuf/.test(p))).toEqual([]);
      expect(paths.filter((p) => /node_modules\/(@aws-sdk|@smithy)\//.test(p))).toEqual([]);
    });

    it('bundles no code the handler never runs: no @graphql-tools (the schema is built by src/server/schema.ts), no fast-json-stringify or ajv (graphql-jit option unused), no jose (the stage trusts the authorizer), no second lodash merge', () => {
      const paths = bundle().files.map((f) => f.path);
      expect(paths.filter((p) => /node_modules\/(@graphql-tools|fast-json-stringify|ajv|jose|lodash\.merge)\//.test(p))).toEqual([]);
      expect(paths.filter((p) => /node_modules\/lodash\.mergewith\//.test(p))).toHaveLength(1);
      // graphql-jit itself is there, and from its ES module files (one graphql-js with src).
      expect(paths.filter((p) => /node_modules\/graphql-jit\/dist\/execution\.mjs$/.test(p))).toHaveLength(1);
      expect(paths.filter((p) => /node_modules\/graphql\/.*\.js$/.test(p))).toEqual([]);
    });

    it('holds the bundled handler and leaves the AWS SDK to the runtime', () => {
      const entries = readZip(artifactPath());
      const names = entries.map((e) => e.name);
      expect(names).toContain('src/handler.js');
      expect(names.filter((n) => n.startsWith('node_modules/@aws-sdk/'))).toEqual([]);
      expect(names.filter((n) => n.endsWith('.ts') || n.endsWith('.graphql'))).toEqual([]);
      const bundle = entries
        .find((e) => e.name === 'src/handler.js')!
        .read()
        .toString('utf8');
      // Bundled as CommonJS, with the SDK external (a require the runtime answers), not inlined.
      expect(bundle).toMatch(/require\(["']@aws-sdk\/client-dynamodb["']\)/);
      expect(bundle).toMatch(/require\(["']@aws-sdk\/lib-dynamodb["']\)/);
      expect(bundle).not.toMatch(/^\s*(import|export)\s/m);
    });

    it('loads and answers a query with nothing but @aws-sdk available, as on the Lambda runtime', async () => {
      const { work, task, runtime } = unpackArtifact();
      try {
        const probe = `
          const { handler } = require(${JSON.stringify(join(task, 'src', 'handler.js'))});
          if (typeof handler !== 'function') throw new Error('handler is not a function');
          const event = {
            version: '2.0', routeKey: 'POST /graphql', rawPath: '/graphql', rawQueryString: '',
            headers: { 'content-type': 'application/json' }, isBase64Encoded: false,
            body: JSON.stringify({ query: '{ __typename }' }),
            requestContext: { http: { method: 'POST', path: '/graphql' }, requestId: 'probe',
              authorizer: { jwt: { claims: { sub: 'probe', iss: ${JSON.stringify(ISSUER)}, aud: ${JSON.stringify(AUDIENCE)} }, scopes: null } } },
          };
          handler(event, { awsRequestId: 'probe', functionName: 'onus', getRemainingTimeInMillis: () => 10000 })
            .then((r) => process.stdout.write('RESULT ' + JSON.stringify(r) + '\\n'));
        `;
        const { stdout } = await run(process.execPath, ['-e', probe], {
          cwd: task,
          env: lambdaEnv(runtime, {}),
          timeout: 30_000,
        });
        const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
        expect(line).toBeDefined();
        const result = JSON.parse(line!.slice('RESULT '.length));
        expect(result.statusCode).toBe(200);
        expect(JSON.parse(result.body)).toEqual({ data: { __typename: 'Query' } });
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }, 40_000);

    it('fails at its cold start when told to verify tokens itself, saying how to package a stage that does', async () => {
      const { work, task, runtime } = unpackArtifact();
      try {
        const failure = await run(process.execPath, ['-e', "require('./src/handler.js')"], {
          cwd: task,
          env: lambdaEnv(runtime, {
            ONUS_AUTH_MODE: 'verify',
            ONUS_JWT_ISSUER: ISSUER,
            ONUS_JWT_AUDIENCE: AUDIENCE,
            ONUS_JWKS_URL: 'https://issuer.test.example/.well-known/jwks.json',
          }),
          timeout: 30_000,
        }).then(
          () => null,
          (error: { stderr?: string }) => error.stderr ?? '',
        );
        expect(failure).not.toBeNull();
        expect(failure).toContain('ONUS_AUTH_MODE=verify needs jose');
        expect(failure).toContain('--param=authMode=verify');
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }, 40_000);
  });

  /** The claims API Gateway's JWT authorizer hands the function for a caller's token: every one a string, a list as "[A B]" (src/auth/claims.ts reads both). */
  const gatewayClaims = (caller: (typeof DEMO_IDENTITIES)[string] & object) => ({
    sub: caller.subject,
    org_id: caller.organizationId,
    roles: `[${caller.roles.join(' ')}]`,
    name: caller.name,
    email: caller.email,
    iss: ISSUER,
    aud: AUDIENCE,
  });

  describe('the packaged handler on DynamoDB Local (the demo world)', () => {
    // The customer screens, an export and a refusal, sent to the packaged bundle and to the handler built
    // from src, with the same caller and table: the bundle must answer exactly as src does, on a
    // document's first use (graphql-js) and on its second (compiled by graphql-jit, src/server/execution.ts).
    const INHERITED = `{ inheritedObligations(filter: { clause: "12" }) { counts { total byStatus { status count } }
      clauses { clause { number title } controls { control { id title } obligations { id text ownership service { name } contractVersion tracking { status } } } } } }`;
    const COVERAGE = `{ coverage { totals { verdict count } controls(verdict: [SHARED, CUSTOMER_ONLY]) { control { id } verdict openObligations
      contributors { service { name } ownership performedBy { customerActs performers { service { name } depth } } } } } }`;
    const MATRIX = '{ responsibilityMatrix(format: CAIQ_V4_CSV) { format fileName mediaType content } }';
    const TOO_FEW = 'query($ids: [ID!]!) { compareServices(serviceIds: $ids) { services { service { name } } } }';
    const USES = ['first use', 'second use'] as const;

    let world: DemoWorld;
    const answers = new Map<string, { statusCode: number; body: Json }>();
    const requests = () => [
      { name: 'inherited', query: INHERITED, variables: {} },
      { name: 'coverage', query: COVERAGE, variables: {} },
      { name: 'matrix', query: MATRIX, variables: {} },
      { name: 'tooFew', query: TOO_FEW, variables: { ids: [world.ids.saas] } },
    ];
    // What differs between two runs of the same request: the request id in errors.
    const comparable = (body: Json) => JSON.parse(JSON.stringify(body), (key, value) => (key === 'requestId' ? undefined : value));

    beforeAll(async () => {
      world = await seededDemo();
      const claims = gatewayClaims(DEMO_IDENTITIES.subscribedCustomer!);
      const { work, task, runtime } = unpackArtifact();
      try {
        const probe = `
          const { handler } = require('./src/handler.js');
          const requests = JSON.parse(process.env.PROBE_REQUESTS);
          const claims = JSON.parse(process.env.PROBE_CLAIMS);
          (async () => {
            for (const use of ${JSON.stringify(USES)}) {
              for (const r of requests) {
                const event = {
                  version: '2.0', routeKey: 'POST /graphql', rawPath: '/graphql', rawQueryString: '',
                  headers: { 'content-type': 'application/json' },
                  isBase64Encoded: false, body: JSON.stringify({ query: r.query, variables: r.variables }),
                  requestContext: { http: { method: 'POST', path: '/graphql' }, requestId: r.name, authorizer: { jwt: { claims, scopes: null } } },
                };
                const result = await handler(event, { awsRequestId: r.name, functionName: 'onus', getRemainingTimeInMillis: () => 10000 });
                process.stdout.write('RESULT ' + JSON.stringify({ name: r.name + ', ' + use, statusCode: result.statusCode, body: JSON.parse(result.body) }) + '\\n');
              }
            }
          })();
        `;
        const { stdout } = await run(process.execPath, ['-e', probe], {
          cwd: task,
          env: lambdaEnv(runtime, {
            ONUS_TABLE_NAME: world.table.tableName,
            ONUS_DYNAMODB_ENDPOINT: world.table.endpoint,
            PROBE_CLAIMS: JSON.stringify(claims),
            PROBE_REQUESTS: JSON.stringify(requests()),
          }),
          timeout: 60_000,
          maxBuffer: 64 * 1024 * 1024,
        });
        for (const line of stdout.split('\n').filter((l) => l.startsWith('RESULT '))) {
          const { name, statusCode, body } = JSON.parse(line.slice('RESULT '.length));
          answers.set(name, { statusCode, body });
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }, 120_000);

    it.each(['inherited', 'coverage', 'matrix', 'tooFew'].flatMap((name) => USES.map((use) => [name, use])))(
      'answers %s exactly as the handler built from src does, on its %s',
      async (name, use) => {
        const request = requests().find((r) => r.name === name)!;
        const fromSrc = await world.api.graphql(request.query, request.variables, DEMO_IDENTITIES.subscribedCustomer!);
        const packaged = answers.get(`${name}, ${use}`);
        expect(packaged).toBeDefined();
        expect(packaged!.statusCode).toBe(fromSrc.status);
        expect(comparable(packaged!.body)).toEqual(comparable(fromSrc.json));
      },
    );

    it("shows the subscribed customer's obligations, coverage and CAIQ matrix, and refuses too few services with BAD_USER_INPUT", () => {
      expect(answers.get('inherited, second use')!.body.data.inheritedObligations.counts.total).toBeGreaterThan(0);
      expect(answers.get('coverage, second use')!.body.data.coverage.totals.length).toBeGreaterThan(0);
      const matrix = answers.get('matrix, second use')!.body.data.responsibilityMatrix;
      expect(matrix.mediaType).toMatch(/^text\/csv/);
      expect(matrix.content.split('\r\n')[0]).toContain('Control ID');
      const refusal = answers.get('tooFew, second use')!.body;
      expect(refusal.data ?? null).toBeNull();
      expect(refusal.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it("loads the exchange formats at the first export or import, not at its cold start; imports a sheet through them, reports a broken one's problems, and refuses an empty stack's SSP with their own copy of OnusError", async () => {
      const SSP = '{ responsibilityMatrix(format: OSCAL_SSP_CUSTOMER) { content } }';
      const START = 'mutation($id: ID!) { startContractDraft(serviceId: $id, from: LATEST_VERSION) { revision } }';
      const IMPORT = `mutation($id: ID!, $rev: Int!, $doc: String!) { importContractDraft(serviceId: $id, revision: $rev, format: CAIQ_V4_CSV, document: $doc) {
        controlIds draft { revision } } }`;
      const header = 'Control ID,Control Title,CSP CAIQ Answer,SSRM Control Ownership,CSP Implementation Description,CSC Responsibilities\r\n';
      const steps = {
        // Acme is subscribed to nothing: the SSP of its stack is refused by the formats' own copy of OnusError.
        ssp: { caller: gatewayClaims(DEMO_IDENTITIES.customerAdmin!), query: SSP, variables: {} },
        start: { caller: gatewayClaims(DEMO_IDENTITIES.providerAdmin!), query: START, variables: { id: world.ids.iaas } },
        broken: {
          caller: gatewayClaims(DEMO_IDENTITIES.providerAdmin!),
          query: IMPORT,
          variables: { id: world.ids.iaas, doc: `${header}"iso27017-5.1.1,CSP-owned\r\n` },
        },
        sheet: {
          caller: gatewayClaims(DEMO_IDENTITIES.providerAdmin!),
          query: IMPORT,
          variables: { id: world.ids.iaas, doc: `${header}iso27017-5.1.1,Policies,Yes,CSP-owned,Written and reviewed by the provider.,\r\n` },
        },
      };
      const { work, task, runtime } = unpackArtifact();
      try {
        const probe = `
          const { handler } = require('./src/handler.js');
          const loaded = () => Object.keys(require.cache).some((file) => file.endsWith(${JSON.stringify(`/${EXCHANGE_FILE}`)}));
          const steps = JSON.parse(process.env.PROBE_STEPS);
          const out = { loadedAtColdStart: loaded() };
          (async () => {
            let revision = 0;
            for (const [name, step] of Object.entries(steps)) {
              const event = {
                version: '2.0', routeKey: 'POST /graphql', rawPath: '/graphql', rawQueryString: '',
                headers: { 'content-type': 'application/json' }, isBase64Encoded: false,
                body: JSON.stringify({ query: step.query, variables: { ...step.variables, ...(step.query.includes('$rev') ? { rev: revision } : {}) } }),
                requestContext: { http: { method: 'POST', path: '/graphql' }, requestId: name, authorizer: { jwt: { claims: step.caller, scopes: null } } },
              };
              const result = await handler(event, { awsRequestId: name, functionName: 'onus', getRemainingTimeInMillis: () => 10000 });
              out[name] = JSON.parse(result.body);
              if (name === 'start') revision = out.start.data.startContractDraft.revision;
              if (name === 'ssp') out.loadedAfterExport = loaded();
            }
            process.stdout.write('RESULT ' + JSON.stringify(out) + '\\n');
          })();
        `;
        const { stdout } = await run(process.execPath, ['-e', probe], {
          cwd: task,
          env: lambdaEnv(runtime, { ONUS_TABLE_NAME: world.table.tableName, ONUS_DYNAMODB_ENDPOINT: world.table.endpoint, PROBE_STEPS: JSON.stringify(steps) }),
          timeout: 60_000,
        });
        const out = JSON.parse(
          stdout
            .split('\n')
            .find((l) => l.startsWith('RESULT '))!
            .slice('RESULT '.length),
        );
        expect(out.loadedAtColdStart).toBe(false);
        expect(out.loadedAfterExport).toBe(true);
        expect(out.ssp.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(out.ssp.errors[0].message).toMatch(/has no subscription with a contract in effect/);
        expect(out.broken.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(out.broken.errors[0].extensions.problems.map((p: { code: string }) => p.code)).toEqual(['INVALID_CSV']);
        expect(out.sheet.errors).toBeUndefined();
        expect(out.sheet.data.importContractDraft.controlIds).toEqual(['5.1.1']);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }, 60_000);
  });
});

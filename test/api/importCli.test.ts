import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql } from '../generated';
import { createTestApi, type TestApi } from '../helpers/api';
import { dataOf } from '../helpers/results';
import { createOrganization, createService, providerAdmin, publish, startDraft, subscribedCustomer, uniqueName } from '../helpers/world';

// `npm run export` and `npm run import` as a provider runs them in a batch: against the real handler
// over HTTP (a local server feeding it API Gateway events, as serverless-offline does under npm start),
// with the URL and token from the environment, files in and out, and errors that say what to do.

const ROOT = join(__dirname, '..', '..');

const CliExport = graphql(`
  query CliExport($id: ID!, $format: ExportFormat!) {
    cloudService(id: $id) {
      contractVersion(version: 1) {
        export(format: $format) {
          fileName
          content
        }
      }
    }
  }
`);

const CliDraft = graphql(`
  query CliDraft($id: ID!) {
    cloudService(id: $id) {
      draft {
        revision
        responsibilities {
          control {
            id
          }
          ownership
        }
      }
    }
  }
`);

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('npm run export and npm run import', () => {
  let api: TestApi;
  let server: Server;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    api = await createTestApi();
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
        void api.http({ method: request.method ?? 'POST', headers, body }).then((result) => {
          response.writeHead(result.status, { 'content-type': result.headers['content-type'] ?? 'application/json' });
          response.end(result.text);
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    dir = mkdtempSync(join(tmpdir(), 'onus-cli-'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => server.close(resolve));
  });

  const cli = (script: 'export' | 'import', args: string[], env: Record<string, string>): Promise<Ran> =>
    new Promise((resolve) => {
      execFile(
        join(ROOT, 'node_modules/.bin/tsx'),
        [`scripts/${script}.ts`, ...args],
        { cwd: ROOT, env: { ...process.env, ONUS_URL: url, ...env }, encoding: 'utf8', maxBuffer: 20_000_000, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('exports a version to files, imports one into a new service (starting its draft), and exports a customer matrix to stdout', async () => {
    const provider = await createOrganization(api, uniqueName('Cli Cloud'), ['PROVIDER']);
    const admin = providerAdmin(provider);
    const token = await api.token(admin);
    const serviceId = await createService(api, admin, { name: uniqueName('Cli VMs'), serviceModel: 'IAAS', deploymentModel: 'PUBLIC', regions: ['eu-west-1'] });
    dataOf(await publish(api, admin, serviceId, (await startDraft(api, admin, serviceId)).revision));

    const exported = await cli('export', ['--service', serviceId, '--format', 'caiq,oscal', '--dir', dir], { ONUS_TOKEN: token });
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.stderr).toMatch(/current version 1/);
    for (const format of ['CAIQ_V4_CSV', 'OSCAL_COMPONENT_DEFINITION'] as const) {
      const expected = dataOf(await api.graphql(CliExport, { id: serviceId, format }, admin)).cloudService!.contractVersion.export;
      expect(readdirSync(dir)).toContain(expected.fileName);
      expect(readFileSync(join(dir, expected.fileName), 'utf8')).toBe(expected.content);
      expect(exported.stderr).toContain(`wrote ${join(dir, expected.fileName)}`);
    }

    const targetName = uniqueName('Cli copy');
    const targetId = await createService(api, admin, { name: targetName, serviceModel: 'IAAS', deploymentModel: 'PUBLIC' });
    const sheet = readdirSync(dir).find((f) => f.endsWith('-caiq-v4.csv'))!;
    const noDraft = await cli('import', ['--service', targetId, '--format', 'caiq', '--file', join(dir, sheet)], { ONUS_TOKEN: token });
    expect(noDraft.code).toBe(1);
    expect(noDraft.stderr).toMatch(/has no draft\. Run again with --start-draft/);
    // Named by its name, in another case, as a person types it: the exact name finds the one service.
    const imported = await cli('import', ['--service', targetName.toUpperCase(), '--format', 'caiq', '--file', join(dir, sheet), '--start-draft'], {
      ONUS_TOKEN: token,
    });
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stderr).toContain(`"${targetName.toUpperCase()}" is service ${targetId}`);
    expect(imported.stderr).toMatch(/started a draft of .* from the template \(revision 1\)/);
    expect(imported.stdout).toMatch(/^Imported 121 controls into the draft of .* \(now revision 2\)\.\nThe draft has no problems: it can be published/);
    const draft = dataOf(await api.graphql(CliDraft, { id: targetId }, admin)).cloudService!.draft!;
    expect(draft.revision).toBe(2);

    const customer = await subscribedCustomer(api, [serviceId]);
    const matrix = await cli('export', ['--matrix', '--format', 'fedramp', '--out', '-'], { ONUS_TOKEN: await api.token(customer.admin) });
    expect(matrix).toMatchObject({ code: 0 });
    expect(matrix.stdout.startsWith('\uFEFFService,Contract Version,')).toBe(true);
    expect(matrix.stdout.split('\r\n').filter(Boolean)).toHaveLength(1 + 121);
  }, 120_000);

  it('lists every problem of a refused file and writes nothing; says what to do about a missing token, a bad one or an API that is not there', async () => {
    const provider = await createOrganization(api, uniqueName('Cli Cloud'), ['PROVIDER']);
    const admin = providerAdmin(provider);
    const token = await api.token(admin);
    const serviceId = await createService(api, admin, { name: uniqueName('Cli broken'), serviceModel: 'IAAS', deploymentModel: 'PUBLIC' });
    const revision = (await startDraft(api, admin, serviceId)).revision;
    const file = join(dir, 'broken.csv');
    writeFileSync(file, 'Control ID,SSRM Control Ownership\r\niso27017-5.1.1,=cmd|calc\r\nIAM-99,CSP-owned\r\n');
    const refused = await cli('import', ['--service', serviceId, '--format', 'caiq', '--file', file], { ONUS_TOKEN: token });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Nothing was imported: the document has 2 problems .* \[BAD_USER_INPUT\]/);
    expect(refused.stderr).toMatch(/ {2}- row 2, column "SSRM Control Ownership": starts with "=" like a spreadsheet formula.* \[FORMULA_CELL\]/);
    expect(refused.stderr).toMatch(
      / {2}- row 3, column "Control ID": "IAM-99" is shaped like a CCM id, but CCM v4.0 has no control IAM-99 \[UNKNOWN_CCM_CONTROL\]/,
    );
    expect(dataOf(await api.graphql(CliDraft, { id: serviceId }, admin)).cloudService!.draft!.revision).toBe(revision);

    const noToken = await cli('export', ['--service', serviceId, '--format', 'caiq'], { ONUS_TOKEN: '' });
    expect(noToken).toMatchObject({ code: 1, stderr: expect.stringMatching(/^No token\. Pass --token <jwt> or set ONUS_TOKEN/) });
    const badToken = await cli('export', ['--service', serviceId, '--format', 'caiq'], { ONUS_TOKEN: 'not-a-jwt' });
    expect(badToken).toMatchObject({ code: 1, stderr: expect.stringMatching(/\[UNAUTHENTICATED\] Get a fresh token/) });
    const nowhere = await cli('export', ['--service', serviceId, '--format', 'caiq', '--url', 'http://127.0.0.1:9/graphql'], { ONUS_TOKEN: token });
    expect(nowhere).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Could not reach http:\/\/127\.0\.0\.1:9\/graphql .*Start it with npm start/) });
    const usage = await cli('export', ['--format', 'caiq'], { ONUS_TOKEN: token });
    expect(usage).toMatchObject({ code: 1, stderr: expect.stringContaining('Usage:\n  npm run export -- --service <id or name>') });
  }, 120_000);
});

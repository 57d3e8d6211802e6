import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../dev/dynamodbLocal';

// The README's first command, as a new user runs it: `npm start` brings up DynamoDB Local, the demo
// data and the real handler under serverless-offline, answers the printed first query with a
// printed token over HTTP, and Ctrl-C leaves nothing running.
const ROOT = join(__dirname, '..', '..');
const START_WORK_FOLDER = '.esbuild-start-test';
const run = promisify(execFile);

// The environment of a developer's shell: no work folder chosen, so serverless.yml's defaults apply.
function shellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' };
  delete env.ONUS_ESBUILD_WORK_FOLDER;
  return env;
}

/** The arguments `npm run package` passes to serverless (package.json), quotes removed as a shell does. */
function packageScriptArgs(): string[] {
  const script: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.package;
  const [command, ...args] = (script.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).map((word) => word.replace(/"/g, ''));
  expect(command).toBe('serverless');
  return args;
}

/** serverless-esbuild's work folder as serverless.yml resolves it for these arguments. */
const workFolders = new Map<string, Promise<string>>();
function esbuildWorkFolder(args: string[]): Promise<string> {
  const printArgs = [...args.filter((a) => a !== 'package'), '--path', 'custom.esbuild.outputWorkFolder'];
  const key = printArgs.join(' ');
  if (!workFolders.has(key)) {
    const printed = run(join(ROOT, 'node_modules/.bin/serverless'), ['print', ...printArgs], { cwd: ROOT, env: shellEnv(), timeout: 60_000 });
    workFolders.set(
      key,
      printed.then(({ stdout }) => stdout.trim()),
    );
  }
  return workFolders.get(key)!;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    // Its own process group, so the test can send SIGINT to all of it as a terminal's Ctrl-C does.
    child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts', '--in-memory'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ONUS_PORT: String(port), ONUS_ESBUILD_WORK_FOLDER: START_WORK_FOLDER, ONUS_LOG_LEVEL: 'WARN' },
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start was not ready in 120 s:\n${output}`)), 120_000);
      const settle = (error?: Error) => {
        clearInterval(check);
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const check = setInterval(() => {
        if (output.includes('Onus is ready')) settle();
        else if (child.exitCode !== null) settle(new Error(`npm start exited:\n${output}`));
      }, 200);
    });
  }, 130_000);

  afterAll(() => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  });

  it('prints the URL and answers the first query with a printed demo token', async () => {
    expect(output).toContain(`http://localhost:${port}/graphql`);
    const token = /ONUS_TOKEN_CUSTOMER_ADMIN=(\S+)/.exec(output)?.[1];
    expect(token).toBeDefined();
    const response = await fetch(`http://localhost:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: '{ me { name organization { name } } framework { controlCount } cloudServices { edges { node { name currentContract { version } } } } }',
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.data.me).toEqual({ name: 'Carla Acme', organization: { name: 'Acme Retail' } });
    expect(body.data.framework.controlCount).toBe(121);
    expect(body.data.cloudServices.edges.map((e: any) => [e.node.name, e.node.currentContract.version])).toEqual([
      ['Cirrus HR', 1],
      ['Nimbus Virtual Machines', 2],
      ['Stratus App Platform', 1],
    ]);
  });

  it("exports a contract through the exchange formats, which npm start's bundle loads from beside the handler", async () => {
    const token = /ONUS_TOKEN_CUSTOMER_ADMIN=(\S+)/.exec(output)?.[1];
    const response = await fetch(`http://localhost:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ cloudServices { edges { node { name currentContract { export(format: CAIQ_V4_CSV) { fileName content } } } } } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.errors).toBeUndefined();
    const exported = body.data.cloudServices.edges[0].node.currentContract.export;
    expect(exported.fileName).toMatch(/^cirrus-hr-.*caiq-v4\.csv$/);
    expect(exported.content.split('\r\n')[0]).toContain('Control ID');
  });

  it('refuses a request without a token over HTTP, as deployed', async () => {
    const response = await fetch(`http://localhost:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ me { name } }"}',
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('gives npm start and npm run package different default work folders (serverless.yml, as resolved)', async () => {
    // scripts/start.ts runs `serverless offline start --stage local`; npm run package its own arguments.
    const [start, pack] = await Promise.all([esbuildWorkFolder(['--stage', 'local']), esbuildWorkFolder(packageScriptArgs())]);
    expect(start).toMatch(/^\.esbuild-/);
    expect(pack).toMatch(/^\.esbuild-/);
    expect(start).not.toBe(pack);
  }, 90_000);

  // serverless-esbuild deletes its work folder once a package is done; when npm start served its
  // bundle from the same folder, the next request got HTTP 200 with "Cannot find module
  // …/.build/src/handler.ts" in the body. This runs package.json's `package` script as a developer
  // does (its pre-script, `npm run generate`, is skipped: jest runs after it, and rewriting
  // src/graphql/generated/ under the other tests' feet is not what is tested here), in its default
  // work folder, with the artifacts sent to a temporary directory. osls still stages them in
  // .serverless/ at the root (it deletes that folder first and once they are moved).
  it('keeps answering, with real data, while `npm run package` builds and cleans up', async () => {
    const token = /ONUS_TOKEN_CUSTOMER_ADMIN=(\S+)/.exec(output)![1]!;
    const query = async () => {
      const response = await fetch(`http://localhost:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ framework { controlCount } cloudServices { edges { node { name } } } }' }),
      });
      const text = await response.text();
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const ok =
        response.status === 200 && body?.errors === undefined && body?.data?.framework?.controlCount === 121 && body.data.cloudServices.edges.length === 3;
      return { ok, status: response.status, text: text.slice(0, 300) };
    };
    expect((await query()).ok).toBe(true);

    const packageFolder = await esbuildWorkFolder(packageScriptArgs());
    expect(packageFolder).not.toBe(START_WORK_FOLDER);
    const foldersSeen = new Set<string>();
    const watcher = watch(ROOT, (_event, name) => name && foldersSeen.add(String(name)));
    const out = mkdtempSync(join(tmpdir(), 'onus-e2e-package-'));
    const failures: string[] = [];
    let answered = 0;
    let building = true;
    const polling = (async () => {
      while (building) {
        const result = await query().catch((error: Error) => ({ ok: false, status: 0, text: error.message }));
        answered += 1;
        if (!result.ok) failures.push(`${result.status} ${result.text}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const started = Date.now();
    try {
      await run('npm', ['run', 'package', '--ignore-scripts', '--', '--package', out], {
        cwd: ROOT,
        env: shellEnv(),
        timeout: 150_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      expect(existsSync(join(out, 'graphql.zip'))).toBe(true);
    } finally {
      building = false;
      await polling;
      watcher.close();
      rmSync(out, { recursive: true, force: true });
    }
    process.stdout.write(`npm run package took ${((Date.now() - started) / 1000).toFixed(1)} s while npm start answered ${answered} queries\n`);

    // The package was built in its default folder, next to npm start's, and that folder is gone.
    expect([...foldersSeen]).toContain(packageFolder);
    expect(existsSync(join(ROOT, packageFolder))).toBe(false);
    expect(failures).toEqual([]);
    expect(existsSync(join(ROOT, START_WORK_FOLDER, '.build', 'src', 'handler.js'))).toBe(true);
    expect(answered).toBeGreaterThan(0);
    const after = await query();
    expect(after).toEqual({ ok: true, status: 200, text: expect.any(String) });
  }, 200_000);

  it('stops everything on Ctrl-C: the API and DynamoDB Local', async () => {
    const dynamoPort = Number(/DynamoDB Local ready at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect(await listening(dynamoPort)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(await listening(port)).toBe(false);
    expect(await listening(dynamoPort)).toBe(false);
  }, 30_000);
});

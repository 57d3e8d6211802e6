import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../dev/dynamodbLocal';

// The README's first command, as a new user runs it: `npm start` brings up DynamoDB Local, the demo
// data and the real handler under serverless-offline, answers the printed first query with a
// printed token over HTTP, and Ctrl-C leaves nothing running.
const ROOT = join(__dirname, '..', '..');

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
      env: { ...process.env, ONUS_PORT: String(port), ONUS_ESBUILD_WORK_FOLDER: '.esbuild-start-test', ONUS_LOG_LEVEL: 'WARN' },
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start was not ready in 120 s:\n${output}`)), 120_000);
      const check = setInterval(() => {
        if (output.includes('Onus is ready')) (clearInterval(check), clearTimeout(timer), resolve());
        if (child.exitCode !== null) (clearInterval(check), clearTimeout(timer), reject(new Error(`npm start exited:\n${output}`)));
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
      body: JSON.stringify({ query: '{ me { name organization { name } } framework { controlCount } cloudServices { edges { node { name currentContract { version } } } } }' }),
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

  it('refuses a request without a token over HTTP, as deployed', async () => {
    const response = await fetch(`http://localhost:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { name } }"}' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

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

// What `npm run package` makes of the handler, read back: the zip, and the esbuild metafile that
// build/besideArtifact.mjs publishes beside it. Shared by test/package.test.ts and scripts/benchBundle.ts.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';

const run = promisify(execFile);

export const ROOT = resolve(__dirname, '..');
/** serverless.yml's one function: its zip is <FUNCTION>.zip, its map and metafile are published beside it. */
export const FUNCTION = 'graphql';
export const HANDLER_FILE = 'src/handler.js';

/** The entries of a zip file (central directory), read without any dependency. */
export interface ZipEntry {
  name: string;
  size: number;
  read(): Buffer;
}
export function readZip(file: string): ZipEntry[] {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    entries.push({
      name,
      size,
      read() {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + compressed);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return inflateRawSync(data);
        throw new Error(`unsupported zip compression method ${method} for ${name}`);
      },
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The project seen from a directory of its own: osls stages every package in <service>/.serverless,
 * deleting it first and again once the artifacts are moved to --package, so two packages of one
 * directory at a time lose each other's files (and a developer's .serverless/). Everything links
 * back to the project but serverless.yml (osls wants a real file) and the build folders.
 */
export function privateServiceDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'onus-package-service-'));
  for (const name of readdirSync(ROOT)) {
    if (name === '.git' || name === '.serverless' || name.startsWith('.esbuild') || name === '.onus') continue;
    if (name === 'serverless.yml') copyFileSync(join(ROOT, name), join(dir, name));
    else symlinkSync(join(ROOT, name), join(dir, name));
  }
  return dir;
}

/** `serverless package` of a deployed stage from `service` into `out`, offline, as `npm run package` does. */
export async function packageStage(options: {
  out: string;
  service: string;
  workFolder: string;
  stage: string;
  params: readonly string[];
  env?: NodeJS.ProcessEnv;
}): Promise<void> {
  await run(
    process.execPath,
    [join(ROOT, 'node_modules', '.bin', 'serverless'), 'package', '--stage', options.stage, ...options.params, '--package', options.out],
    {
      cwd: options.service,
      env: { ...process.env, ...options.env, SLS_TELEMETRY_DISABLED: '1', ONUS_ESBUILD_WORK_FOLDER: options.workFolder },
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

/** The part of esbuild's metafile read here (https://esbuild.github.io/api/#metafile). */
export interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { bytes: number; entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
}

export interface BundlePart {
  /** A package (its name), a folder of src (src/domain/contracts), or a module a build plugin wrote. */
  readonly name: string;
  readonly bytes: number;
}

export interface BundleReport {
  readonly bytes: number;
  /** Largest first. */
  readonly parts: readonly BundlePart[];
  /** Packages bundled more than once: from two installed copies, or the same module from two of its builds. */
  readonly duplicates: ReadonlyArray<{ readonly name: string; readonly files: readonly string[] }>;
  /** Every bundled file (paths as esbuild's metafile gives them), with its bytes in the bundle. */
  readonly files: ReadonlyArray<{ readonly path: string; readonly bytes: number }>;
}

const PACKAGE_FILE = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\/(.+)$/;
// Folders packages put their builds in: a module found under two of them is the same module twice.
const BUILD_FOLDERS = new Set(['dist', 'esm', 'cjs', 'es', 'lib', 'commonjs', 'module', 'mjs', 'dist-es', 'dist-cjs', 'dist-esm', 'build', 'umd']);
const moduleKey = (inPackage: string) =>
  inPackage
    .split('/')
    .filter((segment) => !BUILD_FOLDERS.has(segment))
    .join('/')
    .replace(/\.[cm]?js$/, '');

/** What the handler's bundle is made of, from esbuild's metafile. */
export function bundleReport(metafile: Metafile): BundleReport {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) throw new Error('the metafile has no entry point output');
  const files = Object.entries(output.inputs).map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }));
  const parts = new Map<string, number>();
  const modules = new Map<string, Map<string, Set<string>>>();
  for (const { path, bytes } of files) {
    const inPackage = PACKAGE_FILE.exec(path);
    // Built from a private service directory (packageStage), src paths come back through its links.
    const inSrc = /(?:^|\/)(src\/.+)$/.exec(path)?.[1];
    const name = inPackage
      ? inPackage[2]!
      : inSrc
        ? inSrc
            .split('/')
            .slice(0, 3)
            .join('/')
            .replace(/\.(ts|json)$/, '')
        : path;
    parts.set(name, (parts.get(name) ?? 0) + bytes);
    if (!inPackage) continue;
    const byKey = modules.get(name) ?? new Map<string, Set<string>>();
    modules.set(name, byKey);
    const key = moduleKey(inPackage[3]!);
    byKey.set(key, (byKey.get(key) ?? new Set()).add(path));
  }
  const duplicates = [...modules].flatMap(([name, byKey]) => {
    const roots = new Set([...byKey.values()].flatMap((paths) => [...paths].map((p) => PACKAGE_FILE.exec(p)![1]!)));
    const twice = [...byKey.values()].filter((paths) => paths.size > 1).flatMap((paths) => [...paths]);
    return roots.size > 1 || twice.length > 0 ? [{ name, files: twice.length > 0 ? twice : [...roots] }] : [];
  });
  return {
    bytes: output.bytes,
    parts: [...parts].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
    duplicates,
    files,
  };
}

/**
 * A zip's files laid out as Lambda runs them, under `work`: the files in task/, beside a module path
 * holding only @aws-sdk (runtime/), as the nodejs22.x runtime provides it (the SDK's own
 * dependencies resolve next to its real path).
 */
export function unpackLikeLambda(entries: readonly ZipEntry[], work: string): { task: string; runtime: string } {
  const task = join(work, 'task');
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    mkdirSync(join(task, dirname(entry.name)), { recursive: true });
    writeFileSync(join(task, entry.name), entry.read());
  }
  const runtime = join(work, 'runtime');
  mkdirSync(runtime, { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', '@aws-sdk'), join(runtime, '@aws-sdk'), 'dir');
  return { task, runtime };
}

/**
 * A process environment as the Lambda runtime gives the packaged handler: the SDK on the module path
 * (`runtime` from unpackLikeLambda), nothing else from the developer's shell, a deployed stage's
 * variables (gateway authentication, introspection off, silent logs), and `vars` over them.
 */
export function lambdaLikeEnv(runtime: string, vars: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    NODE_PATH: runtime,
    AWS_REGION: 'us-east-1',
    ONUS_TABLE_NAME: 'onus-prod',
    ONUS_AUTH_MODE: 'gateway',
    ONUS_INTROSPECTION: 'false',
    ONUS_LOG_LEVEL: 'SILENT',
    ...vars,
  };
}

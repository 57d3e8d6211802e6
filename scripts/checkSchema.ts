// npm run schema:check: the API's clients are integrations we never see, so a breaking schema change
// must be a decision, not an accident. schema/released/schema.graphql is the contract clients have;
// the schema in schema/*.graphql may differ from it only by safe or dangerous changes, or by breaking
// changes declared in schema/breaking-changes.json with a reason and a migration for clients. A
// declaration that no longer matches a breaking change fails too, so the file stays true.
// npm run schema:release (when a version ships) makes the current schema the new contract.
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BreakingChangeDeclaration {
  readonly path: string;
  readonly type: string;
  readonly reason: string;
  readonly migration: string;
}

export interface SchemaCheck {
  readonly undeclared: readonly Change[];
  readonly declared: readonly Change[];
  readonly stale: readonly BreakingChangeDeclaration[];
  readonly dangerous: readonly Change[];
  readonly safe: readonly Change[];
  readonly ok: boolean;
}

const root = join(__dirname, '..');
const RELEASED = join(root, 'schema/released/schema.graphql');
const DECLARATIONS = join(root, 'schema/breaking-changes.json');

const matches = (change: Change, declaration: BreakingChangeDeclaration) => declaration.path === (change.path ?? '') && declaration.type === change.type;

/** Diffs the released SDL against the current one and holds breaking changes to the declarations. */
export async function checkSchema(releasedSdl: string, currentSdl: string, declarations: readonly BreakingChangeDeclaration[]): Promise<SchemaCheck> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const declared = breaking.filter((c) => declarations.some((d) => matches(c, d)));
  const undeclared = breaking.filter((c) => !declared.includes(c));
  const stale = declarations.filter((d) => !breaking.some((c) => matches(c, d)));
  return {
    undeclared,
    declared,
    stale,
    dangerous: changes.filter((c) => c.criticality.level === CriticalityLevel.Dangerous),
    safe: changes.filter((c) => c.criticality.level === CriticalityLevel.NonBreaking),
    ok: undeclared.length === 0 && stale.length === 0,
  };
}

/** The schema as the build sees it: every schema/*.graphql (not the released/ folder), in name order, as scripts/generate.ts joins them. */
export function currentSdl(): string {
  const files = readdirSync(join(root, 'schema'))
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  return files.map((f) => readFileSync(join(root, 'schema', f), 'utf8')).join('\n');
}

/** The released contract is stored printed and sorted, so a release diff shows only real changes. */
export const printRelease = (sdl: string) => printSchema(lexicographicSortSchema(buildSchema(sdl)));

/** Reads and validates schema/breaking-changes.json: every declaration needs all four fields. */
export function parseDeclarations(json: string): BreakingChangeDeclaration[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error('schema/breaking-changes.json must be an array');
  for (const [i, d] of parsed.entries()) {
    for (const field of ['path', 'type', 'reason', 'migration'] as const) {
      if (typeof d?.[field] !== 'string' || !d[field].trim()) throw new Error(`schema/breaking-changes.json[${i}]: "${field}" must be a non-empty string`);
    }
  }
  return parsed as BreakingChangeDeclaration[];
}

/** The report, failures first; `lines` are printed as they are. */
export function report(check: SchemaCheck): string[] {
  const line = (mark: string, c: Change) => `  ${mark} ${c.type} at ${c.path ?? '(schema)'}: ${c.message}`;
  const lines: string[] = [];
  for (const c of check.undeclared) {
    lines.push(line('✖ BREAKING', c), `      ${c.criticality.reason ?? 'Existing client operations may stop working.'}`);
  }
  if (check.undeclared.length) {
    lines.push(
      '',
      'Integrations we never see may depend on these. Prefer an additive change: add the new field or argument,',
      'mark the old one @deprecated(reason: "...") and remove it in a later release. If the break is intended,',
      'declare each one in schema/breaking-changes.json, e.g.:',
      JSON.stringify(
        check.undeclared.map((c) => ({ path: c.path ?? '', type: c.type, reason: 'why it must break', migration: 'what clients change' })),
        null,
        2,
      ),
    );
  }
  for (const d of check.stale) {
    lines.push(
      `  ✖ STALE declaration ${d.type} at ${d.path}: no longer a breaking change against the released schema; remove it from schema/breaking-changes.json.`,
    );
  }
  for (const c of check.declared) lines.push(line('✔ declared BREAKING', c));
  for (const c of check.dangerous) lines.push(line('⚠ dangerous', c));
  for (const c of check.safe) lines.push(line('✔ safe', c));
  return lines;
}

async function main(release: boolean) {
  const sdl = currentSdl();
  const declarations = parseDeclarations(readFileSync(DECLARATIONS, 'utf8'));
  const check = await checkSchema(readFileSync(RELEASED, 'utf8'), sdl, declarations);
  for (const line of report(check)) console.log(line);
  if (!check.ok) {
    console.error(`schema check failed: ${check.undeclared.length} undeclared breaking change(s), ${check.stale.length} stale declaration(s)`);
    process.exit(1);
  }
  if (!release) {
    console.log(`schema check passed against schema/released/schema.graphql (${check.declared.length} declared breaking change(s))`);
    return;
  }
  // The declarations shipped with this release belong in its release notes; the next version starts clean.
  writeFileSync(RELEASED, printRelease(sdl) + '\n');
  writeFileSync(DECLARATIONS, '[]\n');
  console.log(`released: schema/released/schema.graphql rewritten; ${declarations.length} declaration(s) cleared for the release notes`);
}

if (require.main === module) {
  main(process.argv.includes('--release')).catch((error) => {
    console.error(`schema check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

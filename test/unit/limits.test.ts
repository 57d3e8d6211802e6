import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, specifiedRules, validate, type DocumentNode, type GraphQLError } from 'graphql';
import { configFromEnv, DEFAULT_REQUEST_LIMITS } from '../../src/config';
import { ErrorCode, OnusError } from '../../src/domain/errors';
import { typeDefs } from '../../src/graphql/generated/typeDefs';
import { QUERY_LIMITS, queryLimitRules } from '../../src/server/limits';

// Every GraphQL document the project's own clients send must pass the query limits: the README's
// queries, the demo seed, the benchmark and the tests (typed documents and raw strings). Hostile
// documents written on purpose (the limit and fuzz tests) are left out, and so is anything
// graphql-js itself refuses.

const root = join(__dirname, '..', '..');
const schema = buildSchema(typeDefs);
const EXCLUDED = /limits|fuzz/i;

function literals(code: string): string[] {
  const found: string[] = [];
  const pattern = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
  for (const m of code.matchAll(pattern)) {
    if (m[1] !== undefined) found.push(m[1].replace(/\\(.)/g, '$1'));
    else if (m[2] !== undefined) {
      try {
        found.push(JSON.parse(`"${m[2]}"`) as string);
      } catch {
        // not a JSON-compatible string: not a query
      }
    } else if (m[3] !== undefined && !m[3].includes('${')) found.push(m[3].replace(/\\(.)/g, '$1'));
  }
  return found;
}

/** Documents in the README: the curl example's query and each operation of the graphql blocks. */
function readmeDocuments(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const out: string[] = [];
  for (const m of readme.matchAll(/"query":"((?:[^"\\]|\\.)*)"/g)) out.push(JSON.parse(`"${m[1]}"`) as string);
  for (const block of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const lines = block[1]!.split('\n').filter((l) => !l.trim().startsWith('#'));
    let current = '';
    let depth = 0;
    for (const line of lines) {
      current += `${line}\n`;
      for (const ch of line) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      if (depth === 0 && current.trim()) {
        out.push(current);
        current = '';
      }
    }
  }
  return out;
}

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !EXCLUDED.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function realQueries(): { source: string; text: string; document: DocumentNode }[] {
  const candidates: { source: string; text: string }[] = readmeDocuments().map((text) => ({ source: 'README.md', text }));
  for (const file of ['dev/seed.ts', 'scripts/bench.ts', ...files('test/api'), ...files('test/e2e')]) {
    for (const text of literals(readFileSync(join(root, file), 'utf8'))) candidates.push({ source: file, text });
  }
  const out: { source: string; text: string; document: DocumentNode }[] = [];
  for (const { source, text } of candidates) {
    if (!/^\s*(query|mutation|\{)/.test(text)) continue;
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch {
      continue;
    }
    if (validate(schema, document, specifiedRules).length > 0) continue;
    out.push({ source, text, document });
  }
  return out;
}

const limitErrors = (document: DocumentNode): readonly GraphQLError[] => validate(schema, document, queryLimitRules());
const codeOf = (error: GraphQLError) => (error.originalError instanceof OnusError ? error.originalError.code : null);
const refusal = (text: string) => {
  const document = parse(text);
  expect(validate(schema, document, specifiedRules)).toEqual([]);
  const errors = limitErrors(document);
  expect(errors).toHaveLength(1);
  return { code: codeOf(errors[0]!), message: errors[0]!.message };
};

/** framework → clauses → objectives → controls → clause → objectives … `times` times. */
const catalogueCycle = (times: number) => {
  let inner = 'number';
  for (let i = 0; i < times; i++) inner = `objectives { controls { id clause { ${inner} } } }`;
  return `{ framework { clauses { ${inner} } } }`;
};

describe('query limits', () => {
  const real = realQueries();

  it('finds the real screens to measure: README, demo seed, benchmark and API tests', () => {
    const sources = new Set(real.map((q) => q.source));
    for (const source of ['README.md', 'dev/seed.ts', 'scripts/bench.ts', 'test/api/customers.test.ts']) expect(sources).toContain(source);
    expect(real.filter((q) => q.source === 'README.md').length).toBeGreaterThanOrEqual(15);
  });

  it('lets every real screen through', () => {
    const refused = real.flatMap((q) => limitErrors(q.document).map((e) => `${q.source}: ${e.message}\n${q.text}`));
    expect(refused).toEqual([]);
  });

  it('cuts the catalogue cycle by depth, with the limit and what to do in the message', () => {
    const { code, message } = refusal(catalogueCycle(4));
    expect(code).toBe(ErrorCode.QUERY_TOO_DEEP);
    expect(message).toMatch(new RegExp(`the limit is ${QUERY_LIMITS.maxDepth}\\b`));
    expect(message).toMatch(/second query/);
  });

  it('refuses 100 aliases of inheritedObligations', () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: inheritedObligations { counts { total } }`).join(' ');
    const { code, message } = refusal(`{ ${aliases} }`);
    expect(code).toBe(ErrorCode.TOO_MANY_ALIASES);
    expect(message).toMatch(/uses 100 aliases; the limit is 10/);
  });

  it('refuses a wide query within the depth and alias limits by its cost', () => {
    const fields = 'id title cloudSpecific layers objective { id title } clause { number title }';
    const aliases = Array.from({ length: 5 }, (_, i) => `p${i}: controls(first: 100) { edges { node { ${fields} } } }`).join(' ');
    const { code, message } = refusal(`{ ${aliases} }`);
    expect(code).toBe(ErrorCode.QUERY_TOO_COMPLEX);
    expect(message).toMatch(/the limit is 5000/);
  });

  it('refuses a document made of directives', () => {
    const fields = Array.from({ length: 30 }, () => 'me { name @include(if: true) }').join(' ');
    const { code } = refusal(`{ ${fields} }`);
    expect(code).toBe(ErrorCode.TOO_MANY_DIRECTIVES);
  });
});

describe('timeouts that fit the function', () => {
  it("keeps DynamoDB's attempts × request timeout well inside serverless.yml's function timeout", () => {
    const functionTimeoutMs = Number(/^\s+timeout:\s*(\d+)\s*$/m.exec(readFileSync(join(root, 'serverless.yml'), 'utf8'))?.[1]) * 1000;
    expect(functionTimeoutMs).toBeGreaterThan(0);
    const { dynamodb } = configFromEnv({ ONUS_TABLE_NAME: 'onus' });
    // The SDK's backoff between attempts stays under a second in all: 70 % of the timeout leaves
    // room for it, for the other calls of the request and for answering.
    expect(dynamodb.maxAttempts * dynamodb.requestTimeoutMs + 1000).toBeLessThanOrEqual(functionTimeoutMs * 0.7);
    expect(DEFAULT_REQUEST_LIMITS.timeoutReserveMs).toBeLessThan(functionTimeoutMs / 5);
  });
});

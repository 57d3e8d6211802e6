// The trusted documents (src/server/trusted-documents.json) are generated from what Onus's own
// clients send: the README's operations, the demo seed's and the first query `npm start` prints.
// This test regenerates the manifest and fails when the committed one differs; to update it:
//   ONUS_WRITE_TRUSTED_DOCUMENTS=1 npx jest test/unit/trustedDocuments.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import { typeDefs } from '../../src/graphql/generated/typeDefs';
import { documentHash, TRUSTED_DOCUMENTS, type TrustedDocument, type TrustedDocumentManifest } from '../../src/server/trustedDocuments';

const ROOT = join(__dirname, '../..');
const MANIFEST = join(ROOT, 'src/server/trusted-documents.json');
const schema = buildSchema(typeDefs);

/** `"query":"…"` in a curl example or a JSON body. */
const jsonQueries = (text: string): string[] => [...text.matchAll(/"query":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);

/** Each operation of the README's graphql blocks (comment lines dropped), and the curl example's query. */
function readmeOperations(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const operations = jsonQueries(readme);
  for (const [, block] of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    let current: string[] = [];
    let depth = 0;
    for (const line of block!.split('\n')) {
      if (line.trim().startsWith('#') || (!line.trim() && depth === 0)) continue;
      current.push(line);
      depth += [...line].reduce((d, ch) => d + (ch === '{' ? 1 : ch === '}' ? -1 : 0), 0);
      if (depth === 0) {
        operations.push(current.join('\n').trim());
        current = [];
      }
    }
  }
  return operations;
}

/** The GraphQL operations the demo seed sends, as the string literals it sends them in. */
function seedOperations(): string[] {
  const code = readFileSync(join(ROOT, 'dev/seed.ts'), 'utf8');
  return [...code.matchAll(/'((?:query|mutation)\b[^'\n]*)'/g)].map((m) => m[1]!);
}

/** The first query `npm start` prints. */
const startOperations = (): string[] => jsonQueries(readFileSync(join(ROOT, 'scripts/start.ts'), 'utf8')).filter((q) => q !== '{ __typename }');

function generate(): TrustedDocumentManifest {
  const operations = new Map<string, TrustedDocument>();
  for (const body of [...readmeOperations(), ...seedOperations(), ...startOperations()]) {
    const document = parse(body);
    const errors = validate(schema, document);
    if (errors.length > 0) throw new Error(`Not a valid Onus operation (${errors[0]!.message}):\n${body}`);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    const id = documentHash(body);
    if (!operations.has(id)) operations.set(id, { id, name: operation.name?.value ?? null, type: operation.operation, body });
  }
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: [...operations.values()] };
}

describe('trusted documents', () => {
  const generated = generate();
  if (process.env.ONUS_WRITE_TRUSTED_DOCUMENTS === '1') writeFileSync(MANIFEST, `${JSON.stringify(generated, null, 2)}\n`);

  it("register every operation of the README, the demo seed and npm start's first query", () => {
    expect(generated.operations.length).toBeGreaterThan(30);
    expect(generated.operations.map((o) => o.type)).toEqual(expect.arrayContaining(['query', 'mutation']));
    if (JSON.stringify(TRUSTED_DOCUMENTS) !== JSON.stringify(generated)) {
      throw new Error(
        'src/server/trusted-documents.json is not current with the README, dev/seed.ts and scripts/start.ts: ' +
          'ONUS_WRITE_TRUSTED_DOCUMENTS=1 npx jest test/unit/trustedDocuments.test.ts regenerates it.',
      );
    }
  });

  it('are committed as Apollo persisted query manifest entries, each under the SHA-256 of its body', () => {
    const committed = JSON.parse(readFileSync(MANIFEST, 'utf8')) as TrustedDocumentManifest;
    expect(committed.format).toBe('apollo-persisted-query-manifest');
    expect(committed.version).toBe(1);
    for (const operation of committed.operations) {
      expect(operation.id).toBe(documentHash(operation.body));
      expect(validate(schema, parse(operation.body))).toEqual([]);
    }
  });
});

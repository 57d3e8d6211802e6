import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The architecture's boundaries are lint rules (eslint.config.mjs); these prove they bite on code
// seeded at virtual paths, through the project's real config. ESLint loads that ES module config
// with a dynamic import, which jest's CommonJS sandbox cannot do, so one child Node process lints
// every case with ESLint's Node API.
const cases = {
  awsInResolver: ['src/graphql/resolvers/x.ts', "import { GetCommand } from '@aws-sdk/lib-dynamodb';\nexport const get = GetCommand;\n"],
  storeInDomain: ['src/domain/x.ts', "import type { Store } from '../store/store';\nexport type Uses = Store;\n"],
  graphqlAndIoInDomain: [
    'src/domain/contracts/x.ts',
    "import { GraphQLError } from 'graphql';\nimport { readFileSync } from 'node:fs';\nexport const uses = [GraphQLError, readFileSync];\n",
  ],
  storeCallInResolver: ['src/graphql/resolvers/x.ts', "import { Store } from '../../store/store';\nexport const make = Store;\n"],
  storeTypeInResolver: ['src/graphql/resolvers/x.ts', "import type { StoredService } from '../../store/services';\nexport type Node = StoredService;\n"],
  awsInStore: [
    'src/store/x.ts',
    "import { GetCommand } from '@aws-sdk/lib-dynamodb';\nimport { OnusError } from '../domain/errors';\nexport const uses = [GetCommand, OnusError];\n",
  ],
} as const;

const lintInChild = `
const { ESLint } = require('eslint');
const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const eslint = new ESLint();
Promise.all(Object.entries(cases).map(async ([name, [filePath, code]]) => {
  const [result] = await eslint.lintText(code, { filePath });
  return [name, result.messages.map((m) => m.ruleId + ': ' + m.message)];
})).then((entries) => process.stdout.write(JSON.stringify(Object.fromEntries(entries))));
`;

let messages: Record<keyof typeof cases, string[]>;

beforeAll(() => {
  const output = execFileSync(process.execPath, ['-e', lintInChild], { cwd: join(__dirname, '../../..'), input: JSON.stringify(cases), encoding: 'utf8' });
  messages = JSON.parse(output);
}, 60000);

describe('architecture boundaries in ESLint', () => {
  it('keeps the AWS SDK out of resolvers', () => {
    expect(messages.awsInResolver).toEqual([expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: .*Only src\/store speaks DynamoDB/)]);
  });

  it('lets resolvers name the store types but never call the store: they go through use cases', () => {
    expect(messages.storeCallInResolver).toEqual([expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: .*go through use cases/)]);
    expect(messages.storeTypeInResolver).toEqual([]);
  });

  it('keeps the domain from importing the store', () => {
    expect(messages.storeInDomain).toEqual([expect.stringMatching(/^no-restricted-imports: .*must not import src\/store/)]);
  });

  it('keeps GraphQL and file I/O out of the domain, however deep the file', () => {
    expect(messages.graphqlAndIoInDomain).toEqual([
      expect.stringMatching(/^no-restricted-imports: 'graphql'.*GraphQL and Apollo stay/),
      expect.stringMatching(/^no-restricted-imports: 'node:fs'.*no I\/O/),
    ]);
  });

  it('lets the store speak DynamoDB and use the domain', () => {
    expect(messages.awsInStore).toEqual([]);
  });
});

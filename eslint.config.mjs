// ESLint checks project rules, not style (Prettier owns style): the TypeScript compiler's blind spots
// and the architecture's one-way data flow, plus GraphQL schema conventions for a public API.
import js from '@eslint/js';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import { defineConfig } from 'eslint/config';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';

// Data flows one way: handler → Apollo (src/lambda, src/server) → resolvers (src/graphql) → use
// cases (src/app) → domain (src/domain) and store (src/store). A layer never imports one above it.
const layers = (...names) => ({
  regex: `^(\\.\\./)+(${names.join('|')})(/|$)`,
  message: `Data flows one way (handler → server → graphql → app → domain, store): this layer must not import ${names.map((name) => `src/${name}`).join(', ')}.`,
});
// Only the store speaks DynamoDB: everything else goes through it, so access patterns, metering and
// error handling stay in one place.
const aws = {
  regex: '^(@aws-sdk|@smithy)/',
  message: 'Only src/store speaks DynamoDB: call the store instead of the AWS SDK.',
};
const graphql = {
  regex: '^(graphql|graphql-[a-z-]+|@graphql-[a-z-]+/.+|@apollo/.+|@as-integrations/.+)$',
  message: 'GraphQL and Apollo stay in src/graphql and src/server; this layer works on domain types.',
};
// The domain is pure TypeScript: no file system, network or process. (node:crypto's randomUUID is
// allowed: ids are domain values.)
const nodeIo = builtinModules.filter((name) => !name.startsWith('_') && name !== 'crypto').flatMap((name) => [name, `node:${name}`]);
const pure = nodeIo.map((name) => ({ name, message: 'src/domain is pure: no I/O (node built-ins other than crypto).' }));
// Flat config replaces a rule's options per file rather than merging them, so each layer lists all of its restrictions.
const forbid = (patterns, paths = []) => ['error', { paths, patterns }];

// ESLint does not read .gitignore, and what it lists is generated or built. A gitignore pattern with
// a slash before its end is anchored at the root; one without matches at any depth.
const gitignored = readFileSync(join(import.meta.dirname, '.gitignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'))
  .map((line) => (line.slice(0, -1).includes('/') ? line.replace(/^\//, '') : `**/${line}`));

export default defineConfig(
  { ignores: [...gitignored, 'schema/released/'] },
  {
    files: ['**/*.{ts,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // Caught exceptions are often rethrown or ignored on purpose, named `_` when unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Catches `expect(x).toBeDefined;` and other calls that were never made.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: false, allowTernary: false }],
    },
  },
  // Production code is typed end to end; tooling and tests read untyped GraphQL response bodies.
  { files: ['dev/**', 'scripts/**', 'test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['src/**/*.ts'], rules: { 'no-restricted-imports': forbid([aws]) } },
  // Resolvers map fields and call use cases: they may name the store's types, never call it.
  {
    files: ['src/graphql/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            aws,
            {
              regex: '^(\\.\\./)+store(/|$)',
              allowTypeImports: true,
              message: 'Resolvers go through use cases (src/app); only types may come from src/store.',
            },
          ],
        },
      ],
    },
  },
  { files: ['src/store/**/*.ts'], rules: { 'no-restricted-imports': forbid([layers('graphql', 'app', 'server', 'lambda')]) } },
  { files: ['src/app/**/*.ts'], rules: { 'no-restricted-imports': forbid([aws, graphql, layers('graphql', 'server', 'lambda')]) } },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': forbid([aws, graphql, layers('store', 'graphql', 'app', 'server', 'lambda')], pure) },
  },
  {
    files: ['schema/*.graphql'],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: { schema: 'schema/*.graphql' } } },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      // The schema writes descriptions inline ("…") and describes every root field, not every type.
      '@graphql-eslint/description-style': ['error', { style: 'inline' }],
      '@graphql-eslint/require-description': ['error', { rootField: true }],
      // Value types (PageInfo, counts, diffs) have no identity of their own.
      '@graphql-eslint/strict-id-in-types': 'off',
      // Lists are Relay connections, paged forward only (first/after).
      '@graphql-eslint/relay-connection-types': 'error',
      '@graphql-eslint/relay-page-info': 'error',
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
    },
  },
);

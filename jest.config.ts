import type { Config } from 'jest';

// Two kinds of tests, as two projects: test/unit is pure (no database, runs alone in a second),
// everything else runs against a real DynamoDB Local, which the db project's global setup starts on
// a free port and stops afterwards. Jest runs a project's global setup only when one of its tests
// is selected, so `npx jest test/unit` never starts Java.
const transform: Config['transform'] = {
  // tsconfig's isolatedModules makes ts-jest transpile only: type-checking is `tsc --noEmit`'s job.
  '^.+\\.ts$': 'ts-jest',
  // jose 6 ships ES modules only; jest runs CommonJS, so it is transpiled too.
  '^.+/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
};
const shared = { testEnvironment: 'node', transform, transformIgnorePatterns: ['/node_modules/(?!jose/)'] };

const config: Config = {
  testTimeout: 20000,
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/test/unit'], testMatch: ['**/*.test.ts'] },
    {
      ...shared,
      displayName: 'db',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/test/unit/'],
      globalSetup: '<rootDir>/test/setup/globalSetup.ts',
      globalTeardown: '<rootDir>/test/setup/globalTeardown.ts',
    },
  ],
};

export default config;

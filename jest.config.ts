import type { Config } from 'jest';

// Two kinds of tests: test/unit (pure, no database) and everything else, which runs against a real
// DynamoDB Local that test/setup/globalSetup.ts starts on a free port and stops afterwards.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsconfig's isolatedModules makes ts-jest transpile only: type-checking is `tsc --noEmit`'s job (npm test runs it first).
    '^.+\\.ts$': 'ts-jest',
    // jose 6 ships ES modules only; jest runs CommonJS, so it is transpiled too.
    '^.+/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  globalSetup: '<rootDir>/test/setup/globalSetup.ts',
  globalTeardown: '<rootDir>/test/setup/globalTeardown.ts',
  testTimeout: 20000,
  maxWorkers: 2,
};

export default config;

// Test tiers, run by `npm test` (scripts/run-tests.mjs) in this order: unit, service, e2e, browser.
// TypeScript is compiled by SWC with decorator metadata (what NestJS and class-validator read);
// type errors are caught by `tsc --noEmit`, which npm test runs first.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@vetmeet/contracts$': '<rootDir>/libs/contracts/src',
    '^@vetmeet/contracts/client$': '<rootDir>/libs/contracts/src/client',
    '^@vetmeet/crypto$': '<rootDir>/libs/crypto/src',
  },
  setupFiles: ['reflect-metadata'],
};

const tier = (displayName, testMatch, extra = {}) => ({ ...shared, displayName, testMatch, ...extra });

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    // The web client's pure modules (no DOM, no React) run here too, under Node.
    tier('unit', ['<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/apps/web/src/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts']),
    tier('service', ['<rootDir>/test/service/**/*.spec.ts'], { slowTestThreshold: 20, setupFilesAfterEnv: ['<rootDir>/test/support/timeout-60s.ts'] }),
    tier('e2e', ['<rootDir>/test/e2e/**/*.spec.ts'], { slowTestThreshold: 20, setupFilesAfterEnv: ['<rootDir>/test/support/timeout-60s.ts'] }),
    tier('browser', ['<rootDir>/test/browser/**/*.spec.ts'], { slowTestThreshold: 60, setupFilesAfterEnv: ['<rootDir>/test/support/timeout-120s.ts'] }),
  ],
};

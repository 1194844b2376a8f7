// Benchmarks run with the e2e tier's setup (one embedded PostgreSQL, SWC), outside `npm test`:
//   node --expose-gc --experimental-vm-modules node_modules/jest/bin/jest.js -c bench/jest.config.cjs
const { join } = require('node:path');
const root = require('../jest.config.js');

const e2e = root.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  rootDir: join(__dirname, '..'),
  displayName: 'bench',
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  globalSetup: root.globalSetup,
  globalTeardown: root.globalTeardown,
};

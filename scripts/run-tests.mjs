#!/usr/bin/env node
// `npm test` after bootstrap: lint, type-check, then the jest tiers in order (unit,
// service, e2e, browser), each a separate jest run so a tier's failures read on their own.
// Ends with one plain line, "N passed, N failed", that CI can read.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const TIERS = ['unit', 'service', 'e2e', 'browser'];
const onlyTiers = process.env.TEST_TIERS?.split(',') ?? TIERS;
const jestArgs = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures = [];

function step(name, command, args, env = {}) {
  const startedAt = Date.now();
  console.log(`\n=== ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds}s`);
  return result.status === 0;
}

function countStep(name, ok) {
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

if (!process.env.TEST_TIERS) {
  countStep('lint', step('lint', 'eslint', ['--max-warnings=0', '.']));
  const typecheck = [
    ['tsconfig.json'],
    ['test/browser/tsconfig.json'],
    ['apps/web/tsconfig.json'],
    ['apps/web/tsconfig.node.json'],
    ['apps/web/tsconfig.spec.json'],
  ].every(([project]) => step(`type-check ${project}`, 'tsc', ['-p', project, '--noEmit']));
  countStep('type-check', typecheck);
}

mkdirSync('test-results', { recursive: true });
for (const tier of TIERS.filter((name) => onlyTiers.includes(name))) {
  const report = `test-results/jest-${tier}.json`;
  // require(esm) of NestJS 12's ESM-only packages from CommonJS tests needs this flag (Jest 30 on Node >= 24.9).
  const ok = step(`${tier} tests`, 'node', [
    '--experimental-vm-modules',
    '--no-warnings',
    'node_modules/jest/bin/jest.js',
    '--selectProjects',
    tier,
    '--json',
    `--outputFile=${report}`,
    ...jestArgs,
  ]);
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
    if (!ok || results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0) failures.push(`${tier} tests`);
    if (results.numTotalTests === 0) {
      failed += 1;
      failures.push(`${tier} tests (none ran)`);
    }
  } catch {
    failed += 1;
    failures.push(`${tier} tests (no report)`);
  }
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && failures.length === 0 ? 0 : 1);

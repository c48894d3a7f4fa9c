// End-to-end tests: the real renderer build, in real Chromium, against the browser harness.
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // The JSON report feeds the closing count of `npm test`.
  reporter: [['list'], ['json', { outputFile: path.resolve(import.meta.dirname, '../../test-results/e2e.json') }]],
  outputDir: path.resolve(import.meta.dirname, '../../test-results/e2e'),
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'fr-FR',
    viewport: { width: 1280, height: 860 },
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});

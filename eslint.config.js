// Lint, including the architecture rules: who may import electron, and what the renderer may import.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { architecture } from './build/lint/architecture-rules.js';

/** The only files that may import 'electron': lifecycle, windows, protocol, IPC registration, preload. */
const ELECTRON_ADAPTERS = ['electron/main/**/*.ts', 'electron/preload/**/*.ts'];

const nodeOnlyModules = ['electron', 'better-sqlite3', 'bcrypt', 'nodemailer', 'fs', 'path', 'os', 'child_process', 'crypto'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.native/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', __dirname: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    // Build scripts run under Node 20+, whose globals include fetch and AbortSignal; make-icons.mjs also
    // runs a function inside Chromium (page.evaluate).
    files: ['build/scripts/**/*.mjs'],
    languageOptions: { globals: { fetch: 'readonly', AbortSignal: 'readonly' } },
  },
  {
    files: ['build/scripts/make-icons.mjs'],
    languageOptions: { globals: { Image: 'readonly', btoa: 'readonly', document: 'readonly' } },
  },
  {
    // The core is plain TypeScript: it must run and be tested under Node without Electron.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'tests/**/*.ts'],
    ignores: ELECTRON_ADAPTERS,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron; inject what the core needs.' }] }],
    },
  },
  {
    // One module per domain: a domain reaches another only through its index.ts, the kernel reaches no domain,
    // and SQL stays in the repositories (build/lint/architecture-rules.js).
    files: ['electron/core/**/*.ts'],
    plugins: { architecture },
    rules: { 'architecture/domain-imports': 'error', 'architecture/sql-in-repositories': 'error' },
  },
  {
    // The contract is shared with the renderer: no Node modules in it.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeOnlyModules.map((name) => ({ name, message: 'shared/ runs in the renderer too.' })), patterns: ['node:*'] },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', HTMLElement: 'readonly' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnlyModules.map((name) => ({ name, message: 'The renderer talks to main through window.gmao only.' })),
          patterns: [
            { group: ['node:*'], message: 'No Node modules in the renderer.' },
            { group: ['**/electron/**'], message: 'The renderer may import shared/ only, never main-process code.' },
          ],
        },
      ],
    },
  },
);

// Lint, and enforce the layers: src/common is pure, src/host alone imports `vscode`,
// src/webview sees only the protocol, unit tests reach only src/common.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'util', 'stream', 'url', 'events', 'worker_threads'];
const builtinPatterns = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'bench-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/common is pure: no vscode import (HOUSE_STYLE rule 1).' }],
        patterns: [
          { group: ['**/host/**', '**/webview/**'], message: 'src/common may not depend on host or webview code.' },
          { group: builtinPatterns, message: 'src/common is pure: put Node side effects behind a seam in src/host.' },
        ],
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview cannot import vscode.' }],
        patterns: [
          { group: ['**/host/**', '../common/*', '!../common/protocol'], message: 'The webview reaches only ../common/protocol.' },
          { group: builtinPatterns, message: 'The webview is browser-only.' },
        ],
      }],
    },
  },
  {
    files: ['test/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Unit tests run in plain Node: test src/common, not vscode.' }],
        patterns: [{ group: ['**/src/host/**', '**/src/webview/**', '**/src/extension'], message: 'Unit tests may import only src/common.' }],
      }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Functions passed to page.evaluate run in the browser.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, document: 'readonly', window: 'readonly' } },
  },
  {
    files: ['test/webview/**/*.ts', 'test/integration/**/*.ts', 'test/unit/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
  },
);

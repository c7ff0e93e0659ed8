// Lint, and enforce the layers: src/common is pure, src/host alone imports `vscode` (and its folders
// never import back up), src/webview sees only the protocol, unit tests reach only src/common.
// Import cycles (type imports included) are checked by scripts/checkCycles.mjs, the last step of `npm run lint`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Every Node built-in, with and without the node: prefix, and their subpaths (fs/promises).
const nodeBuiltins = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '').split('/')[0]))];
const builtinPatterns = nodeBuiltins.flatMap((m) => [m, `${m}/*`, `node:${m}`, `node:${m}/*`]);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'test-results/**',
      'bench-results/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/common is pure: no vscode import (HOUSE_STYLE rule 1).' }],
          patterns: [
            { group: ['**/host/**', '**/webview/**'], message: 'src/common may not depend on host or webview code.' },
            { group: builtinPatterns, message: 'src/common is pure: put Node side effects behind a seam in src/host.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview cannot import vscode.' }],
          patterns: [
            {
              group: ['**/host/**', '../common/*', '!../common/protocol'],
              message: 'The webview reaches only ../common/protocol.',
            },
            { group: builtinPatterns, message: 'The webview is browser-only.' },
          ],
        },
      ],
    },
  },
  // src/host: the feature folders sit on the shared pieces at host/ level, and never import back up.
  // chat/ may use editor/ (code-block actions apply code through the diff preview), tools/, context/ and
  // agent/; editor/ reaches the chat only through the ChatHandoff interface it declares; context/ (project
  // instructions) may use tools/ (the workspace boundary); scm/ (commit messages) uses none of them;
  // lm/ (VS Code's own chat: model provider and @aio) may use tools/, context/ and editor/'s context
  // readers, never the sidebar chat; agent/ (Agent mode's gate, writes and undo) uses neither chat/ nor editor/.
  {
    files: ['src/host/*.ts'],
    ignores: ['src/host/testingApi.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./chat/*', './editor/*', './tools/*', './context/*', './scm/*', './lm/*'],
              message: 'Shared host pieces must not depend on a feature folder.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/host/editor/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../chat/*'], message: 'editor/ reaches the chat through ChatHandoff (editorDeps.ts).' },
            { group: ['../scm/*', '../context/*'], message: 'editor/ gets the instructions through EditorDeps.' },
            { group: ['../lm/*'], message: 'editor/ must not depend on lm/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/host/chat/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../lm/*'], message: 'The sidebar chat must not depend on lm/.' }] },
      ],
    },
  },
  {
    files: ['src/host/lm/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['../chat/*'], message: 'lm/ shares the turn runner in common/, not the sidebar chat.' }],
        },
      ],
    },
  },
  {
    files: ['src/host/agent/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../chat/*', '../editor/*'], message: 'agent/ must not depend on chat/ or editor/.' }] },
      ],
    },
  },
  {
    files: ['src/host/tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../chat/*', '../editor/*', '../context/*', '../scm/*', '../lm/*'],
              message: 'tools/ must not depend on another feature folder.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/host/context/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../chat/*', '../editor/*', '../scm/*', '../lm/*'],
              message: 'context/ may use only tools/ and the shared host pieces.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/host/scm/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../chat/*', '../editor/*', '../tools/*', '../context/*', '../lm/*'],
              message: 'scm/ gets what it needs through CommitDeps.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Unit tests run in plain Node: test src/common, not vscode.' }],
          patterns: [
            {
              group: ['**/src/host/**', '**/src/webview/**', '**/src/extension'],
              message: 'Unit tests may import only src/common.',
            },
          ],
        },
      ],
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
  prettier,
);

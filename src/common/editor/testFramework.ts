import { isObj } from '../isObj';

/** Test frameworks the generate-tests command knows by name. */
export type TestFramework =
  | 'vitest'
  | 'jest'
  | 'mocha'
  | 'jasmine'
  | 'ava'
  | 'node:test'
  | 'pytest'
  | 'unittest'
  | 'go test'
  | 'cargo test'
  | 'unknown';

/** Language families that share test conventions. */
export type LanguageFamily = 'js' | 'python' | 'go' | 'rust' | 'other';

/** What the host found in the workspace; everything is optional except the language. */
export interface TestWorkspaceFacts {
  /** VS Code language id of the source file. */
  languageId: string;
  /** Text of the nearest package.json above the source file. */
  packageJson?: string;
  /** Text of the nearest pyproject.toml above the source file. */
  pyproject?: string;
  /** Workspace-relative paths (forward slashes): test files and config files that were found. */
  files: readonly string[];
}

/** The detected framework and why. */
export interface FrameworkGuess {
  framework: TestFramework;
  /** Where the guess came from, for the prompt and the chat record, e.g. "package.json devDependencies". */
  evidence: string;
}

/** The family of a VS Code language id. */
export function languageFamily(languageId: string): LanguageFamily {
  if (['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].includes(languageId)) return 'js';
  if (languageId === 'python') return 'python';
  if (languageId === 'go') return 'go';
  if (languageId === 'rust') return 'rust';
  return 'other';
}

const JS_TEST = /\.(test|spec)\.[cm]?[jt]sx?$/;
const JS_FILE = /\.[cm]?[jt]sx?$/;
const PY_TEST = /(^|\/)(test_[^/]*|[^/]*_test)\.py$/;

/** True when the path looks like a test file of the given family (any family when omitted). */
export function isTestFile(path: string, family?: LanguageFamily): boolean {
  const checks: Record<Exclude<LanguageFamily, 'other'>, () => boolean> = {
    js: () => JS_TEST.test(path) || (/(^|\/)__tests__\//.test(path) && JS_FILE.test(path)),
    python: () => PY_TEST.test(path),
    go: () => /_test\.go$/.test(path),
    rust: () => /(^|\/)tests\/[^/]+\.rs$/.test(path),
  };
  if (family === undefined) return Object.values(checks).some((c) => c());
  return family === 'other' ? false : checks[family]();
}

const JS_FRAMEWORKS: ReadonlyArray<readonly [TestFramework, readonly string[]]> = [
  ['vitest', ['vitest']],
  ['jest', ['jest', 'ts-jest', '@jest/globals', 'babel-jest']],
  ['mocha', ['mocha']],
  ['jasmine', ['jasmine', 'jasmine-core']],
  ['ava', ['ava']],
];

const CONFIG_FILES: ReadonlyArray<readonly [TestFramework, RegExp]> = [
  ['vitest', /(^|\/)vitest\.(config|workspace)\.[cm]?[jt]s$/],
  ['jest', /(^|\/)jest\.config\.[cm]?[jt]s(on)?$/],
  ['mocha', /(^|\/)\.mocharc(\.[a-z]+)?$/],
];

function dependencyNames(packageJson: string | undefined): { deps: Set<string>; testScript: string } {
  if (!packageJson) return { deps: new Set(), testScript: '' };
  try {
    const p = JSON.parse(packageJson) as Record<string, unknown>;
    const names = ['devDependencies', 'dependencies', 'peerDependencies'].flatMap((k) => {
      const v = p[k];
      return isObj(v) ? Object.keys(v) : [];
    });
    const scripts = p.scripts as Record<string, unknown> | undefined;
    return { deps: new Set(names), testScript: typeof scripts?.test === 'string' ? scripts.test : '' };
  } catch {
    return { deps: new Set(), testScript: '' }; // a broken package.json just gives no evidence
  }
}

function detectJs(facts: TestWorkspaceFacts): FrameworkGuess {
  const { deps, testScript } = dependencyNames(facts.packageJson);
  for (const [fw, names] of JS_FRAMEWORKS) {
    const hit = names.find((n) => deps.has(n));
    if (hit) return { framework: fw, evidence: `package.json depends on ${hit}` };
  }
  for (const [fw, re] of CONFIG_FILES) {
    const hit = facts.files.find((f) => re.test(f));
    if (hit) return { framework: fw, evidence: `config file ${hit}` };
  }
  if (/\bnode\s+(--[\w-]+\s+)*--test\b/.test(testScript))
    return { framework: 'node:test', evidence: 'package.json test script runs node --test' };
  return { framework: 'unknown', evidence: 'no test framework found in package.json or config files' };
}

function detectPython(facts: TestWorkspaceFacts): FrameworkGuess {
  const marker = facts.files.find((f) => /(^|\/)(pytest\.ini|conftest\.py)$/.test(f));
  if (marker) return { framework: 'pytest', evidence: `found ${marker}` };
  if (facts.pyproject && /\[tool\.pytest/.test(facts.pyproject))
    return { framework: 'pytest', evidence: 'pyproject.toml has [tool.pytest…]' };
  if (facts.pyproject && /\bpytest\b/.test(facts.pyproject))
    return { framework: 'pytest', evidence: 'pyproject.toml mentions pytest' };
  if (facts.files.some((f) => isTestFile(f, 'python')))
    return { framework: 'pytest', evidence: 'existing test_*.py files (pytest runs them)' };
  return { framework: 'pytest', evidence: 'default for Python' };
}

/** Detects the test framework from the workspace facts. */
export function detectTestFramework(facts: TestWorkspaceFacts): FrameworkGuess {
  switch (languageFamily(facts.languageId)) {
    case 'js':
      return detectJs(facts);
    case 'python':
      return detectPython(facts);
    case 'go':
      return { framework: 'go test', evidence: 'Go uses go test' };
    case 'rust':
      return { framework: 'cargo test', evidence: 'Rust uses cargo test' };
    case 'other':
      return { framework: 'unknown', evidence: `no known test convention for ${facts.languageId}` };
  }
}

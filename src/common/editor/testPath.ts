import { isTestFile, languageFamily, type LanguageFamily } from './testFramework';

/** Inputs of {@link proposeTestPath}. Paths are workspace-relative with forward slashes. */
export interface TestPathInput {
  sourcePath: string;
  languageId: string;
  /** Files found in the workspace (test files and markers such as Cargo.toml); other files are ignored. */
  files: readonly string[];
}

/** A proposed test file and the convention it follows (said to the user and the model). */
export interface TestPathProposal {
  path: string;
  convention: string;
}

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const join = (...parts: string[]): string => parts.filter((x) => x !== '').join('/');

/** File name without its last extension, and that extension (with the dot). */
function splitName(path: string): { stem: string; ext: string } {
  const base = baseOf(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? { stem: base.slice(0, dot), ext: base.slice(dot) } : { stem: base, ext: '' };
}

/** The stem a test file is about: `strings.test.ts` → `strings`, `test_strings.py` → `strings`. */
function testedStem(testPath: string): string {
  const base = baseOf(testPath);
  return base
    .replace(/\.(test|spec)\.[^.]+$/, '')
    .replace(/^test_/, '')
    .replace(/_test\.[^.]+$/, '')
    .replace(/\.[^.]+$/, '');
}

function testName(family: LanguageFamily, source: string, tests: readonly string[]): string {
  const { stem, ext } = splitName(source);
  switch (family) {
    case 'python':
      return tests.some((t) => /_test\.py$/.test(t)) && !tests.some((t) => /(^|\/)test_/.test(t))
        ? `${stem}_test.py`
        : `test_${stem}.py`;
    case 'go':
      return `${stem}_test.go`;
    case 'rust':
      return `${stem}.rs`;
    default: {
      const spec = tests.filter((t) => /\.spec\./.test(t)).length;
      const test = tests.filter((t) => /\.test\./.test(t)).length;
      return `${stem}.${spec > test ? 'spec' : 'test'}${ext}`;
    }
  }
}

const commonPrefixLength = (a: string, b: string): number => {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
};

/** An existing test file for the same stem, the one nearest the source. */
function existingTest(source: string, tests: readonly string[]): string | undefined {
  const { stem } = splitName(source);
  const same = tests.filter((t) => testedStem(t) === stem);
  same.sort(
    (a, b) =>
      commonPrefixLength(dirOf(b), dirOf(source)) - commonPrefixLength(dirOf(a), dirOf(source)) || a.length - b.length,
  );
  return same[0];
}

/** `dir` without a leading src/ or lib/ segment (tests usually mirror the code below it). */
const withoutSourceRoot = (dir: string): string => dir.replace(/^(src|lib)(\/|$)/, '');

/** A test folder (test/, tests/, __tests__/, spec/) at the source's folder or one of its ancestors. */
function testFolder(source: string, tests: readonly string[], name: string): TestPathProposal | undefined {
  const dir = dirOf(source);
  const segments = dir === '' ? [] : dir.split('/');
  for (let i = segments.length; i >= 0; i--) {
    const ancestor = segments.slice(0, i).join('/');
    for (const folder of ['__tests__', 'test', 'tests', 'spec']) {
      const root = join(ancestor, folder);
      const inside = tests.filter((t) => t.startsWith(`${root}/`));
      if (inside.length === 0) continue;
      const sub = withoutSourceRoot(segments.slice(i).join('/'));
      const mirrored = join(root, sub);
      const flat =
        inside.some((t) => dirOf(t) === root) && !inside.some((t) => sub !== '' && t.startsWith(`${mirrored}/`));
      const path = flat ? join(root, name) : join(mirrored, name);
      return { path, convention: `tests live in ${root}/${flat ? '' : ' (mirroring the source folders)'}` };
    }
  }
  return undefined;
}

function rustProposal(source: string, files: readonly string[], name: string): TestPathProposal {
  const crates = files.filter((f) => baseOf(f) === 'Cargo.toml').map(dirOf);
  const crate =
    crates.filter((c) => c === '' || source.startsWith(`${c}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
  return { path: join(crate, 'tests', name), convention: "Rust integration tests live in the crate's tests/ folder" };
}

/**
 * Proposes where the tests of `sourcePath` should go, following what the workspace already does: an
 * existing test file for the same module, test files next to the source, a `__tests__`/`test`/`tests`
 * folder near it (flat or mirroring the source folders), else the language's default.
 */
export function proposeTestPath(input: TestPathInput): TestPathProposal {
  const family = languageFamily(input.languageId);
  const tests = input.files.filter((f) => isTestFile(f, family) && f !== input.sourcePath);
  const name = testName(family, input.sourcePath, tests);
  const existing = existingTest(input.sourcePath, tests);
  if (existing) return { path: existing, convention: `the existing test file for ${baseOf(input.sourcePath)}` };
  if (family === 'go')
    return { path: join(dirOf(input.sourcePath), name), convention: 'Go tests live next to the source as *_test.go' };
  if (family === 'rust') return rustProposal(input.sourcePath, input.files, name);
  const dir = dirOf(input.sourcePath);
  if (tests.some((t) => dirOf(t) === dir))
    return { path: join(dir, name), convention: 'tests live next to the source' };
  const folder = testFolder(input.sourcePath, tests, name);
  if (folder) return folder;
  return { path: join(dir, name), convention: 'no existing tests found; next to the source' };
}

/**
 * The module specifier to import `sourcePath` from `testPath` in JS/TS (`../src/strings`), or
 * undefined for other languages (their imports depend on package layout the model can see).
 */
export function relativeImport(testPath: string, sourcePath: string, languageId: string): string | undefined {
  if (languageFamily(languageId) !== 'js') return undefined;
  const from = dirOf(testPath).split('/').filter(Boolean);
  const to = sourcePath.split('/');
  let n = 0;
  while (n < from.length && n < to.length - 1 && from[n] === to[n]) n++;
  const up = from.slice(n).map(() => '..');
  const rel = [...up, ...to.slice(n)].join('/').replace(/\.[cm]?[jt]sx?$/, '');
  return up.length === 0 ? `./${rel}` : rel;
}

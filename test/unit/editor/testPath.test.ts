import assert from 'node:assert/strict';
import { proposeTestPath, relativeImport } from '../../../src/common/editor/testPath';

const ts = (sourcePath: string, files: string[]) => proposeTestPath({ sourcePath, languageId: 'typescript', files });

describe('proposeTestPath', () => {
  it('prefers an existing test file for the same module, the nearest one', () => {
    assert.deepEqual(
      ts('pkg/src/strings.ts', ['other/test/strings.test.ts', 'pkg/test/strings.test.ts', 'pkg/test/x.test.ts']),
      { path: 'pkg/test/strings.test.ts', convention: 'the existing test file for strings.ts' },
    );
  });

  it('puts tests next to the source when sibling tests exist, with their .spec/.test suffix', () => {
    assert.equal(ts('src/a/b.ts', ['src/a/c.spec.ts', 'src/a/d.spec.ts', 'src/e.test.ts']).path, 'src/a/b.spec.ts');
    assert.equal(
      proposeTestPath({ sourcePath: 'src/view.tsx', languageId: 'typescriptreact', files: ['src/other.test.tsx'] })
        .path,
      'src/view.test.tsx',
    );
  });

  it('uses a __tests__ folder next to the source', () => {
    assert.equal(ts('src/a/b.ts', ['src/a/__tests__/c.test.ts']).path, 'src/a/__tests__/b.test.ts');
  });

  it('uses a test/ folder at an ancestor, flat or mirroring the source folders (without src/)', () => {
    assert.deepEqual(ts('editor/src/numbers.ts', ['editor/test/strings.test.ts']), {
      path: 'editor/test/numbers.test.ts',
      convention: 'tests live in editor/test/',
    });
    assert.equal(
      ts('src/util/dates.ts', ['test/util/strings.test.ts', 'test/other/x.test.ts']).path,
      'test/util/dates.test.ts',
    );
    assert.equal(ts('src/util/dates.ts', ['tests/x/y.test.ts']).path, 'tests/util/dates.test.ts');
  });

  it('defaults to next to the source', () => {
    assert.deepEqual(ts('src/math.ts', []), {
      path: 'src/math.test.ts',
      convention: 'no existing tests found; next to the source',
    });
    assert.equal(ts('math.ts', ['src/x.ts']).path, 'math.test.ts');
  });

  it('follows Python, Go and Rust conventions', () => {
    assert.equal(
      proposeTestPath({ sourcePath: 'pkg/calc.py', languageId: 'python', files: ['tests/test_other.py'] }).path,
      'tests/test_calc.py',
    );
    assert.equal(
      proposeTestPath({ sourcePath: 'pkg/calc.py', languageId: 'python', files: ['pkg/other_test.py'] }).path,
      'pkg/calc_test.py',
    );
    assert.equal(proposeTestPath({ sourcePath: 'calc.py', languageId: 'python', files: [] }).path, 'test_calc.py');
    assert.equal(
      proposeTestPath({ sourcePath: 'internal/calc/calc.go', languageId: 'go', files: [] }).path,
      'internal/calc/calc_test.go',
    );
    assert.equal(
      proposeTestPath({
        sourcePath: 'crates/core/src/parse.rs',
        languageId: 'rust',
        files: ['Cargo.toml', 'crates/core/Cargo.toml'],
      }).path,
      'crates/core/tests/parse.rs',
    );
  });

  it('computes the import specifier from the test file to the source (JS/TS only)', () => {
    assert.equal(
      relativeImport('editor/test/numbers.test.ts', 'editor/src/numbers.ts', 'typescript'),
      '../src/numbers',
    );
    assert.equal(relativeImport('src/a.test.ts', 'src/a.ts', 'typescript'), './a');
    assert.equal(relativeImport('a.test.js', 'a.js', 'javascript'), './a');
    assert.equal(relativeImport('tests/test_a.py', 'a.py', 'python'), undefined);
  });
});

import assert from 'node:assert/strict';
import { detectTestFramework, isTestFile, languageFamily } from '../../../src/common/editor/testFramework';

const pkg = (devDependencies: Record<string, string>, scripts: Record<string, string> = {}): string =>
  JSON.stringify({ name: 'p', devDependencies, scripts });

describe('detectTestFramework', () => {
  it('reads JS/TS frameworks from package.json dependencies, vitest before jest before mocha', () => {
    assert.deepEqual(
      detectTestFramework({ languageId: 'typescript', packageJson: pkg({ vitest: '^2', jest: '^29' }), files: [] }),
      { framework: 'vitest', evidence: 'package.json depends on vitest' },
    );
    assert.equal(
      detectTestFramework({ languageId: 'javascript', packageJson: pkg({ 'ts-jest': '^29' }), files: [] }).framework,
      'jest',
    );
    assert.equal(
      detectTestFramework({ languageId: 'typescriptreact', packageJson: pkg({ mocha: '^11' }), files: [] }).framework,
      'mocha',
    );
    assert.equal(
      detectTestFramework({
        languageId: 'javascript',
        packageJson: JSON.stringify({ dependencies: { ava: '1' } }),
        files: [],
      }).framework,
      'ava',
    );
  });

  it('falls back to config files, then to a node --test script, then unknown', () => {
    assert.deepEqual(detectTestFramework({ languageId: 'typescript', files: ['web/vitest.config.mts'] }), {
      framework: 'vitest',
      evidence: 'config file web/vitest.config.mts',
    });
    assert.equal(detectTestFramework({ languageId: 'typescript', files: ['.mocharc.json'] }).framework, 'mocha');
    assert.equal(
      detectTestFramework({
        languageId: 'javascript',
        packageJson: pkg({}, { test: 'node --experimental-strip-types --test' }),
        files: [],
      }).framework,
      'node:test',
    );
    assert.equal(
      detectTestFramework({ languageId: 'javascript', packageJson: '{ broken', files: [] }).framework,
      'unknown',
    );
  });

  it('detects pytest from markers, pyproject or test files, and defaults to pytest', () => {
    assert.equal(
      detectTestFramework({ languageId: 'python', files: ['tests/conftest.py'] }).evidence,
      'found tests/conftest.py',
    );
    assert.match(
      detectTestFramework({ languageId: 'python', pyproject: '[tool.pytest.ini_options]\n', files: [] }).evidence,
      /pyproject/,
    );
    assert.match(detectTestFramework({ languageId: 'python', files: ['tests/test_a.py'] }).evidence, /test_\*\.py/);
    assert.deepEqual(detectTestFramework({ languageId: 'python', files: [] }), {
      framework: 'pytest',
      evidence: 'default for Python',
    });
  });

  it('uses go test and cargo test, and unknown for other languages', () => {
    assert.equal(detectTestFramework({ languageId: 'go', files: [] }).framework, 'go test');
    assert.equal(detectTestFramework({ languageId: 'rust', files: [] }).framework, 'cargo test');
    assert.equal(detectTestFramework({ languageId: 'cobol', files: [] }).framework, 'unknown');
  });

  it('recognises test files per language family', () => {
    assert.ok(isTestFile('src/a.test.ts', 'js') && isTestFile('src/__tests__/a.tsx', 'js') && isTestFile('a.spec.mjs'));
    assert.ok(!isTestFile('src/latest.ts', 'js'));
    assert.ok(
      isTestFile('tests/test_a.py', 'python') &&
        isTestFile('a_test.py', 'python') &&
        !isTestFile('contest.py', 'python'),
    );
    assert.ok(
      isTestFile('pkg/a_test.go', 'go') && isTestFile('tests/it.rs', 'rust') && !isTestFile('src/lib.rs', 'rust'),
    );
    assert.equal(languageFamily('javascriptreact'), 'js');
  });
});

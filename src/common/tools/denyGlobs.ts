/**
 * The default sensitive-file globs (`aioCoder.tools.denyGlobs`, mirrored in package.json): files tools
 * never read, nor return lines from, without an explicit Allow once.
 */
export const DEFAULT_DENY_GLOBS: readonly string[] = [
  '**/.env*',
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/id_rsa*',
  '**/id_dsa*',
  '**/id_ecdsa*',
  '**/id_ed25519*',
  '**/.ssh/**',
  '**/.aws/**',
  '**/.npmrc',
  '**/.pypirc',
  '**/.netrc',
  '**/.git-credentials',
  '**/.git/**',
  '**/*.keystore',
  '**/*.jks',
];

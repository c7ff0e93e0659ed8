/** Markdown fence tags that differ from VS Code's language ids. */
const ALIASES: Readonly<Record<string, string>> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  python3: 'python',
  rb: 'ruby',
  rs: 'rust',
  golang: 'go',
  kt: 'kotlin',
  kts: 'kotlin',
  cs: 'csharp',
  'c#': 'csharp',
  'c++': 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  h: 'c',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  ps1: 'powershell',
  pwsh: 'powershell',
  yml: 'yaml',
  md: 'markdown',
  htm: 'html',
  xhtml: 'html',
  jsonc: 'jsonc',
  json5: 'json',
  docker: 'dockerfile',
  make: 'makefile',
  mk: 'makefile',
  objc: 'objective-c',
  'objective-c': 'objective-c',
  text: 'plaintext',
  txt: 'plaintext',
  plain: 'plaintext',
  patch: 'diff',
  proto: 'proto3',
  tf: 'terraform',
  hcl: 'terraform',
  vue: 'vue',
  svelte: 'svelte',
};

/**
 * Maps a Markdown fence tag (`ts`, `py`, `bash`…) to a VS Code language id; unknown tags are lower-cased as
 * they are.
 */
export function languageIdForFence(tag: string): string {
  const t = tag.trim().toLowerCase().split(/[\s{]/)[0] ?? '';
  return ALIASES[t] ?? t;
}

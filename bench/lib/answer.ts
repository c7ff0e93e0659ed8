// A deterministic, realistic long answer: prose, lists, tables and many fenced code blocks in the
// languages the webview highlights, plus a few non-ASCII characters. Shared by the traffic,
// rendering, history and end-to-end figures.
import { rng } from './stats';

const WORDS = (
  'the function returns a promise that resolves when the stream ends so callers can await it and handle ' +
  'errors in one place while the buffer keeps only complete lines because a chunk may end anywhere including ' +
  'inside a multi byte character which is why we decode with stream true and flush at the end of the body ' +
  'this keeps memory flat and avoids quadratic concatenation when answers grow long'
).split(' ');

const CODE: Record<string, string[]> = {
  ts: [
    'export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {',
    '  const reader = body.getReader();',
    '  const decoder = new TextDecoder();',
    "  let buffer = '';",
    '  for (;;) {',
    '    const { done, value } = await reader.read();',
    '    if (done) break;',
    '    buffer += decoder.decode(value, { stream: true });',
    "    const lines = buffer.split('\\n');",
    "    buffer = lines.pop() ?? '';",
    '    yield* lines;',
    '  }',
    '}',
  ],
  python: [
    'def chunked(items: list[str], size: int = 64) -> Iterator[list[str]]:',
    '    """Yield successive chunks of `items`."""',
    '    for start in range(0, len(items), size):',
    '        yield items[start:start + size]',
    '',
    'class Cache(dict):',
    '    def __missing__(self, key):',
    '        value = self[key] = compute(key)',
    '        return value',
  ],
  json: [
    '{',
    '  "name": "aio-coder",',
    '  "version": "0.1.0",',
    '  "engines": { "vscode": "^1.96.0" },',
    '  "activationEvents": [],',
    '  "main": "./dist/extension.js"',
    '}',
  ],
  bash: [
    'set -euo pipefail',
    'npm ci',
    'node esbuild.mjs --production',
    'npx vsce package --no-dependencies',
    'for f in dist/*.js; do',
    '  printf "%s %s\\n" "$(wc -c < "$f")" "$f"',
    'done',
  ],
  rust: [
    'fn parse(line: &str) -> Option<(&str, &str)> {',
    "    let (k, v) = line.split_once(':')?;",
    '    Some((k.trim(), v.trim_start()))',
    '}',
  ],
  go: [
    'func (s *Server) handle(w http.ResponseWriter, r *http.Request) {',
    '\tflusher, ok := w.(http.Flusher)',
    '\tif !ok {',
    '\t\thttp.Error(w, "no flush", 500)',
    '\t\treturn',
    '\t}',
    '\tfmt.Fprintf(w, "data: %s\\n\\n", payload)',
    '\tflusher.Flush()',
    '}',
  ],
};

function sentence(rand: () => number): string {
  const n = 8 + Math.floor(rand() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rand() * WORDS.length)] ?? 'x');
  const r = rand();
  if (r < 0.15) words[2] = `\`${words[2]}()\``;
  else if (r < 0.25) words[3] = `**${words[3]}**`;
  else if (r < 0.3) words[4] = `[${words[4]}](https://example.com/docs/${words[4]})`;
  else if (r < 0.33) words[1] = `${words[1]} (≈ 1.6 km, café ✓)`;
  const s = words.join(' ');
  return `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}.`;
}

const heading = (rand: () => number): string =>
  Array.from({ length: 3 + Math.floor(rand() * 4) }, () => WORDS[Math.floor(rand() * WORDS.length)] ?? 'x').join(' ');

const paragraph = (rand: () => number): string =>
  Array.from({ length: 2 + Math.floor(rand() * 4) }, () => sentence(rand)).join(' ');

function codeBlock(rand: () => number): string {
  const langs = Object.keys(CODE);
  const lang = langs[Math.floor(rand() * langs.length)] ?? 'ts';
  const base = CODE[lang] ?? [];
  const repeat = 1 + Math.floor(rand() * 3);
  const lines: string[] = [];
  for (let i = 0; i < repeat; i++) lines.push(...base, ...(i < repeat - 1 ? [''] : []));
  return `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``;
}

function list(rand: () => number): string {
  const ordered = rand() < 0.4;
  return Array.from(
    { length: 3 + Math.floor(rand() * 5) },
    (_, i) => `${ordered ? `${i + 1}.` : '-'} ${sentence(rand)}`,
  ).join('\n');
}

function table(rand: () => number): string {
  const rows = 3 + Math.floor(rand() * 6);
  const out = ['| Setting | Default | Effect |', '|:--------|:-------:|-------:|'];
  for (let i = 0; i < rows; i++)
    out.push(`| \`aioCoder.option${i}\` | ${Math.floor(rand() * 100)} | ${sentence(rand).slice(0, 40)} |`);
  return out.join('\n');
}

/** About `targetChars` characters of answer markdown, the same for the same seed. */
export function longAnswer(targetChars = 50_000, seed = 7): string {
  const rand = rng(seed);
  const blocks: string[] = ['Here is a walkthrough of the change, with the code for each step.'];
  let length = blocks[0]?.length ?? 0;
  let section = 1;
  while (length < targetChars) {
    const r = rand();
    const block =
      r < 0.08
        ? `## Step ${section++}: ${heading(rand)}`
        : r < 0.38
          ? paragraph(rand)
          : r < 0.68
            ? codeBlock(rand)
            : r < 0.86
              ? list(rand)
              : table(rand);
    blocks.push(block);
    length += block.length + 2;
  }
  return `${blocks.join('\n\n')}\n`;
}

/** Cuts `text` into exactly `count` non-empty deltas at seeded random points (token-like sizes). */
export function splitDeltas(text: string, count = 5000, seed = 11): string[] {
  const rand = rng(seed);
  const cuts = new Set<number>();
  while (cuts.size < Math.min(count, text.length) - 1) cuts.add(1 + Math.floor(rand() * (text.length - 1)));
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const c of [...sorted, text.length]) {
    out.push(text.slice(prev, c));
    prev = c;
  }
  return out;
}

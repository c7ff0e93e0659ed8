// Hidden characters ("Trojan Source"): which ones, their names, and where they act. Shared by the webview
// (through protocol.ts, its only window into src/common) and the host's Insert/Apply warning.

/**
 * Invisible characters that can make text read differently from what it is ("Trojan Source",
 * CVE-2021-42574): bidi embeddings, overrides and isolates, directional marks, and zero-width
 * characters, keyed by character with their Unicode names. The webview shows each as a visible
 * marker; the host warns before Insert or Apply puts one into a file.
 */
export const HIDDEN_CHAR_NAMES: Readonly<Record<string, string>> = {
  '\u061C': 'ARABIC LETTER MARK',
  '\u200B': 'ZERO WIDTH SPACE',
  '\u200C': 'ZERO WIDTH NON-JOINER',
  '\u200D': 'ZERO WIDTH JOINER',
  '\u200E': 'LEFT-TO-RIGHT MARK',
  '\u200F': 'RIGHT-TO-LEFT MARK',
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2060': 'WORD JOINER',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\uFEFF': 'ZERO WIDTH NO-BREAK SPACE',
};

/** The cheap test: true when `text` may hold a hidden character (most text does not, and stops here). */
export const MAY_HIDE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const ANY_HIDDEN = new RegExp(MAY_HIDE.source, 'g');
// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, …), without U+061C itself.
const RTL_LETTER = /[\u0590-\u061B\u061D-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]|[\uD802\uD803\uD83A\uD83B][\uDC00-\uDFFF]/;

/**
 * Where text is shown: `prose` marks bidi controls and directional marks; `code` also zero-width
 * characters (joiners only between ASCII, where no emoji or script needs them); `name` (link text,
 * paths) marks every zero-width character.
 */
export type HiddenCharContext = 'prose' | 'code' | 'name';

/** True when `text` has letters of a right-to-left script, where directional marks are legitimate. */
export const hasRtlLetters = (text: string): boolean => RTL_LETTER.test(text);

/** `U+202E RIGHT-TO-LEFT OVERRIDE` for a hidden character (any other character: its code point only). */
export function hiddenCharLabel(ch: string): string {
  const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const name = HIDDEN_CHAR_NAMES[ch];
  return name ? `${code} ${name}` : code;
}

function hiddenAt(text: string, i: number, context: HiddenCharContext, rtl: boolean): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  if (c === 0x200e || c === 0x200f || c === 0x061c) return !rtl;
  if (context === 'prose') return false;
  if (context === 'name' || (c !== 0x200c && c !== 0x200d)) return true;
  return text.charCodeAt(i - 1) < 0x80 || text.charCodeAt(i + 1) < 0x80 || i === 0 || i === text.length - 1;
}

/**
 * Offsets of the characters of `text` that must not act unseen when shown in `context`. `rtl` says
 * whether the surrounding text (a paragraph, a line of code) is right-to-left script.
 */
export function findHiddenChars(text: string, context: HiddenCharContext, rtl = hasRtlLetters(text)): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(ANY_HIDDEN)) if (hiddenAt(text, m.index, context, rtl)) found.push(m.index);
  return found;
}

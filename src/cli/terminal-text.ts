/**
 * Text for the terminal from values score-ts does not control (a Score file's image, a volume source, a
 * program's stderr). Raw, they could send escape sequences (OSC 52 writes the clipboard, `ESC[2J` clears the
 * screen), end a line and fake one of score-ts's own, or reorder the text on screen (bidi controls). Such
 * characters are shown as escapes instead: `\x1b`, `\n`, `\u202e`.
 */

/**
 * C0 controls (line feed and tab included), DEL, C1 controls, the Unicode line and paragraph separators, the
 * bidi marks, embeddings, overrides and isolates, and the BOM.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are escaped before reaching the terminal
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** The same, line feeds aside. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are escaped before reaching the terminal
const UNSAFE_IN_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One line of text, every unsafe character escaped (line feeds too). */
export function escapeLine(text: string): string {
  return text.replace(UNSAFE, escapeCharacter);
}

/** Text of several lines (help, a program's output): unsafe characters escaped, its line feeds kept. */
export function escapeLines(text: string): string {
  return text.replace(UNSAFE_IN_LINES, escapeCharacter);
}

/**
 * Lines another program wrote, as a block under the line before: each line escaped, the block's common
 * indentation replaced by `indent`, blank lines at its ends dropped. No line of it can start further left.
 */
export function indentBlock(text: string, indent: string): string[] {
  const lines = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => escapeLine(l).trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const common = Math.min(...lines.filter((l) => l !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => (l === '' ? '' : `${indent}${l.slice(common)}`));
}

function escapeCharacter(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * One of commander's error messages, which quote the arguments given: escaped as one line, but for the
 * `(Did you mean --image?)` line commander adds after it, made of score-ts's own option names.
 */
export function escapeCommanderError(text: string): string {
  const body = inOurWords(text.replace(/\n$/, ''));
  const hint = /\n(\(Did you mean [^\n]*\?\))$/.exec(body);
  const message = hint ? body.slice(0, hint.index) : body;
  return `${escapeLine(message)}\n${hint ? `${escapeLine(hint[1]!)}\n` : ''}`;
}

/** commander's messages that read as parser jargon, in score-ts's words (the others say it plainly). */
function inOurWords(message: string): string {
  const missingValue = /^error: option '(.+?) ([<[][^>\]]*[>\]])' argument missing$/.exec(message);
  return missingValue ? `error: ${missingValue[1]!.replace(', ', '/')} needs a value: ${missingValue[2]}` : message;
}

/** Go's `%#U` of a rune, as the lexer's error texts print it: `U+0029 ')'`, or `U+0001` when not printable. */
import { isPrint } from './unicode.js';

export function formatRuneU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(r) ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

/**
 * Go's unicode classes the engine needs. JavaScript's tables follow a newer Unicode version than Go 1.19's
 * (13.0): characters assigned since then are letters or printable here and not in Go.
 */

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint / strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return false;
  return printable.test(String.fromCodePoint(r));
}

const letter = /^\p{L}$/u;
const digit = /^\p{Nd}$/u;

/** The template lexer's isAlphaNumeric: '_', unicode.IsLetter or unicode.IsDigit. */
export function isAlphaNumeric(r: number): boolean {
  if (r < 0x80) return r === 0x5f || (r >= 0x30 && r <= 0x39) || ((r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a);
  const s = String.fromCodePoint(r);
  return letter.test(s) || digit.test(s);
}

/** unicode.IsLetter. */
export function isLetter(r: number): boolean {
  if (r < 0x80) return (r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a;
  return letter.test(String.fromCodePoint(r));
}

/**
 * Go's unicode package as sprig's string functions use it: character classes and the simple (one rune to one
 * rune) case mappings. JavaScript's toUpperCase uses full mappings (`ß` -> `SS`), so a mapping that gives
 * more than one character leaves the rune alone, and the few runes whose simple mapping differs are listed.
 * Classes come from JavaScript's Unicode tables, a newer version than Go 1.19's: runes assigned since then
 * differ.
 */

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;
const DIGIT = /^\p{Nd}$/u;
const PUNCT = /^\p{P}$/u;
const SPACE = /^\p{White_Space}$/u;

function test(re: RegExp, r: number): boolean {
  return r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff) && re.test(String.fromCodePoint(r));
}

export const isUpper = (r: number): boolean => test(UPPER, r);
export const isLower = (r: number): boolean => test(LOWER, r);
export const isTitle = (r: number): boolean => test(TITLE, r);
export const isLetter = (r: number): boolean => test(LETTER, r);
export const isNumber = (r: number): boolean => test(NUMBER, r);
export const isDigit = (r: number): boolean => test(DIGIT, r);
export const isPunct = (r: number): boolean => test(PUNCT, r);
export const isSpace = (r: number): boolean => test(SPACE, r);

/** Greek letters with ypogegrammeni: their simple upper (and title) case is the prosgegrammeni form. */
function greekUpper(r: number): number | undefined {
  if ((r >= 0x1f80 && r <= 0x1f87) || (r >= 0x1f90 && r <= 0x1f97) || (r >= 0x1fa0 && r <= 0x1fa7)) return r + 8;
  if (r === 0x1fb3 || r === 0x1fc3 || r === 0x1ff3) return r + 9;
  return undefined;
}

function single(mapped: string, r: number): number {
  const first = mapped.codePointAt(0)!;
  return mapped.length === String.fromCodePoint(first).length ? first : r;
}

/** unicode.ToUpper. */
export function toUpper(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return r;
  return greekUpper(r) ?? single(String.fromCodePoint(r).toUpperCase(), r);
}

/** unicode.ToLower. */
export function toLower(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return r;
  if (r === 0x130) return 0x69;
  return single(String.fromCodePoint(r).toLowerCase(), r);
}

/** Digraphs with a title case of their own (DŽ Dž dž, LJ Lj lj, NJ Nj nj, DZ Dz dz). */
const DIGRAPH_TITLE = new Map<number, number>([
  [0x1c4, 0x1c5],
  [0x1c5, 0x1c5],
  [0x1c6, 0x1c5],
  [0x1c7, 0x1c8],
  [0x1c8, 0x1c8],
  [0x1c9, 0x1c8],
  [0x1ca, 0x1cb],
  [0x1cb, 0x1cb],
  [0x1cc, 0x1cb],
  [0x1f1, 0x1f2],
  [0x1f2, 0x1f2],
  [0x1f3, 0x1f2],
]);

/** unicode.ToTitle: the upper case but for digraphs and Georgian Mkhedruli, which stays as it is. */
export function toTitle(r: number): number {
  const digraph = DIGRAPH_TITLE.get(r);
  if (digraph !== undefined) return digraph;
  if (r >= 0x10d0 && r <= 0x10ff) return r;
  return toUpper(r);
}

/** A string rune by rune through a mapping, as strings.Map does (lone surrogates read as U+FFFD). */
export function mapRunes(s: string, f: (r: number) => number): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    out += String.fromCodePoint(f(r >= 0xd800 && r <= 0xdfff ? 0xfffd : r));
  }
  return out;
}

/** The runes of a string ([]rune(s)). */
export function runesOf(s: string): number[] {
  return Array.from(s, (ch) => {
    const r = ch.codePointAt(0)!;
    return r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
  });
}

export function fromRunes(runes: readonly number[]): string {
  let out = '';
  for (const r of runes) out += String.fromCodePoint(r);
  return out;
}

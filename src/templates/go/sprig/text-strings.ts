/**
 * The Go standard library's string functions that sprig wraps, over JavaScript strings: TrimSpace, Trim,
 * Title, Replace, Split and SplitN by runes where Go works by runes, and byte slicing (substr, trunc) with
 * Go's panics for bounds out of range.
 */
import { GoFuncError } from '../errors.js';
import { decodeGoBytes, utf8Bytes } from '../fmt/utf8.js';
import { fromRunes, isDigit, isLetter, isSpace, mapRunes, runesOf, toTitle } from './text-unicode.js';

/** The most bytes one call may build (Go would try, and run out of memory, far beyond this). */
export const MAX_RESULT_BYTES = 64 * 1024 * 1024;

export function tooLarge(what: string, bytes: number): GoFuncError {
  return new GoFuncError(`${what} of ${bytes} bytes is larger than score-ts allows for one call (${MAX_RESULT_BYTES / 1024 / 1024} MiB)`);
}

/** strings.TrimSpace (unicode.IsSpace, which unlike JavaScript's trim keeps U+FEFF). */
export function trimSpace(s: string): string {
  const r = runesOf(s);
  let start = 0;
  let end = r.length;
  while (start < end && isSpace(r[start]!)) start++;
  while (end > start && isSpace(r[end - 1]!)) end--;
  return start === 0 && end === r.length ? s : fromRunes(r.slice(start, end));
}

/** strings.Trim: leading and trailing runes found in cutset. */
export function trim(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = new Set(runesOf(cutset));
  const r = runesOf(s);
  let start = 0;
  let end = r.length;
  while (start < end && cut.has(r[start]!)) start++;
  while (end > start && cut.has(r[end - 1]!)) end--;
  return fromRunes(r.slice(start, end));
}

/** strings.Title: the first letter of each word in title case (words end at anything but letters, digits, `_`). */
export function title(s: string): string {
  let prev = 0x20;
  return mapRunes(s, (r) => {
    const mapped = isSeparator(prev) ? toTitle(r) : r;
    prev = r;
    return mapped;
  });
}

function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    const alnum = (r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f;
    return !alnum;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

/** strings.Repeat, with Go 1.22's panics. */
export function repeat(s: string, count: bigint): string {
  if (count === 0n) return '';
  if (count < 0n) throw new GoFuncError('strings: negative Repeat count');
  const len = BigInt(utf8Bytes(s).length);
  if (len * count > (1n << 63n) - 1n) throw new GoFuncError('strings: Repeat output length overflow');
  if (len * count > BigInt(MAX_RESULT_BYTES)) throw tooLarge('strings.Repeat output', Number(len * count));
  return s.repeat(Number(count));
}

/** strings.Replace(s, old, new, -1): an empty old inserts new before every rune and at the end. */
export function replaceAll(s: string, old: string, replacement: string): string {
  if (old !== '') return s.split(old).join(replacement);
  return replacement + Array.from(s, (ch) => ch + replacement).join('');
}

/** strings.SplitN (n < 0: all; n == 0: none); an empty separator splits into runes. */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const parts = sep === '' ? Array.from(s) : s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  const head = parts.slice(0, n - 1);
  const rest = sep === '' ? parts.slice(n - 1).join('') : parts.slice(n - 1).join(sep);
  return [...head, rest];
}

/** s[from:to] over bytes with Go's bounds panics for strings. */
function sliceBytes(s: string, from: bigint | undefined, to: bigint | undefined): string {
  const b = utf8Bytes(s);
  const len = BigInt(b.length);
  const lo = from ?? 0n;
  const hi = to ?? len;
  if (to !== undefined && (hi < 0n || hi > len)) {
    throw new GoFuncError(`runtime error: slice bounds out of range [:${hi}]${hi < 0n ? '' : ` with length ${len}`}`);
  }
  if (lo < 0n || lo > hi) throw new GoFuncError(`runtime error: slice bounds out of range [${lo}:${hi}]`);
  return lo === 0n && hi === len ? s : decodeGoBytes(b.subarray(Number(lo), Number(hi)));
}

/** sprig's substr: s[:end] for a negative start, s[start:] for a negative or too large end. */
export function substring(start: bigint, end: bigint, s: string): string {
  if (start < 0n) return sliceBytes(s, undefined, end);
  if (end < 0n || end > BigInt(utf8Bytes(s).length)) return sliceBytes(s, start, undefined);
  return sliceBytes(s, start, end);
}

/** sprig's trunc: the first c bytes, or the last -c bytes for a negative c. */
export function truncate(c: bigint, s: string): string {
  const n = BigInt(utf8Bytes(s).length);
  if (c < 0n && n + c > 0n) return sliceBytes(s, n + c, undefined);
  if (c >= 0n && n > c) return sliceBytes(s, undefined, c);
  return s;
}

/** A bigint int argument as a JavaScript number (exact within ±2^53, and far beyond any length). */
export function num(n: unknown): number {
  return Number(n);
}

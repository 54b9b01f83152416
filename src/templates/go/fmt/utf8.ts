/**
 * Go strings are bytes, JavaScript strings UTF-16: lengths, widths and byte indexes are computed on the UTF-8
 * encoding (a lone surrogate counts as U+FFFD, as it becomes when written).
 */

const encoder = new TextEncoder();

/** The UTF-8 bytes of a string. */
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Go's len(s): the UTF-8 byte length. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** utf8.RuneCountInString: code points. */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The first `n` code points of a string (Go's precision truncation). */
export function truncateRunes(s: string, n: number): string {
  let i = 0;
  for (let count = 0; i < s.length && count < n; count++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1)) ? 2 : 1;
  }
  return s.slice(0, i);
}

/**
 * Bytes back to a string the way Go's writers and encoding/json see them: valid UTF-8 decoded, each byte of
 * an invalid sequence becoming one U+FFFD (utf8.DecodeRune's rule).
 */
export function decodeGoBytes(b: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const [r, size] = decodeRune(b, i);
    out += String.fromCodePoint(r);
    i += size;
  }
  return out;
}

/** utf8.DecodeRune: the rune at i and its width; (U+FFFD, 1) for an invalid sequence. */
function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i] ?? 0;
  if (c0 < 0x80) return [c0, 1];
  let need: number;
  let r: number;
  if (c0 >= 0xc2 && c0 <= 0xdf) [need, r] = [1, c0 & 0x1f];
  else if (c0 >= 0xe0 && c0 <= 0xef) [need, r] = [2, c0 & 0x0f];
  else if (c0 >= 0xf0 && c0 <= 0xf4) [need, r] = [3, c0 & 0x07];
  else return [0xfffd, 1];
  for (let k = 1; k <= need; k++) {
    const c = b[i + k];
    if (c === undefined || !continuationOk(c0, k, c)) return [0xfffd, 1];
    r = (r << 6) | (c & 0x3f);
  }
  return [r, need + 1];
}

/** The second byte's range depends on the first (no overlongs, no surrogates, nothing past U+10FFFF). */
function continuationOk(c0: number, k: number, c: number): boolean {
  if (k === 1) {
    if (c0 === 0xe0) return c >= 0xa0 && c <= 0xbf;
    if (c0 === 0xed) return c >= 0x80 && c <= 0x9f;
    if (c0 === 0xf0) return c >= 0x90 && c <= 0xbf;
    if (c0 === 0xf4) return c >= 0x80 && c <= 0x8f;
  }
  return c >= 0x80 && c <= 0xbf;
}

/** Go's string(rune): invalid code points (surrogates, beyond U+10FFFF, negative) become U+FFFD. */
export function runeToString(r: number | bigint): string {
  const n = typeof r === 'bigint' ? (r >= 0n && r <= 0x10ffffn ? Number(r) : -1) : r;
  if (n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(n);
}

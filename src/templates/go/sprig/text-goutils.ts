/**
 * Masterminds/goutils as sprig uses it: wrap, abbreviate, initials, nospace, swapcase and untitle. Several
 * work on bytes, not characters: wrap and abbrev may cut a character in two (Go writes the broken bytes; here
 * each one becomes U+FFFD, as it does in Go's JSON and in terminals), and initials and nospace read each byte
 * as a Latin-1 character ("été" -> "Ã"), bytes 0x85 and 0xA0 counting as white space.
 */
import { decodeGoBytes, utf8Bytes } from '../fmt/utf8.js';
import { isLower, isSpace, isTitle, isUpper, mapRunes, toLower, toTitle, toUpper } from './text-unicode.js';

const SPACE = 0x20;

/** goutils.WrapCustom: breaks at spaces so lines fit in `width` bytes; long words are cut when wrapLong. */
export function wrapCustom(s: string, width: number, newLine: string, wrapLong: boolean): string {
  if (s === '') return '';
  const b = utf8Bytes(s);
  const nl = utf8Bytes(newLine === '' ? '\n' : newLine);
  width = Math.max(width, 1);
  const out: number[] = [];
  const write = (from: number, to: number): void => {
    for (let i = from; i < to; i++) out.push(b[i]!);
  };
  let offset = 0;
  while (b.length - offset > width) {
    if (b[offset] === SPACE) {
      offset++;
      continue;
    }
    const space = b.subarray(offset, width + offset + 1).lastIndexOf(SPACE);
    if (space >= 0) {
      write(offset, offset + space);
      out.push(...nl);
      offset += space + 1;
    } else if (wrapLong) {
      write(offset, offset + width);
      out.push(...nl);
      offset += width;
    } else {
      const next = b.indexOf(SPACE, width + offset);
      if (next < 0) {
        write(offset, b.length);
        offset = b.length;
      } else {
        write(offset, next);
        out.push(...nl);
        offset = next + 1;
      }
    }
  }
  write(offset, b.length);
  return decodeGoBytes(Uint8Array.from(out));
}

/** goutils.AbbreviateFull, whose errors sprig ignores (an error gives ""); int arithmetic wraps as Go's does. */
export function abbreviateFull(s: string, offset: bigint, maxWidth: bigint): string {
  if (s === '') return '';
  const b = utf8Bytes(s);
  return BigInt(b.length) <= maxWidth && maxWidth >= 4n ? s : decodeGoBytes(abbreviateBytes(b, offset, maxWidth));
}

const int = (n: bigint): bigint => BigInt.asIntN(64, n);

function abbreviateBytes(b: Uint8Array, offset: bigint, maxWidth: bigint): Uint8Array {
  const n = BigInt(b.length);
  if (n === 0n || maxWidth < 4n) return new Uint8Array(0);
  if (n <= maxWidth) return b;
  if (offset > n) offset = n;
  if (int(n - offset) < int(maxWidth - 3n)) offset = int(n - int(maxWidth - 3n));
  if (offset <= 4n) return concat(b.subarray(0, Number(maxWidth - 3n)), DOTS);
  if (maxWidth < 7n) return new Uint8Array(0);
  if (int(offset + maxWidth - 3n) < n) return concat(DOTS, abbreviateBytes(b.subarray(Number(offset)), 0n, maxWidth - 3n));
  return concat(DOTS, b.subarray(Number(n - (maxWidth - 3n))));
}

const DOTS = Uint8Array.of(0x2e, 0x2e, 0x2e);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** goutils.Initials: the first byte of each white-space separated word. */
export function initials(s: string): string {
  let out = '';
  let gap = true;
  for (const byte of utf8Bytes(s)) {
    if (isSpace(byte)) gap = true;
    else if (gap) {
      out += String.fromCharCode(byte);
      gap = false;
    }
  }
  return out;
}

/** goutils.DeleteWhiteSpace: the string itself when it has no white-space byte. */
export function deleteWhiteSpace(s: string): string {
  const bytes = utf8Bytes(s);
  if (!bytes.some(isSpace)) return s;
  let out = '';
  for (const byte of bytes) if (!isSpace(byte)) out += String.fromCharCode(byte);
  return out;
}

/** goutils.SwapCase: upper and title case to lower; lower to title case after white space, else to upper. */
export function swapCase(s: string): string {
  let whitespace = true;
  return mapRunes(s, (r) => {
    if (isUpper(r) || isTitle(r)) {
      whitespace = false;
      return toLower(r);
    }
    if (isLower(r)) {
      const first = whitespace;
      whitespace = false;
      return first ? toTitle(r) : toUpper(r);
    }
    whitespace = isSpace(r);
    return r;
  });
}

/** goutils.Uncapitalize: the first letter of each white-space separated word in lower case. */
export function uncapitalize(s: string): string {
  let next = true;
  return mapRunes(s, (r) => {
    if (isSpace(r)) next = true;
    else if (next) {
      next = false;
      return toLower(r);
    }
    return r;
  });
}

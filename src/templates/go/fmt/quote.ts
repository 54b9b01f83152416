/** strconv's quoting: Quote, QuoteToASCII, QuoteRune, QuoteRuneToASCII and CanBackquote. */
import { isPrint } from './unicode.js';

const hex = '0123456789abcdef';

/** strconv.Quote (or QuoteToASCII): a double-quoted Go string literal. */
export function quote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(runeOf(ch), 0x22, asciiOnly);
  return out + '"';
}

/** strconv.QuoteRune (or QuoteRuneToASCII): a single-quoted Go character literal. */
export function quoteRune(r: number, asciiOnly = false): string {
  const valid = r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff);
  return `'${escapeRune(valid ? r : 0xfffd, 0x27, asciiOnly)}'`;
}

/** strconv.CanBackquote: no control characters but tab, no backquote, no BOM. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const r = runeOf(ch);
    if (r === 0xfeff || (r < 0x20 && r !== 0x09) || r === 0x60 || r === 0x7f) return false;
  }
  return true;
}

function runeOf(ch: string): number {
  const r = ch.codePointAt(0) ?? 0xfffd;
  return r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
}

function escapeRune(r: number, quoteChar: number, asciiOnly: boolean): string {
  if (r === quoteChar || r === 0x5c) return '\\' + String.fromCharCode(r);
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hex[r >> 4] + hex[r & 15];
  if (r < 0x10000) return '\\u' + r.toString(16).padStart(4, '0');
  return '\\U' + r.toString(16).padStart(8, '0');
}

/**
 * sprig's b64enc b64dec b32enc b32dec: standard alphabets with padding, over the string's UTF-8 bytes. The
 * decoders are Go's (newlines skipped, padding checked, the error text `illegal base64 data at input byte N`
 * returned as the result, as sprig does); decoded bytes that are not UTF-8 read as U+FFFD each.
 */
import { decodeGoBytes } from '../fmt/utf8.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

class CorruptInput extends Error {
  constructor(offset: number, kind: string) {
    super(`illegal ${kind} data at input byte ${offset}`);
  }
}

function decodeMap(alphabet: string): Int16Array {
  const map = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) map[alphabet.charCodeAt(i)] = i;
  return map;
}

const B64_MAP = decodeMap(B64);
const B32_MAP = decodeMap(B32);
const isNewline = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;

/** base64.StdEncoding.DecodeString. */
export function base64Decode(s: string): Uint8Array {
  const src = Buffer.from(s, 'utf8');
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const quantum: number[] = [];
    let done = false;
    while (quantum.length < 4 && !done) {
      if (si === src.length) {
        if (quantum.length === 0) return Uint8Array.from(out);
        throw new CorruptInput(si - quantum.length, 'base64');
      }
      const c = src[si++]!;
      if (B64_MAP[c]! >= 0) quantum.push(B64_MAP[c]!);
      else if (isNewline(c)) continue;
      else if (c !== 0x3d || quantum.length < 2) throw new CorruptInput(si - 1, 'base64');
      else {
        si = base64Padding(src, si, quantum.length);
        done = true;
      }
    }
    const v = quantum.reduce((acc, x) => (acc << 6) | x, 0) << (6 * (4 - quantum.length));
    for (let i = 0; i < quantum.length - 1; i++) out.push((v >> (16 - 8 * i)) & 0xff);
  }
  return Uint8Array.from(out);
}

/** After the first '=' of a quantum holding `have` symbols: the rest of the padding, then only newlines. */
function base64Padding(src: Buffer, start: number, have: number): number {
  let si = start;
  if (have === 2) {
    while (si < src.length && isNewline(src[si])) si++;
    if (si === src.length) throw new CorruptInput(src.length, 'base64');
    if (src[si] !== 0x3d) throw new CorruptInput(si - 1, 'base64');
    si++;
  }
  while (si < src.length && isNewline(src[si])) si++;
  if (si < src.length) throw new CorruptInput(si, 'base64');
  return si;
}

/** base32.StdEncoding.DecodeString (newlines removed first; what follows valid padding is ignored, as in Go). */
function base32Decode(s: string): Uint8Array {
  const src = Buffer.from(s, 'utf8').filter((b) => !isNewline(b));
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const quantum: number[] = [];
    let end = false;
    while (quantum.length < 8 && !end) {
      if (si === src.length) throw new CorruptInput(si - quantum.length, 'base32');
      const c = src[si++]!;
      const left = src.length - si;
      if (c === 0x3d && quantum.length >= 2 && left < 8) {
        base32Padding(src, si, quantum.length);
        end = true;
      } else if (B32_MAP[c]! < 0) throw new CorruptInput(si - 1, 'base32');
      else quantum.push(B32_MAP[c]!);
    }
    const bits = quantum.reduce((acc, x) => (acc << 5n) | BigInt(x), 0n) << BigInt(5 * (8 - quantum.length));
    const bytes = [8, 7, 5, 4, 2].indexOf(quantum.length);
    for (let i = 0; i < 5 - bytes; i++) out.push(Number((bits >> BigInt(32 - 8 * i)) & 0xffn));
    if (end) break;
  }
  return Uint8Array.from(out);
}

function base32Padding(src: Uint8Array, si: number, have: number): void {
  const left = src.length - si;
  if (left + have < 7) throw new CorruptInput(src.length, 'base32');
  for (let k = 0; k < 7 - have; k++) {
    if (left > k && src[si + k] !== 0x3d) throw new CorruptInput(si + k - 1, 'base32');
  }
  if (have === 1 || have === 3 || have === 6) throw new CorruptInput(si - 1, 'base32');
}

function base32Encode(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    const bits = [...chunk].reduce((acc, b) => (acc << 8n) | BigInt(b), 0n) << BigInt(8 * (5 - chunk.length));
    const symbols = Math.ceil((chunk.length * 8) / 5);
    for (let j = 0; j < 8; j++) out += j < symbols ? B32[Number((bits >> BigInt(35 - 5 * j)) & 31n)] : '=';
  }
  return out;
}

/** sprig returns a decoder's error text as the result. */
function decoded(decode: (s: string) => Uint8Array, s: string): string {
  try {
    return decodeGoBytes(decode(s));
  } catch (e) {
    if (e instanceof CorruptInput) return e.message;
    throw e;
  }
}

export const ENCODING_FUNCS: Readonly<Record<string, GoFunc>> = {
  b64enc: goFunc([T.string], T.string, ([s]) => Buffer.from(s as string, 'utf8').toString('base64')),
  b64dec: goFunc([T.string], T.string, ([s]) => decoded(base64Decode, s as string)),
  b32enc: goFunc([T.string], T.string, ([s]) => base32Encode(s as string)),
  b32dec: goFunc([T.string], T.string, ([s]) => decoded(base32Decode, s as string)),
};

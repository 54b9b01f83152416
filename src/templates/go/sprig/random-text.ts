/**
 * sprig's random strings (randAlphaNum, randAlpha, randNumeric, randAscii) and shuffle, drawn from the run's
 * random source instead of Go's global one: the system's cryptographic source, or the SCORE_TS_SEED stream
 * when a seed is set, so seeded runs give the same bytes every time. The alphabets are goutils': letters and
 * digits of ASCII, and ASCII 32 to 126 for randAscii; a count below 1 gives "".
 */
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import type { RandomSource } from '../../../base/random.js';
import { MAX_RESULT_BYTES, num, tooLarge } from './text-strings.js';
import { fromRunes, runesOf } from './text-unicode.js';

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** A uniform integer in [0, n) (rejection sampling over 32-bit draws: no modulo bias). */
function randomBelow(source: RandomSource, n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const x = source.bytes(4).readUInt32BE(0);
    if (x < limit) return x % n;
  }
}

/** `count` characters drawn uniformly from an alphabet of at most 256. */
function randomText(source: RandomSource, count: number, alphabet: string): string {
  if (count < 1) return '';
  if (count > MAX_RESULT_BYTES) throw tooLarge('a random string', count);
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < count) {
    for (const byte of source.bytes(Math.max(16, (count - out.length) * 2))) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === count) break;
    }
  }
  return out;
}

/** xstrings.Shuffle: the runes in a random order (Fisher-Yates from the end). */
export function shuffle(source: RandomSource, s: string): string {
  const runes = runesOf(s);
  for (let i = runes.length - 1; i > 0; i--) {
    const j = randomBelow(source, i + 1);
    [runes[i], runes[j]] = [runes[j]!, runes[i]!];
  }
  return fromRunes(runes);
}

/** The functions that need the run's random source. */
export function randomTextFuncs(source: RandomSource): Record<string, GoFunc> {
  const rand = (alphabet: string): GoFunc => goFunc([T.int], T.string, ([count]) => randomText(source, num(count), alphabet));
  return {
    randAlphaNum: rand(DIGITS + LETTERS),
    randAlpha: rand(LETTERS),
    randNumeric: rand(DIGITS),
    randAscii: rand(ASCII),
    shuffle: goFunc([T.string], T.string, ([s]) => shuffle(source, s as string)),
  };
}

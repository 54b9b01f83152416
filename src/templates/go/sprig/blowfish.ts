/**
 * The Blowfish cipher as bcrypt uses it (golang.org/x/crypto/blowfish: ExpandKey, the salted expansion and
 * block encryption). Its initial P-array and S-boxes are the hexadecimal digits of pi's fraction; rather
 * than a 4 KiB table they are computed once, on first use (about 0.1 s, by Machin's formula in BigInt).
 */

export interface BlowfishState {
  readonly p: Uint32Array;
  readonly s: readonly [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
}

const WORDS = 18 + 4 * 256;
let piWords: Uint32Array | undefined;

/** The first 1042 32-bit words of pi's fraction. */
function piFraction(): Uint32Array {
  if (piWords) return piWords;
  const bits = BigInt(WORDS * 32 + 64);
  const one = 1n << bits;
  const arctanInverse = (x: bigint): bigint => {
    const x2 = x * x;
    let term = one / x;
    let sum = term;
    for (let n = 1n, sign = -1n; term !== 0n; n++, sign = -sign) {
      term /= x2;
      sum += (sign * term) / (2n * n + 1n);
    }
    return sum;
  };
  const pi = 16n * arctanInverse(5n) - 4n * arctanInverse(239n);
  const hex = ((pi - 3n * one) >> 64n).toString(16).padStart(WORDS * 8, '0');
  piWords = Uint32Array.from({ length: WORDS }, (_, i) => parseInt(hex.slice(i * 8, i * 8 + 8), 16));
  return piWords;
}

export function initialState(): BlowfishState {
  const words = piFraction();
  const box = (i: number): Uint32Array => words.slice(18 + 256 * i, 18 + 256 * (i + 1));
  return { p: words.slice(0, 18), s: [box(0), box(1), box(2), box(3)] };
}

/** One 64-bit block, as two words (Go's encryptBlock returns them swapped back). */
export function encryptBlock(c: BlowfishState, l: number, r: number): [number, number] {
  const [s0, s1, s2, s3] = c.s;
  const f = (x: number): number => ((((s0[x >>> 24]! + s1[(x >>> 16) & 0xff]!) >>> 0) ^ s2[(x >>> 8) & 0xff]!) + s3[x & 0xff]!) >>> 0;
  let xl = (l ^ c.p[0]!) >>> 0;
  let xr = r >>> 0;
  for (let i = 1; i <= 16; i += 2) {
    xr = (xr ^ f(xl) ^ c.p[i]!) >>> 0;
    xl = (xl ^ f(xr) ^ c.p[i + 1]!) >>> 0;
  }
  xr = (xr ^ c.p[17]!) >>> 0;
  return [xr, xl];
}

/** The next big-endian word of a key or salt, cycling through it. */
function nextWord(bytes: Uint8Array, at: { j: number }): number {
  let w = 0;
  for (let k = 0; k < 4; k++) {
    w = ((w << 8) | bytes[at.j]!) >>> 0;
    at.j = (at.j + 1) % bytes.length;
  }
  return w;
}

/** blowfish.ExpandKey, or the salted expansion when a salt is given. */
export function expandKey(c: BlowfishState, key: Uint8Array, salt?: Uint8Array): void {
  const k = { j: 0 };
  for (let i = 0; i < 18; i++) c.p[i] = (c.p[i]! ^ nextWord(key, k)) >>> 0;
  const sj = { j: 0 };
  let l = 0;
  let r = 0;
  for (const table of [c.p, ...c.s]) {
    for (let i = 0; i < table.length; i += 2) {
      if (salt) {
        l = (l ^ nextWord(salt, sj)) >>> 0;
        r = (r ^ nextWord(salt, sj)) >>> 0;
      }
      [l, r] = encryptBlock(c, l, r);
      table[i] = l;
      table[i + 1] = r;
    }
  }
}

/**
 * Random values for provisioners. From the system's cryptographic source by default (system-random.ts); when
 * a secret seed is given (CI without state), derived from it with HMAC-SHA256 so two runs give the same values.
 */
import { nodeCrypto } from './node-crypto.js';
import { systemRandomBytes } from './system-random.js';

export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface RandomSource {
  /** `count` random bytes. */
  bytes(count: number): Buffer;
}

const CRYPTO_RANDOM: RandomSource = { bytes: systemRandomBytes };

export function cryptoRandom(): RandomSource {
  return CRYPTO_RANDOM;
}

/** A deterministic stream for one resource: the same seed and scope give the same bytes. */
export function seededRandom(seed: string, scope: string): RandomSource {
  let counter = 0;
  return {
    bytes(count) {
      const chunks: Buffer[] = [];
      let total = 0;
      while (total < count) {
        const chunk = nodeCrypto().createHmac('sha256', seed).update(`${scope}\u0000${counter++}`).digest();
        chunks.push(chunk);
        total += chunk.length;
      }
      return Buffer.concat(chunks).subarray(0, count);
    },
  };
}

/** A uniformly random string over `alphabet` (rejection sampling: no modulo bias). */
export function randomString(source: RandomSource, length: number, alphabet = ALPHANUMERIC): string {
  if (!Number.isInteger(length) || length < 1 || length > 4096) throw new RangeError(`length must be 1..4096, got ${length}`);
  const symbols = Array.from(alphabet); // code points, so emoji are not split
  if (symbols.length < 2 || symbols.length > 256) throw new RangeError('the alphabet needs 2 to 256 characters');
  const limit = 256 - (256 % symbols.length);
  const out: string[] = [];
  while (out.length < length) {
    for (const byte of source.bytes(length * 2)) {
      if (byte < limit) out.push(symbols[byte % symbols.length]!);
      if (out.length === length) break;
    }
  }
  return out.join('');
}

/** An RFC 4122 version-4 UUID from the source. */
export function randomUuid(source: RandomSource): string {
  const b = source.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

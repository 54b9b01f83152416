/**
 * sprig's hashes of a string's UTF-8 bytes: sha1sum sha256sum sha512sum (hex; sha512sum is new in sprig
 * 3.3.0) and adler32sum (the checksum in decimal).
 */
import { nodeCrypto } from '../../../base/node-crypto.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';

function hexDigest(algorithm: string): GoFunc {
  return goFunc([T.string], T.string, ([s]) =>
    nodeCrypto()
      .createHash(algorithm)
      .update(s as string, 'utf8')
      .digest('hex'),
  );
}

/** Adler-32 (RFC 1950). */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i += 5552) {
    for (const x of bytes.subarray(i, i + 5552)) {
      a += x;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return b * 65536 + a;
}

export const HASH_FUNCS: Readonly<Record<string, GoFunc>> = {
  sha1sum: hexDigest('sha1'),
  sha256sum: hexDigest('sha256'),
  sha512sum: hexDigest('sha512'),
  adler32sum: goFunc([T.string], T.string, ([s]) => String(adler32(Buffer.from(s as string, 'utf8')))),
};

/**
 * sprig's hermetic crypto: derivePassword (the Master Password algorithm: scrypt, then HMAC-SHA256 picking
 * from a template; the same inputs always give the same password), and encryptAES/decryptAES (AES-256-CBC
 * with PKCS#7 padding, the key being the password's bytes zero-padded or cut to 32, the IV from the run's
 * random source and sent first, all base64). decryptAES fails with Go's runtime panics on malformed input.
 */
import { nodeCrypto } from '../../../base/node-crypto.js';
import { GoFuncError } from '../errors.js';
import { decodeGoBytes } from '../fmt/utf8.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import type { RandomSource } from '../../../base/random.js';
import { base64Decode } from './encoding.js';

const SEED = 'com.lyndir.masterpassword';

const TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const CHARACTERS: Readonly<Record<string, string>> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

/** The seed, a big-endian uint32 length and the bytes of `s`. */
function scoped(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([Buffer.from(SEED), length, bytes]);
}

function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = TEMPLATES[type];
  if (!templates) return `cannot find password template ${type}`;
  const crypto = nodeCrypto();
  const key = crypto.scryptSync(Buffer.from(password, 'utf8'), scoped(user), 64, { N: 32768, r: 8, p: 2, maxmem: 64 * 1024 * 1024 });
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  const seed = crypto
    .createHmac('sha256', key)
    .update(Buffer.concat([scoped(site), count]))
    .digest();
  const template = templates[seed[0]! % templates.length]!;
  return [...template]
    .map((element, i) => {
      const chars = CHARACTERS[element]!;
      return chars[seed[i + 1]! % chars.length];
    })
    .join('');
}

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key, 0, 0, 32);
  return key;
}

function encryptAES(random: RandomSource, password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const content = Buffer.from(plaintext, 'utf8');
  const padding = 16 - (content.length % 16);
  const iv = random.bytes(16);
  const cipher = nodeCrypto().createCipheriv('aes-256-cbc', aesKey(password), iv).setAutoPadding(false);
  const body = Buffer.concat([cipher.update(Buffer.concat([content, Buffer.alloc(padding, padding)])), cipher.final()]);
  return Buffer.concat([iv, body]).toString('base64');
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  let crypt: Uint8Array;
  try {
    crypt = base64Decode(crypt64);
  } catch (e) {
    throw new GoFuncError((e as Error).message);
  }
  if (crypt.length < 16) throw new GoFuncError(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new GoFuncError('crypto/cipher: input not full blocks');
  if (body.length === 0) throw new GoFuncError('runtime error: index out of range [-1]');
  const decipher = nodeCrypto().createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  const end = plain.length - plain[plain.length - 1]!;
  if (end < 0) throw new GoFuncError(`runtime error: slice bounds out of range [:${end}]`);
  return decodeGoBytes(plain.subarray(0, end));
}

export function cryptoFuncs(random: RandomSource): Record<string, GoFunc> {
  return {
    derivePassword: goFunc([T.uint32, T.string, T.string, T.string, T.string], T.string, ([c, t, p, u, s]) =>
      derivePassword(Number((c as { v: bigint }).v), t as string, p as string, u as string, s as string),
    ),
    encryptAES: goFunc([T.string, T.string], T.string, ([p, s]) => encryptAES(random, p as string, s as string), { canFail: true }),
    decryptAES: goFunc([T.string, T.string], T.string, ([p, s]) => decryptAES(p as string, s as string), { canFail: true }),
  };
}

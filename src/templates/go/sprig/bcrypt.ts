/**
 * bcrypt (the $2a$ form of golang.org/x/crypto/bcrypt, cost 10 as sprig uses it) and sprig's htpasswd; the
 * salt comes from the run's random source. Passwords over 72 bytes are refused, as x/crypto does since 2024
 * (sprig 3.3.0 returns the error text as the result).
 */
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import type { RandomSource } from '../../../base/random.js';
import { encryptBlock, expandKey, initialState } from './blowfish.js';

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MAGIC = Buffer.from('OrpheanBeholderScryDoubt');
const DEFAULT_COST = 10;

/** bcrypt's base64: its own alphabet, no padding. */
function bcryptBase64(bytes: Uint8Array): string {
  const std = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
  const from = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return [...std].map((c) => ALPHABET[from.indexOf(c)]).join('');
}

/** The $2a$ hash of a password with a given 16-byte salt and cost. */
export function bcryptHash(password: Uint8Array, salt: Uint8Array, cost: number): string {
  const key = Buffer.concat([password, Buffer.from([0])]);
  const state = initialState();
  expandKey(state, key, salt);
  for (let i = 0; i < 2 ** cost; i++) {
    expandKey(state, key);
    expandKey(state, salt);
  }
  const data = Buffer.from(MAGIC);
  for (let i = 0; i < 24; i += 8) {
    let [l, r] = [data.readUInt32BE(i), data.readUInt32BE(i + 4)];
    for (let j = 0; j < 64; j++) [l, r] = encryptBlock(state, l, r);
    data.writeUInt32BE(l, i);
    data.writeUInt32BE(r, i + 4);
  }
  return `$2a$${String(cost).padStart(2, '0')}$${bcryptBase64(salt)}${bcryptBase64(data.subarray(0, 23))}`;
}

function bcrypt(random: RandomSource, input: string): string {
  const password = Buffer.from(input, 'utf8');
  if (password.length > 72) return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  return bcryptHash(password, random.bytes(16), DEFAULT_COST);
}

export function bcryptFuncs(random: RandomSource): Record<string, GoFunc> {
  return {
    bcrypt: goFunc([T.string], T.string, ([s]) => bcrypt(random, s as string)),
    htpasswd: goFunc([T.string, T.string], T.string, ([user, password]) =>
      (user as string).includes(':') ? `invalid username: ${user as string}` : `${user as string}:${bcrypt(random, password as string)}`,
    ),
  };
}

/**
 * sprig's uuidv4, randBytes and randInt, from the run's random source (seeded under SCORE_TS_SEED, so
 * reproducible; the system's cryptographic generator otherwise), never from a global generator.
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import { randomUuid, type RandomSource } from '../../../base/random.js';

/** randBytes refuses more than this (a template asking for more is broken; Go would try). */
const MAX_RANDOM_BYTES = 1 << 20;

function randBytes(random: RandomSource, count: bigint): string {
  if (count < 0n) throw new GoFuncError('runtime error: makeslice: len out of range');
  if (count > BigInt(MAX_RANDOM_BYTES)) throw new GoFuncError(`randBytes: ${count} bytes is more than the ${MAX_RANDOM_BYTES} allowed`);
  return count === 0n ? '' : random.bytes(Number(count)).toString('base64');
}

/** A uniform integer in [0, n) from 63-bit draws (rejection sampling, as math/rand's Int63n). */
function uniformBelow(random: RandomSource, n: bigint): bigint {
  const limit = (1n << 63n) - ((1n << 63n) % n);
  for (;;) {
    const draw = random.bytes(8).readBigUInt64BE() >> 1n;
    if (draw < limit) return draw % n;
  }
}

/** randInt min max: min + a uniform integer below max-min (int arithmetic wraps, as in Go). */
function randInt(random: RandomSource, min: bigint, max: bigint): bigint {
  const n = BigInt.asIntN(64, max - min);
  if (n <= 0n) throw new GoFuncError('invalid argument to Intn');
  return BigInt.asIntN(64, uniformBelow(random, n) + min);
}

export function randomFuncs(random: RandomSource): Record<string, GoFunc> {
  return {
    uuidv4: goFunc([], T.string, () => randomUuid(random)),
    randBytes: goFunc([T.int], T.string, ([n]) => randBytes(random, n as bigint), { canFail: true }),
    randInt: goFunc([T.int, T.int], T.int, ([min, max]) => randInt(random, min as bigint, max as bigint)),
  };
}

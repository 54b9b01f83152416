/**
 * One half of sprig (v3.3.0, as score-k8s links it): integer and float math, encoding, hashes, regular
 * expressions, semver, dates, URLs, uuid and random values, and the hermetic crypto functions. Functions
 * that need the outside world take it from the context: the run's random source and clock, so that
 * SCORE_TS_SEED and a fixed clock make output reproducible; none reads the environment, the network or the
 * system clock. Key and certificate generation and getHostByName are declared but fail when called
 * (unsupported.ts), so that files mentioning them parse as in score-k8s.
 */
import type { GoFunc } from '../funcs.js';
import type { RandomSource } from '../../../base/random.js';
import { bcryptFuncs } from './bcrypt.js';
import { cryptoFuncs } from './crypto.js';
import { dateFuncs } from './dates.js';
import { ENCODING_FUNCS } from './encoding.js';
import { FLOAT_MATH_FUNCS } from './float-math.js';
import { HASH_FUNCS } from './hashes.js';
import { MATH_FUNCS } from './math.js';
import { REGEX_FUNCS } from './regex.js';
import { randomFuncs } from './random-values.js';
import { SEMVER_FUNCS } from './semver.js';
import { UNSUPPORTED_FUNCS } from './unsupported.js';
import { URL_FUNCS } from './urls.js';

export interface SprigDataContext {
  /** The run's random source (uuidv4, randBytes, randInt, encryptAES's IV, bcrypt's salt). */
  readonly random: RandomSource;
  /** The run's clock, in nanoseconds since the Unix epoch (now, ago, and dates of values that are not times). */
  readonly now: () => bigint;
  /** The IANA zone Go's time.Local stands for (default "UTC", so output does not depend on the machine). */
  readonly localZone?: string;
}

/** sprig's data functions by name, bound to a run's random source and clock. */
export function sprigDataFuncs(ctx: SprigDataContext): Record<string, GoFunc> {
  return {
    ...MATH_FUNCS,
    ...FLOAT_MATH_FUNCS,
    ...ENCODING_FUNCS,
    ...HASH_FUNCS,
    ...REGEX_FUNCS,
    ...SEMVER_FUNCS,
    ...URL_FUNCS,
    ...randomFuncs(ctx.random),
    ...cryptoFuncs(ctx.random),
    ...bcryptFuncs(ctx.random),
    ...dateFuncs(ctx.now, ctx.localZone),
    ...UNSUPPORTED_FUNCS,
  };
}

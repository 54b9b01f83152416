/**
 * The text half of sprig's function map: strings, lists, dicts, defaults and flow control, conversions,
 * reflection and paths (the other half, sprig's math, encodings, regex, semver, hashes, crypto, uuid, dates
 * and URLs, has its own registry).
 *
 * SPRIG_TEXT_FUNCS is hermetic: the same call gives the same result. sprigTextFuncs(ctx) adds the random
 * ones (randAlphaNum, randAlpha, randNumeric, randAscii, shuffle), drawn from the run's random source.
 * Left out on purpose: env and expandenv (a template must not read score-ts's environment: secrets live
 * there, and a file must render the same everywhere).
 */
import type { GoFunc } from '../funcs.js';
import type { RandomSource } from '../../../base/random.js';
import { CONVERSION_FUNCS } from './conversion.js';
import { DEFAULT_FUNCS } from './defaults.js';
import { DICT_FUNCS } from './dicts.js';
import { LIST_FUNCS } from './lists.js';
import { PATH_FUNCS } from './paths.js';
import { randomTextFuncs } from './random-text.js';
import { REFLECTION_FUNCS } from './reflection.js';
import { STRING_LIST_FUNCS } from './string-lists.js';
import { STRING_FUNCS } from './strings.js';

const SPRIG_TEXT_FUNCS: Readonly<Record<string, GoFunc>> = {
  ...STRING_FUNCS,
  ...STRING_LIST_FUNCS,
  ...LIST_FUNCS,
  ...DICT_FUNCS,
  ...DEFAULT_FUNCS,
  ...CONVERSION_FUNCS,
  ...REFLECTION_FUNCS,
  ...PATH_FUNCS,
};

/** What the random functions draw from: the run's seeded or cryptographic source. */
export interface SprigTextContext {
  readonly random: RandomSource;
}

/** Every function of this half, the random ones bound to the run's source. */
export function sprigTextFuncs(ctx: SprigTextContext): Record<string, GoFunc> {
  return { ...SPRIG_TEXT_FUNCS, ...randomTextFuncs(ctx.random) };
}

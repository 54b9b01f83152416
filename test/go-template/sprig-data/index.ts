/** Every table of sprig's data functions, by name. */
import { CRYPTO_ROWS } from './crypto.js';
import { DATE_ROWS } from './dates.js';
import { ENCODING_ROWS } from './encoding.js';
import { MATH_ROWS } from './math.js';
import { REGEX_ROWS } from './regex.js';
import type { DataRow } from './row.js';
import { SEMVER_ROWS } from './semver.js';
import { URL_ROWS } from './urls.js';

export const SPRIG_DATA_TABLES: Readonly<Record<string, readonly DataRow[]>> = {
  math: MATH_ROWS,
  encoding: ENCODING_ROWS,
  regex: REGEX_ROWS,
  semver: SEMVER_ROWS,
  dates: DATE_ROWS,
  urls: URL_ROWS,
  crypto: CRYPTO_ROWS,
};

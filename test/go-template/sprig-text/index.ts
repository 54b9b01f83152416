/** Every table of sprig's text functions, by group. */
import { CONVERSION_ROWS } from './conversion.js';
import { DEFAULTS_ROWS } from './defaults.js';
import { DICTS_ROWS } from './dicts.js';
import { LISTS_ROWS } from './lists.js';
import { PATHS_ROWS } from './paths.js';
import { REFLECTION_ROWS } from './reflection.js';
import type { SprigRow } from './row.js';
import { STRINGS_ROWS } from './strings.js';

export const SPRIG_TEXT_TABLES: Readonly<Record<string, readonly SprigRow[]>> = {
  strings: STRINGS_ROWS,
  lists: LISTS_ROWS,
  dicts: DICTS_ROWS,
  defaults: DEFAULTS_ROWS,
  conversion: CONVERSION_ROWS,
  reflection: REFLECTION_ROWS,
  paths: PATHS_ROWS,
};

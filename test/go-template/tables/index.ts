/** Every table, by name. */
import type { Row } from '../support/table.js';
import { actionRows } from './actions.js';
import { builtinRows } from './builtins.js';
import { errorRows } from './errors.js';
import { printfRows } from './printf.js';
import { valueRows } from './values.js';

export const TABLES: Readonly<Record<string, readonly Row[]>> = {
  actions: actionRows,
  builtins: builtinRows,
  printf: printfRows,
  errors: errorRows,
  values: valueRows,
};

/** The predefined functions of text/template, with Go's signatures (reflect.Value where Go takes any value). */
import { eq, le, lt } from './compare.js';
import { htmlEscape, jsEscape, textOf, urlQueryEscape } from './escape.js';
import { sprint, sprintf, sprintln } from './fmt/print.js';
import { goFunc, rawFunc, type GoFunc } from './funcs.js';
import { T } from './go-types.js';
import { call, index, length, slice } from './index-slice.js';
import { truth } from './reflect.js';

function unreachable(): never {
  throw new Error('and/or are evaluated by the executor');
}

const variadic = { variadic: true };

export const BUILTINS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['and', rawFunc(2, true, T.reflectValue, unreachable, false)],
  ['or', rawFunc(2, true, T.reflectValue, unreachable, false)],
  ['not', rawFunc(1, false, T.bool, ([a]) => !truth(a), false)],
  ['len', rawFunc(1, false, T.int, length)],
  ['index', rawFunc(2, true, T.reflectValue, index)],
  ['slice', rawFunc(2, true, T.reflectValue, slice)],
  ['call', rawFunc(2, true, T.reflectValue, call)],
  ['eq', rawFunc(2, true, T.bool, eq)],
  ['ne', rawFunc(2, false, T.bool, ([a, b]) => !eq([a, b]))],
  ['lt', rawFunc(2, false, T.bool, ([a, b]) => lt(a, b))],
  ['le', rawFunc(2, false, T.bool, ([a, b]) => le(a, b))],
  ['gt', rawFunc(2, false, T.bool, ([a, b]) => !le(a, b))],
  ['ge', rawFunc(2, false, T.bool, ([a, b]) => !lt(a, b))],
  ['print', goFunc([T.any], T.string, (args) => sprint(args), variadic)],
  ['printf', goFunc([T.string, T.any], T.string, ([format, ...args]) => sprintf(format as string, args), variadic)],
  ['println', goFunc([T.any], T.string, (args) => sprintln(args), variadic)],
  ['html', goFunc([T.any], T.string, (args) => htmlEscape(textOf(args)), variadic)],
  ['js', goFunc([T.any], T.string, (args) => jsEscape(textOf(args)), variadic)],
  ['urlquery', goFunc([T.any], T.string, (args) => urlQueryEscape(textOf(args)), variadic)],
]);

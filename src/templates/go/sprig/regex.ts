/**
 * sprig's regular expressions, RE2 syntax and semantics (Go's regexp, here on re2js). A bad pattern makes
 * regexMatch false, the must* forms return Go's compile error, and the others panic with MustCompile's text
 * (both end the template with `error calling NAME: ...`).
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T, sliceOf } from '../go-types.js';
import { sliceValue, type GoValue } from '../values.js';
import {
  compileRegexp,
  findAllString,
  findString,
  mustCompileMessage,
  quoteMeta,
  RegexpSyntaxError,
  replaceAll,
  split,
  type GoRegexp,
} from './go-regexp.js';

const strings = sliceOf(T.string);
const canFail = { canFail: true };

/** regexp.MustCompile: a bad pattern panics. */
function mustCompile(expr: string): GoRegexp {
  try {
    return compileRegexp(expr);
  } catch (e) {
    if (e instanceof RegexpSyntaxError) throw new GoFuncError(mustCompileMessage(expr, e));
    throw e;
  }
}

/** regexp.Compile for the must* forms: a bad pattern is the call's error. */
function compile(expr: string): GoRegexp {
  try {
    return compileRegexp(expr);
  } catch (e) {
    if (e instanceof RegexpSyntaxError) throw new GoFuncError(e.message);
    throw e;
  }
}

const stringList = (items: string[] | null): GoValue => sliceValue(strings, items);

type Compiler = (expr: string) => GoRegexp;

/** The functions that take (regex, s, ...) and differ only in how a bad pattern fails. */
function regexFuncs(prefix: string, compiler: Compiler, fail: { canFail?: boolean }): Record<string, GoFunc> {
  const [find, findAll, replace, replaceLiteral, splitName] = ['Find', 'FindAll', 'ReplaceAll', 'ReplaceAllLiteral', 'Split'].map(
    (n) => prefix + n,
  );
  return {
    [findAll!]: goFunc(
      [T.string, T.string, T.int],
      strings,
      ([r, s, n]) => stringList(findAllString(compiler(r as string), s as string, Number(n))),
      fail,
    ),
    [find!]: goFunc([T.string, T.string], T.string, ([r, s]) => findString(compiler(r as string), s as string), fail),
    [replace!]: goFunc(
      [T.string, T.string, T.string],
      T.string,
      ([r, s, x]) => replaceAll(compiler(r as string), s as string, x as string, false),
      fail,
    ),
    [replaceLiteral!]: goFunc(
      [T.string, T.string, T.string],
      T.string,
      ([r, s, x]) => replaceAll(compiler(r as string), s as string, x as string, true),
      fail,
    ),
    [splitName!]: goFunc(
      [T.string, T.string, T.int],
      strings,
      ([r, s, n]) => stringList(split(compiler(r as string), s as string, Number(n))),
      fail,
    ),
  };
}

function regexMatch(expr: string, s: string): boolean {
  try {
    return compileRegexp(expr).program.match(s);
  } catch (e) {
    if (e instanceof RegexpSyntaxError) return false;
    throw e;
  }
}

export const REGEX_FUNCS: Readonly<Record<string, GoFunc>> = {
  regexMatch: goFunc([T.string, T.string], T.bool, ([r, s]) => regexMatch(r as string, s as string)),
  mustRegexMatch: goFunc([T.string, T.string], T.bool, ([r, s]) => compile(r as string).program.match(s as string), canFail),
  ...regexFuncs('regex', mustCompile, {}),
  ...regexFuncs('mustRegex', compile, canFail),
  regexQuoteMeta: goFunc([T.string], T.string, ([s]) => quoteMeta(s as string)),
};

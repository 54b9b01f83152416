/**
 * sprig's string functions, declared with their Go signatures (so the engine converts and checks arguments as
 * Go does). Pipeline-friendly argument order is sprig's: `"$x" | trimPrefix "$"`, `"foo" | repeat 3`.
 */
import { sprintf } from '../fmt/print.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import type { GoValue } from '../values.js';
import { abbreviateFull, deleteWhiteSpace, initials, swapCase, uncapitalize, wrapCustom } from './text-goutils.js';
import { num, replaceAll, repeat, substring, title, trim, trimSpace, truncate } from './text-strings.js';
import { mapRunes, toLower, toUpper } from './text-unicode.js';
import { strval } from './text-values.js';
import { toConnectorCase, toPascalCase } from './text-word-case.js';

const { string: str, int, bool, any } = T;
const variadic = { variadic: true };

const s1 = (f: (s: string) => GoValue): GoFunc => goFunc([str], str, ([s]) => f(s as string));
const s2 = (result: typeof str, f: (a: string, b: string) => GoValue): GoFunc =>
  goFunc([str, str], result, ([a, b]) => f(a as string, b as string));

export const STRING_FUNCS: Readonly<Record<string, GoFunc>> = {
  hello: goFunc([], str, () => 'Hello!'),
  abbrev: goFunc([int, str], str, ([w, s]) => ((w as bigint) < 4n ? s! : abbreviateFull(s as string, 0n, w as bigint))),
  abbrevboth: goFunc([int, int, str], str, ([l, r, s]) => {
    const [left, right] = [l as bigint, r as bigint];
    return right < 4n || (left > 0n && right < 7n) ? s! : abbreviateFull(s as string, left, right);
  }),
  trunc: goFunc([int, str], str, ([c, s]) => truncate(c as bigint, s as string)),
  trim: s1(trimSpace),
  upper: s1((s) => mapRunes(s, toUpper)),
  lower: s1((s) => mapRunes(s, toLower)),
  title: s1(title),
  untitle: s1(uncapitalize),
  substr: goFunc([int, int, str], str, ([a, b, s]) => substring(a as bigint, b as bigint, s as string)),
  repeat: goFunc([int, str], str, ([count, s]) => repeat(s as string, count as bigint)),
  trimall: s2(str, (a, b) => trim(b, a)),
  trimAll: s2(str, (a, b) => trim(b, a)),
  trimSuffix: s2(str, (a, b) => (a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
  trimPrefix: s2(str, (a, b) => (a !== '' && b.startsWith(a) ? b.slice(a.length) : b)),
  nospace: s1(deleteWhiteSpace),
  initials: s1(initials),
  swapcase: s1(swapCase),
  snakecase: s1((s) => toConnectorCase(s, '_')),
  camelcase: s1(toPascalCase),
  kebabcase: s1((s) => toConnectorCase(s, '-')),
  wrap: goFunc([int, str], str, ([l, s]) => wrapCustom(s as string, num(l), '', false)),
  wrapWith: goFunc([int, str, str], str, ([l, sep, s]) => wrapCustom(s as string, num(l), sep as string, true)),
  contains: s2(bool, (a, b) => b.includes(a)),
  hasPrefix: s2(bool, (a, b) => b.startsWith(a)),
  hasSuffix: s2(bool, (a, b) => b.endsWith(a)),
  quote: goFunc(
    [any],
    str,
    (args) =>
      args
        .filter((x) => x !== null)
        .map((x) => sprintf('%q', [strval(x)]))
        .join(' '),
    variadic,
  ),
  squote: goFunc(
    [any],
    str,
    (args) =>
      args
        .filter((x) => x !== null)
        .map((x) => sprintf("'%v'", [x]))
        .join(' '),
    variadic,
  ),
  cat: goFunc(
    [any],
    str,
    (args) => {
      const items = args.filter((x) => x !== null);
      return sprintf(items.map(() => '%v').join(' '), items);
    },
    variadic,
  ),
  indent: goFunc([int, str], str, ([n, s]) => indent(n as bigint, s as string)),
  nindent: goFunc([int, str], str, ([n, s]) => `\n${indent(n as bigint, s as string)}`),
  replace: goFunc([str, str, str], str, ([o, n, s]) => replaceAll(s as string, o as string, n as string)),
  plural: goFunc([str, str, int], str, ([one, many, count]) => (count === 1n ? one! : many!)),
};

function indent(spaces: bigint, s: string): string {
  const pad = repeat(' ', spaces);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

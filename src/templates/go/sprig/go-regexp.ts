/**
 * Go's regexp package on re2js (a port of RE2, linear time, Go's syntax and flags): compile errors with Go's
 * text, FindString, FindAllString, ReplaceAllString with Go's `$1`/`${name}` expansion, the literal
 * replacement, Split and QuoteMeta. Match positions are UTF-16 indexes; re2js steps over whole code points,
 * so empty matches advance exactly as Go's byte loop does.
 *
 * re2js is loaded on first use (as in regex-match.ts). Two re2js differences are smoothed over: it refuses
 * a capture name used twice, which Go allows (the names are made unique before compiling, Go's names kept
 * for `${name}`), and it ends the trailing-backslash error without Go's ": ``".
 */
import { createRequire } from 'node:module';
import { canBackquote, quote } from '../fmt/quote.js';

interface Re2Program {
  match(s: string): boolean;
  findIndex(s: string): number[] | null;
  findAllSubmatchIndex(s: string, n: number): number[][] | null;
}

interface Re2Pattern {
  re2(): Re2Program;
  namedGroups(): Record<string, number>;
  groupCount(): number;
}

interface Re2Module {
  RE2JS: { compile(pattern: string): Re2Pattern };
}

/** A compiled expression: the program and each group's name ('' when unnamed), group 0 first. */
export interface GoRegexp {
  readonly expr: string;
  readonly program: Re2Program;
  readonly names: readonly string[];
}

/** A pattern that is not valid: the message is Go's err.Error() (`error parsing regexp: ...`). */
export class RegexpSyntaxError extends Error {}

const require = createRequire(import.meta.url);
let re2: Re2Module['RE2JS'] | undefined;
const cache = new Map<string, GoRegexp | RegexpSyntaxError>();
const CACHE_LIMIT = 256;

/** regexp.Compile; throws RegexpSyntaxError. */
export function compileRegexp(expr: string): GoRegexp {
  let entry = cache.get(expr);
  if (entry === undefined) {
    entry = compileUncached(expr);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(expr, entry);
  }
  if (entry instanceof RegexpSyntaxError) throw entry;
  return entry;
}

/** regexp.MustCompile's panic text for a pattern that does not compile. */
export function mustCompileMessage(expr: string, e: RegexpSyntaxError): string {
  return `regexp: Compile(${canBackquote(expr) ? `\`${expr}\`` : quote(expr)}): ${e.message}`;
}

function compileUncached(expr: string): GoRegexp | RegexpSyntaxError {
  re2 ??= (require('re2js') as Re2Module).RE2JS;
  const { pattern, original } = uniqueGroupNames(expr);
  let compiled: Re2Pattern;
  try {
    compiled = re2.compile(pattern);
  } catch (e) {
    const message = (e as Error).message;
    return new RegexpSyntaxError(message.endsWith('trailing backslash at end of expression') ? `${message}: \`\`` : message);
  }
  const names = new Array<string>(compiled.groupCount() + 1).fill('');
  for (const [name, index] of Object.entries(compiled.namedGroups())) names[index] = original.get(name) ?? name;
  return { expr, program: compiled.re2(), names };
}

/**
 * Renames the second and later uses of a capture name (`(?P<n>` or `(?<n>`), skipping escapes, `\Q...\E`
 * and character classes; `original` maps each new name back to the one written.
 */
function uniqueGroupNames(expr: string): { pattern: string; original: Map<string, string> } {
  const original = new Map<string, string>();
  if (!/\(\?P?<.*\(\?P?</s.test(expr)) return { pattern: expr, original };
  const seen = new Set<string>();
  let out = '';
  for (let i = 0; i < expr.length;) {
    const end = skipLiteral(expr, i);
    if (end > i) {
      out += expr.slice(i, end);
      i = end;
      continue;
    }
    const m = /^\(\?P?<([^>]*)>/.exec(expr.slice(i, i + 300));
    if (m && seen.has(m[1]!)) {
      const renamed = `${m[1]}__score_ts_dup${original.size}`;
      original.set(renamed, m[1]!);
      out += m[0].replace(`<${m[1]}>`, `<${renamed}>`);
      i += m[0].length;
      continue;
    }
    if (m) seen.add(m[1]!);
    out += expr[i];
    i++;
  }
  return { pattern: out, original };
}

/** The end of an escape, `\Q...\E` or character class starting at i (i itself when none starts there). */
function skipLiteral(expr: string, i: number): number {
  if (expr.startsWith('\\Q', i)) {
    const e = expr.indexOf('\\E', i + 2);
    return e < 0 ? expr.length : e + 2;
  }
  if (expr[i] === '\\') return Math.min(i + 2, expr.length);
  if (expr[i] !== '[') return i;
  let j = i + 1;
  if (expr[j] === '^') j++;
  if (expr[j] === ']') j++;
  while (j < expr.length && expr[j] !== ']') {
    if (expr[j] === '\\') j++;
    else if (expr.startsWith('[:', j)) {
      const close = expr.indexOf(':]', j + 2);
      if (close >= 0) j = close + 1;
    }
    j++;
  }
  return Math.min(j + 1, expr.length);
}

/** Regexp.FindAllStringSubmatchIndex; n < 0 means all. */
export function findAllIndex(re: GoRegexp, s: string, n: number): number[][] {
  if (n === 0) return [];
  return re.program.findAllSubmatchIndex(s, n < 0 ? s.length + 1 : n) ?? [];
}

/** Regexp.FindString: the leftmost match, '' when there is none. */
export function findString(re: GoRegexp, s: string): string {
  const m = re.program.findIndex(s);
  return m ? s.slice(m[0], m[1]) : '';
}

/** Regexp.FindAllString: null where Go returns nil (no match, or n == 0). */
export function findAllString(re: GoRegexp, s: string, n: number): string[] | null {
  const matches = findAllIndex(re, s, n);
  return matches.length === 0 ? null : matches.map((m) => s.slice(m[0], m[1]));
}

/** Regexp.ReplaceAllString (`literal`: ReplaceAllLiteralString). */
export function replaceAll(re: GoRegexp, src: string, repl: string, literal: boolean): string {
  let out = '';
  let last = 0;
  for (const m of findAllIndex(re, src, -1)) {
    out += src.slice(last, m[0]) + (literal ? repl : expand(re, repl, src, m));
    last = m[1]!;
  }
  return out + src.slice(last);
}

/** Regexp.Expand: `$$` is `$`, `$1`/`${1}` a group by number, `$name`/`${name}` by name, bad forms literal. */
function expand(re: GoRegexp, template: string, src: string, match: number[]): string {
  let out = '';
  let rest = template;
  for (let dollar = rest.indexOf('$'); dollar >= 0; dollar = rest.indexOf('$')) {
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = rest.slice(ref[0].length);
    out += group(re, ref[1] ?? ref[2]!, src, match);
  }
  return out + rest;
}

/** The text of a group named or numbered `name` in a match ('' when absent or unmatched). */
function group(re: GoRegexp, name: string, src: string, match: number[]): string {
  const num = /^(0|[1-9][0-9]{0,8})$/.test(name) ? Number(name) : -1;
  const text = (i: number): string | undefined =>
    2 * i < match.length && match[2 * i]! >= 0 ? src.slice(match[2 * i], match[2 * i + 1]) : undefined;
  if (num >= 0) return text(num) ?? '';
  for (let i = 0; i < re.names.length; i++) {
    if (re.names[i] !== name) continue;
    const t = text(i);
    if (t !== undefined) return t;
  }
  return '';
}

/** Regexp.Split: null where Go returns nil (n == 0). */
export function split(re: GoRegexp, s: string, n: number): string[] | null {
  if (n === 0) return null;
  if (re.expr.length > 0 && s.length === 0) return [''];
  const out: string[] = [];
  let begin = 0;
  let end = 0;
  for (const m of findAllIndex(re, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m[0]!;
    if (m[1] !== 0) out.push(s.slice(begin, end));
    begin = m[1]!;
  }
  if (end !== s.length) out.push(s.slice(begin));
  return out;
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

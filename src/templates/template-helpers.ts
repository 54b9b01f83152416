/**
 * The helpers provisioner templates can call. Every helper that inserts a value into YAML text has a
 * structure-safe form: `quote` (a JSON string, which YAML reads as one scalar) and `toJson` (any value as
 * JSON, which YAML reads as a flow value). README lists each helper with a sentence.
 */
import type { HelperOptions } from 'handlebars';
import { dnsLabel } from '../convert/names.js';
import { nodeCrypto } from '../base/node-crypto.js';
import { randomString, type RandomSource } from '../base/random.js';
import { allowEnvFlags, envAllowed, isOwnVariable, NO_ENV_ALLOWED, type EnvAllowList } from './env-allow-list.js';
import { quoteMarker } from './rendered-shapes.js';
import { regexMatch } from './regex-match.js';
import { budgetOf } from './render-budget.js';
import type { SecretRefCodec } from '../base/secret-ref.js';

/** Thrown by `fail` and `failAll`: the provisioner's own message, shown as it is; `failAll` gives one per problem. */
export class TemplateFailure extends Error {
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = [message]) {
    super(message);
    this.problems = problems;
  }
}

type Helper = (...args: unknown[]) => unknown;

/** Handlebars passes its options object last; helpers take the arguments before it. */
function args(list: unknown[]): unknown[] {
  return list.slice(0, -1);
}

function options(list: unknown[]): HelperOptions {
  return list[list.length - 1] as HelperOptions;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** What kind of value `int` was given, in words that show none of it. */
function valueKind(value: unknown): string {
  if (value === undefined || value === null) return 'it is missing';
  if (typeof value === 'object') return Array.isArray(value) ? 'it is a list' : 'it is a map';
  const written = text(value).trim();
  if (written === '') return text(value) === '' ? 'it is an empty string' : 'it is blank';
  if (/^[-+]?\d*\.\d+$/.test(written)) return 'it has a fraction';
  return typeof value === 'string'
    ? `it is a string of ${value.length} character${value.length === 1 ? '' : 's'}`
    : `it is a ${typeof value}`;
}

/** A helper result longer than a render may be is refused before it is built (replace and join can multiply text). */
function checkResultLength(helperOptions: HelperOptions, length: number): void {
  budgetOf(helperOptions.data)?.checkOutput(length, (helperOptions as { loc?: { start: { line: number } } }).loc);
}

export const TEMPLATE_HELPERS: Record<string, Helper> = {
  quote: (...a) => {
    const value = text(args(a)[0]);
    // While a render marks its quoted values (rendered-shapes.ts), a marker stands in for the value.
    const marks = (options(a).data as { quoted?: string[] }).quoted;
    if (!marks) return JSON.stringify(value);
    marks.push(value);
    return quoteMarker(marks.length - 1);
  },
  toJson: (...a) => JSON.stringify(args(a)[0] ?? null),
  default: (...a) => {
    const [value, fallback] = args(a);
    return isEmpty(value) ? fallback : value;
  },
  dig: (...a) => {
    const [start, ...keys] = args(a);
    let node = start;
    for (const key of keys) {
      if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, String(key))) return undefined;
      node = (node as Record<string, unknown>)[String(key)];
    }
    return node;
  },
  randomString: (...a) => {
    const [length, alphabet] = args(a);
    const random = (options(a).data as { random: RandomSource }).random;
    return randomString(random, Number(length), alphabet === undefined ? undefined : text(alphabet));
  },
  base64: (...a) => Buffer.from(text(args(a)[0]), 'utf8').toString('base64'),
  base64Decode: (...a) => Buffer.from(text(args(a)[0]), 'base64').toString('utf8'),
  sha256: (...a) =>
    nodeCrypto()
      .createHash('sha256')
      .update(text(args(a)[0]))
      .digest('hex'),
  lower: (...a) => text(args(a)[0]).toLowerCase(),
  upper: (...a) => text(args(a)[0]).toUpperCase(),
  substr: (...a) => {
    const [value, start, end] = args(a);
    return text(value).slice(Number(start), end === undefined ? undefined : Number(end));
  },
  replace: (...a) => {
    const [value, from, to] = args(a);
    const parts = text(value).split(text(from));
    checkResultLength(options(a), text(value).length + (parts.length - 1) * (text(to).length - text(from).length));
    return parts.join(text(to));
  },
  concat: (...a) => args(a).map(text).join(''),
  join: (...a) => {
    const [list, separator] = args(a);
    if (!Array.isArray(list)) return text(list);
    const items = list.map(text);
    const glue = separator === undefined ? ',' : text(separator);
    checkResultLength(options(a), items.reduce((sum, item) => sum + item.length, 0) + Math.max(items.length - 1, 0) * glue.length);
    return items.join(glue);
  },
  dnsLabel: (...a) => {
    const [value, suffix] = args(a);
    return dnsLabel(text(value), suffix === undefined ? '' : text(suffix));
  },
  int: (...a) => {
    const value = args(a)[0];
    const n = typeof value === 'number' ? value : Number(text(value));
    // The value is not shown: it may be a generated one (the message names the template line instead).
    if (!Number.isInteger(n) || text(value).trim() === '')
      throw new TemplateFailure(`int: the value is not an integer (${valueKind(value)})`);
    return String(n);
  },
  regexMatch: (...a) => {
    const [pattern, value] = args(a);
    return regexMatch(text(pattern), text(value));
  },
  eq: (...a) => args(a)[0] === args(a)[1],
  ne: (...a) => args(a)[0] !== args(a)[1],
  and: (...a) => args(a).every(Boolean),
  or: (...a) => args(a).some(Boolean),
  not: (...a) => !args(a)[0],
  getenv: (...a) => readEnv(text(args(a)[0]), options(a)),
  allowedEnv: (...a) => {
    const name = text(args(a)[0]);
    const allowList = (options(a).data as { envAllowList?: EnvAllowList }).envAllowList ?? NO_ENV_ALLOWED;
    if (!isOwnVariable(name) && !envAllowed(allowList, name)) {
      throw new TemplateFailure(
        `the environment variable ${name} is not allowed for this run: the person running score-ts can allow it with ${allowEnvFlags([name])}`,
      );
    }
    return readEnv(name, options(a));
  },
  fail: (...a) => {
    throw new TemplateFailure(text(args(a)[0]) || 'the provisioner failed');
  },
  // A block of checks, one problem per line it renders: stops with all of them, so one run shows every mistake.
  failAll: function (this: unknown, ...a: unknown[]) {
    const block = options(a);
    const rendered = block.fn(this);
    checkResultLength(block, rendered.length);
    const problems = rendered
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    if (problems.length > 0) throw new TemplateFailure(problems.join('; '), problems);
    return '';
  },
  split: (...a) => {
    const [value, separator] = args(a);
    return text(value).split(separator === undefined ? ',' : text(separator));
  },
  last: (...a) => {
    const list = args(a)[0];
    if (!Array.isArray(list)) return undefined;
    const items: readonly unknown[] = list;
    return items[items.length - 1];
  },
  secretRef: (...a) => {
    const [name, key] = args(a);
    const secretRefs = (options(a).data as { secretRefs?: SecretRefCodec }).secretRefs;
    if (!secretRefs) throw new TemplateFailure('secretRef can be used only in provisioner templates');
    return secretRefs.encode(text(name), text(key));
  },
};

/** A variable of the run's environment; score-ts's own (SCORE_TS_*) are never readable. */
function readEnv(name: string, helperOptions: HelperOptions): string {
  if (isOwnVariable(name)) throw new TemplateFailure(`${name} is score-ts's own variable: templates cannot read it`);
  const env = (helperOptions.data as { env: Record<string, string | undefined> }).env;
  const value = Object.hasOwn(env, name) ? env[name] : undefined;
  if (value === undefined) throw new TemplateFailure(`the environment variable ${name} is not set for this run`);
  return value;
}

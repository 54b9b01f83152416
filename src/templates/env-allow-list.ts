/**
 * Which environment variables of the generate run the built-in `environment` provisioner may read. The person
 * who runs score-ts decides, never a Score file: `--allow-env NAME`, or `--allow-env PREFIX*` for every variable
 * that starts with PREFIX, for this run only. score-ts's own `SCORE_TS_*` variables (the seed among them) are
 * never readable by any template.
 */
import { UsageError } from '../base/errors.js';

/** The prefix of score-ts's own variables, such as SCORE_TS_SEED. */
const OWN_VARIABLE_PREFIX = 'SCORE_TS_';
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface EnvAllowList {
  readonly names: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

export const NO_ENV_ALLOWED: EnvAllowList = { names: new Set(), prefixes: [] };

/** The list from --allow-env values; a bare `*`, a malformed name or one of score-ts's own is a usage error. */
export function parseEnvAllowList(patterns: readonly string[]): EnvAllowList {
  const names = new Set<string>();
  const prefixes: string[] = [];
  for (const pattern of patterns) {
    const prefix = pattern.endsWith('*') ? pattern.slice(0, -1) : undefined;
    const name = prefix ?? pattern;
    if (prefix === '') {
      throw new UsageError(
        "--allow-env '*' would let Score files read every variable of the run, CI secrets included: name each variable (--allow-env API_URL) or a prefix (--allow-env 'APP_*')",
      );
    }
    if (!VARIABLE_NAME.test(name)) {
      throw new UsageError(
        `--allow-env ${JSON.stringify(pattern)} is not a variable name (letters, digits and '_', not starting with a digit), nor a PREFIX* of one`,
      );
    }
    if (isOwnVariable(name)) {
      throw new UsageError(`--allow-env ${pattern}: score-ts's own ${OWN_VARIABLE_PREFIX}* variables are never readable by a Score file`);
    }
    if (prefix === undefined) names.add(name);
    else prefixes.push(prefix);
  }
  return { names, prefixes };
}

/** True for score-ts's own variables (SCORE_TS_SEED and any other SCORE_TS_*). */
export function isOwnVariable(name: string): boolean {
  return name.startsWith(OWN_VARIABLE_PREFIX);
}

/** True when the list allows the variable `name` (never one of score-ts's own). */
export function envAllowed(list: EnvAllowList, name: string): boolean {
  if (!VARIABLE_NAME.test(name) || isOwnVariable(name)) return false;
  return list.names.has(name) || list.prefixes.some((prefix) => name.startsWith(prefix));
}

/** The run's environment as templates see it: without score-ts's own variables. */
export function templateEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !isOwnVariable(name)));
}

/** The flags that allow these variables, e.g. `--allow-env A --allow-env B`. */
export function allowEnvFlags(names: readonly string[]): string {
  return names.map((name) => `--allow-env ${name}`).join(' ');
}

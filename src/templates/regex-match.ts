/**
 * `regexMatch PATTERN VALUE`: whether VALUE contains a match of PATTERN, with RE2 semantics (as Go's
 * regexp.MatchString, which score-k8s's templates use) and in time linear in VALUE's length, whatever the
 * pattern: re2js, a JavaScript port of RE2, never backtracks, so `^(a+)+$` on a long params value cannot hang a run.
 *
 * re2js is loaded on first use (about 15 ms), and the built-in provisioners call regexMatch on every run. So
 * the patterns of the built-in files, and only those exact texts, run as JavaScript RegExps: the test suite
 * checks that each is valid RE2 that matches exactly as RE2 does, and that none backtracks badly
 * (test/provision/regex-match.test.ts).
 */
import { createRequire } from 'node:module';

/** Every pattern the built-in provisioner files pass to regexMatch (a test keeps this list in step with them). */
export const BUILT_IN_PATTERNS: readonly string[] = [
  "^(/|(/[-A-Za-z0-9._~!$&'()*+,;=:@%]+)+/?)$",
  '^(/|[A-Za-z0-9][A-Za-z0-9._-]{0,62})$',
  '^[-.a-z0-9]{1,189}$',
  '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$',
  '^(\\*\\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$',
  '^[0-9]+([.][0-9]+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$',
  '^[0-9]+([.][0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$',
  '^[0-9]+([.][0-9]+)?([kMGTPE]|[KMGTPE]i)?$',
  '^[0-9]+([.][0-9]+)?([mkMGTPE]|[KMGTPE]i)?$',
  '^[0-9]+([.][0-9]+)?m?$',
  '^[1-9][0-9]{0,3}$',
  '^[A-Za-z0-9._-]{1,249}$',
  '^[A-Za-z_][A-Za-z0-9_]*$',
  '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
  '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
  '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
  '^[a-z][a-z0-9+.-]*$',
  '^[a-z_][a-z0-9_]{0,31}$',
  '^[a-z_][a-z0-9_]{0,62}$',
  '^[a-z_][a-z0-9_]{0,63}$',
];

/** What regexMatch needs of a compiled pattern. */
interface Matcher {
  test(value: string): boolean;
}

interface Re2Module {
  RE2JS: { compile(pattern: string): Matcher };
}

/** A pattern that is not valid RE2; the message names the pattern (template text) and the reason. */
class PatternError extends Error {}

const require = createRequire(import.meta.url);
let re2: Re2Module['RE2JS'] | undefined;
const compiled = new Map<string, Matcher>();
/** Patterns kept compiled; templates hold few distinct patterns, so this bounds only a hostile run's memory. */
const MAX_COMPILED = 256;

const NO_LOOKAROUND = '; RE2 has no lookaround ((?=...), (?!...), (?<=...)) and no backreferences (\\1)';

/** Whether this process has loaded re2js (a guard that the built-in patterns never need it). */
export function re2jsLoaded(): boolean {
  return re2 !== undefined;
}

export function regexMatch(pattern: string, value: string): boolean {
  return compiledPattern(pattern).test(value);
}

function compiledPattern(pattern: string): Matcher {
  let matcher = compiled.get(pattern);
  if (matcher === undefined) {
    matcher = BUILT_IN_PATTERNS.includes(pattern) ? new RegExp(pattern) : compileRe2(pattern);
    if (compiled.size < MAX_COMPILED) compiled.set(pattern, matcher);
  }
  return matcher;
}

function compileRe2(pattern: string): Matcher {
  re2 ??= (require('re2js') as Re2Module).RE2JS;
  try {
    return re2.compile(pattern);
  } catch (e) {
    const reason = (e as Error).message.replace(/^error parsing regexp: /, '');
    throw new PatternError(
      `regexMatch: the pattern ${JSON.stringify(pattern)} is not valid RE2 syntax (${reason})${/Perl syntax|escape sequence|named capture/.test(reason) ? NO_LOOKAROUND : ''}`,
    );
  }
}

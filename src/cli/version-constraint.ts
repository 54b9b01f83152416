/**
 * Version constraints for `score-ts check-version`: the comparators npm's semver understands (`=`, `>`, `>=`,
 * `<`, `<=`, `^`, `~`, a bare version), with partial versions (`>=1`, `^0.2`) and several comparators that must
 * all hold. Alternatives (`||`), hyphen ranges and wildcards are not supported.
 */
import { UsageError } from '../base/errors.js';

/** A semantic version; `prerelease` is empty for a release. */
export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly (number | string)[];
}

export type Operator = '<' | '<=' | '>' | '>=' | '=';

/** One plain comparison; a constraint is a list of them that must all hold. */
export interface Comparison {
  readonly operator: Operator;
  readonly version: SemVer;
}

/** A version as written in a constraint: one to three numbers; a prerelease only after all three. */
interface PartialVersion {
  readonly numbers: readonly number[];
  readonly prerelease: readonly (number | string)[];
}

const NUMBER = '(0|[1-9]\\d*)';
const IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const VERSION_PATTERN = new RegExp(`^v?${NUMBER}(?:\\.${NUMBER}(?:\\.${NUMBER}(?:-(${IDENTIFIERS}))?(?:\\+${IDENTIFIERS})?)?)?$`);
const COMPARATOR_PATTERN = /^(<=|>=|<|>|=|\^|~)?(.*)$/;
const HINT = 'write comparators such as >=0.1.0, ^0.2 or ~1.2.3; several, separated by spaces, must all hold';

/** Parses a full version such as `0.1.0` or `v1.2.3-rc.1`; undefined when it is not one. */
export function parseVersion(text: string): SemVer | undefined {
  const partial = parsePartialVersion(text);
  return partial?.numbers.length === 3 ? padVersion(partial) : undefined;
}

/** Parses a constraint into the comparisons that must all hold; a malformed one is a usage error. */
export function parseVersionConstraint(text: string): Comparison[] {
  // `>= 1.2` is one comparator, as npm reads it.
  const comparators = text
    .replace(/(<=|>=|<|>|=|\^|~)\s+/g, '$1')
    .split(/[\s,]+/)
    .filter((token) => token !== '');
  if (comparators.length === 0) throw new UsageError(`the version constraint is empty: ${HINT}`);
  return comparators.flatMap((comparator) => expandComparator(comparator, text));
}

/** The first comparison that `version` fails, or undefined when it satisfies them all. */
export function findUnmetComparison(version: SemVer, comparisons: readonly Comparison[]): Comparison | undefined {
  return comparisons.find((c) => !compares(compareVersions(version, c.version), c.operator));
}

/** Semantic version precedence: negative, zero or positive. A prerelease sorts before its release. */
export function compareVersions(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePrereleases(a.prerelease, b.prerelease);
}

export function formatVersion(version: SemVer): string {
  const core = `${version.major}.${version.minor}.${version.patch}`;
  return version.prerelease.length > 0 ? `${core}-${version.prerelease.join('.')}` : core;
}

/**
 * One comparator as plain comparisons. A partial version stands for every version it starts:
 * `1.2` is `>=1.2.0 <1.3.0-0`, `>1.2` is `>=1.3.0`, `<=1.2` is `<1.3.0-0`. `^` allows changes that do not
 * touch the first non-zero number, `~` changes of the patch number (of the minor one when only a major is given).
 */
function expandComparator(comparator: string, constraint: string): Comparison[] {
  const [, operator = '=', versionText = ''] = COMPARATOR_PATTERN.exec(comparator) ?? [];
  const version = parsePartialVersion(versionText);
  if (!version) {
    const what = versionText === '' ? `'${comparator}' has no version` : `'${versionText}' is not a version`;
    throw new UsageError(`invalid version constraint '${constraint}': ${what}; ${HINT}`);
  }
  const last = version.numbers.length - 1;
  const exact = version.numbers.length === 3;
  const lower = padVersion(version);
  switch (operator) {
    case '^':
      return [
        { operator: '>=', version: lower },
        { operator: '<', version: bumpVersion(version, caretPosition(version)) },
      ];
    case '~':
      return [
        { operator: '>=', version: lower },
        { operator: '<', version: bumpVersion(version, Math.min(last, 1)) },
      ];
    case '>=':
      return [{ operator: '>=', version: lower }];
    case '>':
      return [exact ? { operator: '>', version: lower } : { operator: '>=', version: { ...bumpVersion(version, last), prerelease: [] } }];
    case '<':
      return [{ operator: '<', version: exact ? lower : { ...lower, prerelease: [0] } }];
    case '<=':
      return [exact ? { operator: '<=', version: lower } : { operator: '<', version: bumpVersion(version, last) }];
    default:
      return exact
        ? [{ operator: '=', version: lower }]
        : [
            { operator: '>=', version: lower },
            { operator: '<', version: bumpVersion(version, last) },
          ];
  }
}

function parsePartialVersion(text: string): PartialVersion | undefined {
  const match = VERSION_PATTERN.exec(text);
  if (!match) return undefined;
  const numbers = match
    .slice(1, 4)
    .filter((n): n is string => n !== undefined)
    .map(Number);
  const prerelease = match[4]?.split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) ?? [];
  return { numbers, prerelease };
}

function padVersion({ numbers, prerelease }: PartialVersion): SemVer {
  return { major: numbers[0] ?? 0, minor: numbers[1] ?? 0, patch: numbers[2] ?? 0, prerelease };
}

/** The lowest version above every version that keeps numbers[0..position]: `1.2.3` at 1 gives `1.3.0-0`. */
function bumpVersion({ numbers }: PartialVersion, position: number): SemVer {
  const bumped = [0, 1, 2].map((i) => (i < position ? (numbers[i] ?? 0) : i === position ? (numbers[i] ?? 0) + 1 : 0));
  return { major: bumped[0]!, minor: bumped[1]!, patch: bumped[2]!, prerelease: [0] };
}

/** `^` keeps the first non-zero number given (`^0.2.3` keeps 0.2), or the last number given when all are zero. */
function caretPosition({ numbers }: PartialVersion): number {
  const firstNonZero = numbers.findIndex((n) => n !== 0);
  return firstNonZero === -1 ? numbers.length - 1 : firstNonZero;
}

function compares(order: number, operator: Operator): boolean {
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '=':
      return order === 0;
  }
}

/** Numeric identifiers compare as numbers and sort before alphanumeric ones; a longer list wins a tie. */
function comparePrereleases(a: SemVer['prerelease'], b: SemVer['prerelease']): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number' || typeof y === 'number') return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

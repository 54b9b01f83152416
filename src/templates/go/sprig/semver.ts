/**
 * sprig's semver and semverCompare, with Masterminds/semver v3's constraint language: comparisons
 * (= != > < >= <= and => =<), ~ and ~> (same minor), ^ (same major; for 0.x the same minor, for 0.0.x the
 * same patch), x/X/* wildcards, `1.2 - 1.4` ranges, AND by space or comma, OR by `||`. A prerelease version
 * satisfies only constraints that name a prerelease themselves.
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import { compileRegexp, findAllIndex, type GoRegexp } from './go-regexp.js';
import { comparePrerelease, compareVersions, parseVersion, VERSION_POINTER, versionPointer, type SemverVersion } from './semver-version.js';

interface Constraint {
  readonly op: string;
  readonly con: SemverVersion;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CV =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const re =
  (source: string): (() => GoRegexp) =>
  () =>
    compileRegexp(source);
const constraintRe = re(`^\\s*(${OPS})\\s*(${CV})\\s*$`);
const rangeRe = re(`\\s*(${CV})\\s+-\\s+(${CV})\\s*`);
const findRe = re(`(${OPS})\\s*(${CV})`);
const validRe = re(`^(\\s*(${OPS})\\s*(${CV})\\s*)((?:\\s+|,\\s*)(${OPS})\\s*(${CV})\\s*)*$`);

const isX = (s: string): boolean => s === 'x' || s === 'X' || s === '*';
const groups = (s: string, m: number[]): string[] =>
  Array.from({ length: m.length / 2 }, (_, i) => (m[2 * i]! >= 0 ? s.slice(m[2 * i], m[2 * i + 1]) : ''));

/** `1.2 - 1.4` becomes `>= 1.2, <= 1.4 ` (each range replaces its first occurrence, as semver does). */
function rewriteRange(c: string): string {
  let out = c;
  for (const m of findAllIndex(rangeRe(), c, -1)) {
    const g = groups(c, m);
    out = out.replace(g[0]!, () => `>= ${g[1]}, <= ${g[11]} `);
  }
  return out;
}

function parseConstraint(c: string): Constraint {
  const m = findAllIndex(constraintRe(), c, 1)[0];
  if (!m) throw new GoFuncError(`improper constraint: ${c}`);
  const [, op = '', whole = '', major = '', minor = '', patch = '', pre = ''] = groups(c, m);
  const trim = (s: string): string => s.replace(/^\./, '');
  let ver = whole;
  let dirty = true;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major)) ver = `0.0.0${pre}`;
  else if (isX(trim(minor)) || minor === '') [ver, minorDirty] = [`${major}.0.0${pre}`, true];
  else if (isX(trim(patch)) || patch === '') [ver, patchDirty] = [`${major}${minor}.0${pre}`, true];
  else dirty = false;
  let con: SemverVersion;
  try {
    con = parseVersion(ver);
  } catch {
    throw new GoFuncError('constraint Parser Error');
  }
  return { op, con, dirty, minorDirty, patchDirty };
}

/** semver.NewConstraint: OR groups of AND-ed constraints. */
function parseConstraints(text: string): Constraint[][] {
  return rewriteRange(text)
    .split('||')
    .map((group) => {
      if (findAllIndex(validRe(), group, 1).length === 0) throw new GoFuncError(`improper constraint: ${group}`);
      const found = findAllIndex(findRe(), group, -1).map((m) => group.slice(m[0], m[1]));
      return (found.length > 0 ? found : [group]).map(parseConstraint);
    });
}

/** Constraints.Check. */
function checkConstraints(groups: readonly Constraint[][], v: SemverVersion): boolean {
  return groups.some((group) => group.every((c) => check(c, v)));
}

function check(c: Constraint, v: SemverVersion): boolean {
  const cmp = compareVersions(v, c.con);
  // Every operator but a plain != refuses a prerelease version unless the constraint names one.
  if (v.pre !== '' && c.con.pre === '' && (c.op !== '!=' || c.dirty)) return false;
  switch (c.op) {
    case '!=':
      return notEqual(c, v, cmp);
    case '>':
      return greaterThan(c, v, cmp);
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0;
      return !(v.major > c.con.major || (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty));
    case '~':
    case '~>':
      return tilde(c, v, cmp);
    case '^':
      return caret(c, v, cmp);
  }
  return c.dirty ? tilde(c, v, cmp) : cmp === 0;
}

function notEqual(c: Constraint, v: SemverVersion, cmp: number): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) return (v.pre !== '' || c.con.pre !== '') && comparePrerelease(v.pre, c.con.pre) !== 0;
  }
  return cmp !== 0;
}

function greaterThan(c: Constraint, v: SemverVersion, cmp: number): boolean {
  if (!c.dirty) return cmp === 1;
  if (v.major !== c.con.major) return v.major > c.con.major;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return cmp === 1;
}

function tilde(c: Constraint, v: SemverVersion, cmp: number): boolean {
  if (cmp < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return v.minor === c.con.minor || c.minorDirty;
}

function caret(c: Constraint, v: SemverVersion, cmp: number): boolean {
  if (cmp < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (v.minor > 0n) return false;
  return c.con.patch === v.patch;
}

export const SEMVER_FUNCS: Readonly<Record<string, GoFunc>> = {
  semver: goFunc([T.string], VERSION_POINTER, ([v]) => versionPointer(parseVersion(v as string)), { canFail: true }),
  semverCompare: goFunc(
    [T.string, T.string],
    T.bool,
    ([c, v]) => checkConstraints(parseConstraints(c as string), parseVersion(v as string)),
    { canFail: true },
  ),
};

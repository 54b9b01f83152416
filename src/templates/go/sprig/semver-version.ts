/**
 * Masterminds/semver v3 versions as sprig 3.3.0 links them (semver 3.3): NewVersion's parsing (a loose
 * `v1`, `1.2` coerced to 1.0.0 and 1.2.0, but no leading zeros in numbers or numeric prerelease parts),
 * precedence (Compare), and the Go value a template sees: `*semver.Version`, printed as 1.2.3, with its
 * methods (Major, Prerelease, IncPatch, Compare, LessThan ...).
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T, sliceOf, structType, type GoType } from '../go-types.js';
import { Typed, sliceValue, structValue, typedInt, type GoValue } from '../values.js';
import { compileRegexp, findAllIndex } from './go-regexp.js';

export interface SemverVersion {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
  readonly metadata: string;
  readonly original: string;
}

/** semver 3.3's version regexp (numbers and numeric prerelease identifiers without leading zeros). */
const VERSION =
  '^v?(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?(?:\\.(0|[1-9]\\d*))?' +
  '(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?' +
  '(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$';
const UINT64_MAX = (1n << 64n) - 1n;

/** semver.NewVersion; throws GoFuncError with semver's error text. */
export function parseVersion(v: string): SemverVersion {
  const m = findAllIndex(compileRegexp(VERSION), v, 1)[0];
  if (!m) throw new GoFuncError('Invalid Semantic Version');
  const group = (i: number): string => (m[2 * i]! >= 0 ? v.slice(m[2 * i], m[2 * i + 1]) : '');
  const segment = (s: string): bigint => {
    const n = BigInt(s);
    if (n > UINT64_MAX) throw new GoFuncError(`Error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`);
    return n;
  };
  return {
    major: segment(group(1)),
    minor: segment(group(2) || '0'),
    patch: segment(group(3) || '0'),
    pre: group(4),
    metadata: group(5),
    original: v,
  };
}

/** Version.String: major.minor.patch[-pre][+metadata], without a `v`. */
function versionString(v: SemverVersion): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}

/** Version.Compare: -1, 0 or 1; metadata is ignored, a prerelease sorts before its release. */
export function compareVersions(a: SemverVersion, b: SemverVersion): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (a.pre === b.pre) return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}

export function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Numbers sort before words and by value; words by bytes; a missing part sorts first. */
function comparePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sn = /^[0-9]+$/.test(s) && BigInt(s) <= UINT64_MAX;
  const on = /^[0-9]+$/.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

/** semver 3.3's validatePrerelease and validateMetadata (an empty part is reported as bad metadata). */
function validateExtra(s: string, prerelease: boolean): void {
  for (const part of s.split('.')) {
    if (part === '') throw new GoFuncError('Invalid Metadata string');
    if (prerelease && /^[0-9]+$/.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new GoFuncError('Version segment starts with 0');
    } else if (!/^[0-9A-Za-z-]+$/.test(part)) throw new GoFuncError(prerelease ? 'Invalid Prerelease string' : 'Invalid Metadata string');
  }
}

const valueMethods: Record<string, GoFunc> = {};
const pointerMethods: Record<string, GoFunc> = {};

const VERSION_TYPE: GoType = structType(
  'semver.Version',
  [
    { name: 'major', type: T.uint64 },
    { name: 'minor', type: T.uint64 },
    { name: 'patch', type: T.uint64 },
    { name: 'pre', type: T.string },
    { name: 'metadata', type: T.string },
    { name: 'original', type: T.string },
  ],
  valueMethods,
);

/** *semver.Version: its method set has the value methods and those with pointer receivers. */
export const VERSION_POINTER: GoType = { kind: 'ptr', name: '*semver.Version', elem: VERSION_TYPE, methods: pointerMethods };

function versionValue(v: SemverVersion): Typed {
  const u = (n: bigint): GoValue => typedInt(T.uint64, n);
  return structValue(VERSION_TYPE, {
    major: u(v.major),
    minor: u(v.minor),
    patch: u(v.patch),
    pre: v.pre,
    metadata: v.metadata,
    original: v.original,
  });
}

export function versionPointer(v: SemverVersion): Typed {
  return new Typed(VERSION_POINTER, versionValue(v));
}

/** The version a receiver or argument holds (a Version or a *Version; nil panics as in Go). */
function versionOf(x: GoValue): SemverVersion {
  let value = x as Typed;
  if (value.type.kind === 'ptr') {
    if (value.v === null) throw new GoFuncError('runtime error: invalid memory address or nil pointer dereference');
    value = value.v as Typed;
  }
  const [major, minor, patch, pre, metadata, original] = value.v as GoValue[];
  const n = (f: GoValue): bigint => (f as Typed).v as bigint;
  return {
    major: n(major),
    minor: n(minor),
    patch: n(patch),
    pre: pre as string,
    metadata: metadata as string,
    original: original as string,
  };
}

/** Inc* and Set* keep a leading `v` of the original. */
function derived(v: SemverVersion, next: Omit<SemverVersion, 'original'>): SemverVersion {
  const prefix = v.original.startsWith('v') ? 'v' : '';
  return { ...next, original: prefix + versionString({ ...next, original: '' }) };
}

const bytes = (s: string): GoValue =>
  sliceValue(
    sliceOf(T.uint8),
    [...Buffer.from(s, 'utf8')].map((b) => typedInt(T.uint8, BigInt(b))),
  );
const valueMethod = (result: GoType, fn: (v: SemverVersion, arg: GoValue) => GoValue, params: GoType[] = [], canFail = false): GoFunc =>
  goFunc(params, result, ([self, arg]) => fn(versionOf(self), arg), { canFail });

Object.assign(valueMethods, {
  String: valueMethod(T.string, versionString),
  Major: valueMethod(T.uint64, (v) => typedInt(T.uint64, v.major)),
  Minor: valueMethod(T.uint64, (v) => typedInt(T.uint64, v.minor)),
  Patch: valueMethod(T.uint64, (v) => typedInt(T.uint64, v.patch)),
  Prerelease: valueMethod(T.string, (v) => v.pre),
  Metadata: valueMethod(T.string, (v) => v.metadata),
  IncPatch: valueMethod(VERSION_TYPE, (v) =>
    versionValue(derived(v, { ...v, pre: '', metadata: '', patch: v.pre ? v.patch : BigInt.asUintN(64, v.patch + 1n) })),
  ),
  IncMinor: valueMethod(VERSION_TYPE, (v) =>
    versionValue(derived(v, { ...v, pre: '', metadata: '', patch: 0n, minor: BigInt.asUintN(64, v.minor + 1n) })),
  ),
  IncMajor: valueMethod(VERSION_TYPE, (v) =>
    versionValue(derived(v, { ...v, pre: '', metadata: '', patch: 0n, minor: 0n, major: BigInt.asUintN(64, v.major + 1n) })),
  ),
  SetPrerelease: valueMethod(
    VERSION_TYPE,
    (v, pre) => {
      if (pre !== '') validateExtra(pre as string, true);
      return versionValue(derived(v, { ...v, pre: pre as string }));
    },
    [T.string],
    true,
  ),
  SetMetadata: valueMethod(
    VERSION_TYPE,
    (v, metadata) => {
      if (metadata !== '') validateExtra(metadata as string, false);
      return versionValue(derived(v, { ...v, metadata: metadata as string }));
    },
    [T.string],
    true,
  ),
  MarshalJSON: valueMethod(sliceOf(T.uint8), (v) => bytes(JSON.stringify(versionString(v))), [], true),
  MarshalText: valueMethod(sliceOf(T.uint8), (v) => bytes(versionString(v)), [], true),
  Value: valueMethod(T.any, versionString, [], true),
});

const compareWith = (result: GoType, fn: (d: number) => GoValue): GoFunc =>
  valueMethod(result, (v, o) => fn(compareVersions(v, versionOf(o))), [VERSION_POINTER]);

Object.assign(pointerMethods, valueMethods, {
  Original: valueMethod(T.string, (v) => v.original),
  Compare: compareWith(T.int, (d) => BigInt(d)),
  LessThan: compareWith(T.bool, (d) => d < 0),
  LessThanEqual: compareWith(T.bool, (d) => d <= 0),
  GreaterThan: compareWith(T.bool, (d) => d > 0),
  GreaterThanEqual: compareWith(T.bool, (d) => d >= 0),
  Equal: compareWith(T.bool, (d) => d === 0),
});

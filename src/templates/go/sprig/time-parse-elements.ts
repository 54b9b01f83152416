/**
 * The elements of Go's time.Parse (Go 1.20+, as score-k8s runs it): each reference-time element read from the
 * front of a value into the fields of a time, with Go's rules for digits, names, fractions, zone offsets and
 * abbreviations. A value that does not fit throws Bad; a number out of range, RangeProblem.
 */
import { MONTHS, WEEKDAYS } from './go-time.js';
import { nextChunk, type LayoutElement } from './time-format.js';
import { UTC, type GoLocation } from './time-zone.js';

/** A value that does not fit the layout; `rest` is where (reported only for literal text). */
export class Bad extends Error {
  constructor(readonly rest?: string) {
    super('bad');
  }
}

export class RangeProblem extends Error {}

export interface Fields {
  year: number;
  month: number;
  day: number;
  yday: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  pm?: boolean;
  z?: GoLocation;
  zoneOffset?: number;
  zoneName: string;
}

const isDigit = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

export function skip(value: string, prefix: string): string {
  let v = value;
  let p = prefix;
  while (p.length > 0) {
    if (p[0] === ' ') {
      if (v.length > 0 && v[0] !== ' ') throw new Bad(v);
      p = p.replace(/^ +/, '');
      v = v.replace(/^ +/, '');
    } else {
      if (v.length === 0 || v[0] !== p[0]) throw new Bad(v);
      [p, v] = [p.slice(1), v.slice(1)];
    }
  }
  return v;
}

/** A name from the table at the start of the value, ASCII letters matched case-insensitively. */
function lookup(names: readonly string[], value: string): [number, string] {
  const i = names.findIndex((n) => value.length >= n.length && sameLetters(value.slice(0, n.length), n));
  if (i < 0) throw new Bad();
  return [i, value.slice(names[i]!.length)];
}

function sameLetters(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const x = a.charCodeAt(i) | 0x20;
    if (x !== (b.charCodeAt(i) | 0x20) || x < 0x61 || x > 0x7a) return false;
  }
  return true;
}

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigit(s, 0)) throw new Bad();
  if (!isDigit(s, 1)) {
    if (fixed) throw new Bad();
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  const digits = /^[0-9]{0,3}/.exec(s)![0];
  if (digits === '' || (fixed && digits.length !== 3)) throw new Bad();
  return [Number(digits), s.slice(digits.length)];
}

/** time's atoi: an optional sign and digits, nothing else. */
function atoi(s: string): number {
  const m = /^([+-]?)([0-9]*)$/.exec(s);
  if (!m || BigInt(m[2] || '0') > 1n << 63n) throw new Bad();
  const n = Number(m[2] || '0');
  return m[1] === '-' ? -n : n;
}

/** The fraction in value[0..n) (a separator and digits) in nanoseconds (digits past the ninth ignored). */
function parseNanoseconds(value: string, n: number): number {
  if (value[0] !== '.' && value[0] !== ',') throw new Bad();
  const digits = Math.min(n, 10);
  const ns = atoi(value.slice(1, digits));
  if (ns < 0) throw new RangeProblem('fractional second');
  return ns * 10 ** (10 - digits);
}

/** The length of a zone abbreviation at the start of the value (time.parseTimeZone), 0 if none. */
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return 3 + (value.length === 3 ? 0 : parseSignedOffset(value.slice(3)));
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  const upper = /^[A-Z]{0,6}/.exec(value)![0].length;
  if (upper === 3) return 3;
  if (upper === 4 && (value[3] === 'T' || value.startsWith('WITA'))) return 4;
  if (upper === 5 && value[4] === 'T') return 5;
  return 0;
}

function parseSignedOffset(value: string): number {
  const m = /^[+-]([0-9]+)/.exec(value);
  if (!m || BigInt(m[1]!) > 23n) return 0;
  return m[0].length;
}

/** Parses one layout element, updating the fields; returns the rest of the value. */
export function parseElement(e: LayoutElement, value: string, layoutRest: string, f: Fields): string {
  if (e.kind === 'frac') {
    if (!e.trim) {
      if (value.length < 1 + e.digits) throw new Bad();
      f.nsec = parseNanoseconds(value, 1 + e.digits);
      return value.slice(1 + e.digits);
    }
    if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigit(value, 1)) return value;
    const n = 1 + /^[0-9]*/.exec(value.slice(1))![0].length;
    f.nsec = parseNanoseconds(value, n);
    return value.slice(n);
  }
  return parseStd(e.std, value, layoutRest, f);
}

const range = (ok: boolean, what: string): void => {
  if (!ok) throw new RangeProblem(what);
};

function parseStd(code: string, value: string, layoutRest: string, f: Fields): string {
  let n: number;
  let rest: string;
  switch (code) {
    case '06': {
      if (value.length < 2) throw new Bad();
      const yy = atoi(value.slice(0, 2));
      f.year = yy >= 69 ? yy + 1900 : yy + 2000;
      return value.slice(2);
    }
    case '2006':
      if (value.length < 4 || !isDigit(value, 0)) throw new Bad();
      f.year = atoi(value.slice(0, 4));
      return value.slice(4);
    case 'Jan':
    case 'January':
      [n, rest] = lookup(code === 'Jan' ? MONTHS.map((m) => m.slice(0, 3)) : MONTHS, value);
      f.month = n + 1;
      return rest;
    case '1':
    case '01':
      [f.month, rest] = getnum(value, code === '01');
      range(f.month > 0 && f.month <= 12, 'month');
      return rest;
    case 'Mon':
    case 'Monday':
      return lookup(code === 'Mon' ? WEEKDAYS.map((d) => d.slice(0, 3)) : WEEKDAYS, value)[1];
    case '2':
    case '_2':
    case '02':
      [f.day, rest] = getnum(code === '_2' && value[0] === ' ' ? value.slice(1) : value, code === '02');
      return rest;
    case '__2':
    case '002':
      [f.yday, rest] = getnum3(code === '__2' ? value.replace(/^ {1,2}/, '') : value, code === '002');
      return rest;
    case '15':
      [f.hour, rest] = getnum(value, false);
      range(f.hour < 24, 'hour');
      return rest;
    case '3':
    case '03':
      [f.hour, rest] = getnum(value, code === '03');
      range(f.hour <= 12, 'hour');
      return rest;
    case '4':
    case '04':
      [f.min, rest] = getnum(value, code === '04');
      range(f.min < 60, 'minute');
      return rest;
    case '5':
    case '05':
      [f.sec, rest] = getnum(value, code === '05');
      range(f.sec < 60, 'second');
      return secondFraction(rest, layoutRest, f);
    case 'PM':
    case 'pm':
      return parseMeridiem(code, value, f);
    case 'MST':
      return parseZoneName(value, f);
  }
  return parseOffset(code, value, f);
}

function parseMeridiem(code: string, value: string, f: Fields): string {
  if (value.length < 2) throw new Bad();
  const p = value.slice(0, 2);
  const [pm, am] = code === 'PM' ? ['PM', 'AM'] : ['pm', 'am'];
  if (p !== pm && p !== am) throw new Bad();
  f.pm = p === pm;
  return value.slice(2);
}

function parseZoneName(value: string, f: Fields): string {
  if (value.startsWith('UTC')) {
    f.z = UTC;
    return value.slice(3);
  }
  const len = parseTimeZone(value);
  if (len === 0) throw new Bad();
  f.zoneName = value.slice(0, len);
  return value.slice(len);
}

/** A fraction after the seconds when the layout has none there. */
function secondFraction(value: string, layoutRest: string, f: Fields): string {
  if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigit(value, 1)) return value;
  if (nextChunk(layoutRest).element?.kind === 'frac') return value;
  const n = 1 + /^[0-9]*/.exec(value.slice(1))![0].length;
  f.nsec = parseNanoseconds(value, n);
  return value.slice(n);
}

/** Where each offset layout has its hours, minutes and seconds, and how long it is. */
const OFFSET_SHAPES: Readonly<Record<string, { len: number; at: readonly number[]; colons: readonly number[] }>> = {
  '-07:00': { len: 6, at: [1, 4], colons: [3] },
  '-07': { len: 3, at: [1], colons: [] },
  '-07:00:00': { len: 9, at: [1, 4, 7], colons: [3, 6] },
  '-070000': { len: 7, at: [1, 3, 5], colons: [] },
  '-0700': { len: 5, at: [1, 3], colons: [] },
};

function parseOffset(code: string, value: string, f: Fields): string {
  if (code.startsWith('Z') && value[0] === 'Z') {
    f.z = UTC;
    return value.slice(1);
  }
  const shape = OFFSET_SHAPES[code.replace(/^Z/, '-')]!;
  if (value.length < shape.len || shape.colons.some((i) => value[i] !== ':')) throw new Bad();
  let bad = false;
  const [h = 0, m = 0, s = 0] = shape.at.map((i) => {
    if (bad || !isDigit(value, i) || !isDigit(value, i + 1)) {
      bad = true;
      return 0;
    }
    return Number(value.slice(i, i + 2));
  });
  const problem = s > 60 ? 'second' : m > 60 ? 'minute' : h > 24 ? 'hour' : undefined;
  if (problem) throw new RangeProblem(`time zone offset ${problem}`);
  if (bad || (value[0] !== '+' && value[0] !== '-')) throw new Bad();
  const offset = (h * 60 + m) * 60 + s;
  f.zoneOffset = value[0] === '-' ? -offset : offset;
  return value.slice(shape.len);
}

/**
 * sprig's date functions on the run's clock and Local zone (never the machine's): now, date, dateInZone
 * (date_in_zone), htmlDate, htmlDateInZone, dateModify (date_modify, mustDateModify, must_date_modify),
 * ago, duration, durationRound, toDate, mustToDate, unixEpoch. As in sprig, a date that is not a time.Time
 * or a Go int, int64 or int32 of Unix seconds means "now", and an unknown zone means UTC.
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import { Typed, type GoValue } from '../values.js';
import { DurationError, durationString, parseDuration, roundDuration, SECOND } from './duration.js';
import { addDuration, fromUnixNano, subTimes, ZERO_TIME, type GoTime } from './go-time.js';
import { formatTime } from './time-format.js';
import { parseInt as goParseInt } from './text-strconv.js';
import { parseTime, TimeParseError } from './time-parse.js';
import { isTime, isTimePointer, timeOf, timeValue, TIME_TYPE } from './time-value.js';
import { loadLocation, localLocation, UTC, type GoLocation } from './time-zone.js';

export interface Clock {
  /** Unix nanoseconds. */
  readonly now: () => bigint;
  readonly local: GoLocation;
}

/** A Go integer value of one of the given types (Go's int is a plain bigint here). */
function intOf(v: GoValue, types: readonly string[]): bigint | undefined {
  if (typeof v === 'bigint') return types.includes('int') ? v : undefined;
  if (v instanceof Typed && types.includes(v.type.name) && v.type.underlying === undefined) return v.v as bigint;
  return undefined;
}

/** The time sprig reads from a date argument: a time, Unix seconds (int, int64, int32), or now. */
function dateArg(clock: Clock, date: GoValue, ints: readonly string[], pointers: boolean): GoTime {
  if (isTime(date) || (pointers && isTimePointer(date))) return timeOf(date);
  const unix = intOf(date, ints);
  if (unix !== undefined) return { sec: unix, nsec: 0, loc: clock.local };
  return fromUnixNano(clock.now(), clock.local);
}

function dateInZone(clock: Clock, layout: string, date: GoValue, zone: string): string {
  const t = dateArg(clock, date, ['int', 'int64', 'int32'], true);
  return formatTime({ ...t, loc: loadLocation(zone, clock.local) ?? UTC }, layout);
}

function since(clock: Clock, t: GoTime): bigint {
  return subTimes(fromUnixNano(clock.now(), clock.local), t);
}

/** sprig's durationRound: the largest whole unit (y = 365 days, mo = 30 days, d, h, m, s), sign dropped. */
function durationRound(clock: Clock, v: GoValue): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch (e) {
      if (!(e instanceof DurationError)) throw e;
    }
  } else if (intOf(v, ['int64']) !== undefined) d = intOf(v, ['int64'])!;
  else if (isTime(v)) d = since(clock, timeOf(v));
  const u = BigInt.asUintN(64, d < 0n ? -d : d);
  const day = 24n * 3600n * SECOND;
  const units: Array<[bigint, string]> = [
    [365n * day, 'y'],
    [30n * day, 'mo'],
    [day, 'd'],
    [3600n * SECOND, 'h'],
    [60n * SECOND, 'm'],
    [SECOND, 's'],
  ];
  for (const [size, name] of units) if (u > size) return `${u / size}${name}`;
  return '0s';
}

/** sprig's duration: seconds (an int64 or a decimal string; anything else is 0) as a Duration string. */
function duration(v: GoValue): string {
  // strconv.ParseInt(v, 10, 64), whose value on overflow is the nearest int64 (sprig ignores the error).
  const n = typeof v === 'string' ? goParseInt(v, 10, 64).value : (intOf(v, ['int64']) ?? 0n);
  return durationString(BigInt.asIntN(64, n * SECOND));
}

function dateModify(layout: string, date: GoValue, must: boolean): GoValue {
  try {
    return timeValue(addDuration(timeOf(date), parseDuration(layout)));
  } catch (e) {
    if (!(e instanceof DurationError)) throw e;
    if (must) throw new GoFuncError(e.message);
    return date;
  }
}

function toDate(clock: Clock, layout: string, value: string, must: boolean): GoValue {
  try {
    return timeValue(parseTime(layout, value, clock.local));
  } catch (e) {
    if (!(e instanceof TimeParseError)) throw e;
    if (must) throw new GoFuncError(e.message);
    return timeValue(ZERO_TIME);
  }
}

export function dateFuncs(now: () => bigint, localZone: string | undefined): Record<string, GoFunc> {
  const clock: Clock = { now, local: localLocation(localZone) };
  const inZone = goFunc([T.string, T.any, T.string], T.string, ([f, d, z]) => dateInZone(clock, f as string, d, z as string));
  const modify = goFunc([T.string, TIME_TYPE], TIME_TYPE, ([f, d]) => dateModify(f as string, d, false));
  const mustModify = goFunc([T.string, TIME_TYPE], TIME_TYPE, ([f, d]) => dateModify(f as string, d, true), { canFail: true });
  return {
    now: goFunc([], TIME_TYPE, () => timeValue(fromUnixNano(now(), clock.local))),
    date: goFunc([T.string, T.any], T.string, ([f, d]) => dateInZone(clock, f as string, d, 'Local')),
    dateInZone: inZone,
    date_in_zone: inZone,
    htmlDate: goFunc([T.any], T.string, ([d]) => dateInZone(clock, '2006-01-02', d, 'Local')),
    htmlDateInZone: goFunc([T.any, T.string], T.string, ([d, z]) => dateInZone(clock, '2006-01-02', d, z as string)),
    dateModify: modify,
    date_modify: modify,
    mustDateModify: mustModify,
    must_date_modify: mustModify,
    ago: goFunc([T.any], T.string, ([d]) =>
      durationString(roundDuration(since(clock, dateArg(clock, d, ['int', 'int64'], false)), SECOND)),
    ),
    duration: goFunc([T.any], T.string, ([v]) => duration(v)),
    durationRound: goFunc([T.any], T.string, ([v]) => durationRound(clock, v)),
    toDate: goFunc([T.string, T.string], TIME_TYPE, ([f, s]) => toDate(clock, f as string, s as string, false)),
    mustToDate: goFunc([T.string, T.string], TIME_TYPE, ([f, s]) => toDate(clock, f as string, s as string, true), { canFail: true }),
    unixEpoch: goFunc([TIME_TYPE], T.string, ([d]) => String(timeOf(d).sec)),
  };
}

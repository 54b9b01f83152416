/**
 * The Go values templates see for times: time.Time (a struct with Go's unexported wall/ext/loc fields, printed
 * by its String method as "2006-01-02 15:04:05.999999999 -0700 MST"), time.Duration, time.Month and
 * time.Weekday, each with the methods templates commonly call (.Unix, .Format, .Year, .Month, .Sub ...).
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T, namedType, pointerTo, sliceOf, structType, type GoType } from '../go-types.js';
import { Typed, sliceValue, structValue, typedInt, type GoValue } from '../values.js';
import { durationString, HOUR, MINUTE, SECOND, roundDuration, timeQuote } from './duration.js';
import { addDate, addDuration, civil, MONTHS, subTimes, UNIX_TO_INTERNAL, WEEKDAYS, type GoTime } from './go-time.js';
import { formatTime, STRING_LAYOUT } from './time-format.js';
import { UTC, type GoLocation } from './time-zone.js';

const timeMethods: Record<string, GoFunc> = {};
const durationMethods: Record<string, GoFunc> = {};

const nameOf = (n: bigint, names: readonly string[], type: string, first: number): string =>
  n >= BigInt(first) && n < BigInt(first + names.length) ? names[Number(n) - first]! : `%!${type}(${n})`;

const MONTH_TYPE = namedType('time.Month', T.int, {
  String: goFunc([], T.string, ([m]) => nameOf((m as Typed).v as bigint, MONTHS, 'Month', 1)),
});
const WEEKDAY_TYPE = namedType('time.Weekday', T.int, {
  String: goFunc([], T.string, ([d]) => nameOf((d as Typed).v as bigint, WEEKDAYS, 'Weekday', 0)),
});
const DURATION_TYPE = namedType('time.Duration', T.int64, durationMethods);

/** Location.String: its name; a nil *Location is UTC. */
function locationName(l: GoValue): string {
  const loc = (l as Typed).type.kind === 'ptr' ? ((l as Typed).v as Typed | null) : (l as Typed);
  return loc === null ? 'UTC' : ((loc.v as GoValue[])[0] as string);
}

const LOCATION_METHODS = { String: goFunc([], T.string, ([l]) => locationName(l)) };
const LOCATION_TYPE = structType('time.Location', [{ name: 'name', type: T.string }], LOCATION_METHODS);
const LOCATION_POINTER: GoType = { ...pointerTo(LOCATION_TYPE), methods: LOCATION_METHODS };

export const TIME_TYPE = structType(
  'time.Time',
  [
    { name: 'wall', type: T.uint64 },
    { name: 'ext', type: T.int64 },
    { name: 'loc', type: LOCATION_POINTER },
  ],
  timeMethods,
);

const locations = new WeakMap<GoLocation, Typed>();
const locationOf = new WeakMap<Typed, GoLocation>();

/** The *time.Location of a location, one pointer per location (UTC is Go's nil pointer). */
function locationPointer(loc: GoLocation): Typed {
  if (loc.kind === 'utc') return new Typed(LOCATION_POINTER, null);
  let p = locations.get(loc);
  if (!p) {
    p = new Typed(LOCATION_POINTER, structValue(LOCATION_TYPE, { name: loc.name }));
    locations.set(loc, p);
    locationOf.set(p, loc);
  }
  return p;
}

export function timeValue(t: GoTime): Typed {
  return structValue(TIME_TYPE, {
    wall: typedInt(T.uint64, BigInt(t.nsec)),
    ext: typedInt(T.int64, t.sec + UNIX_TO_INTERNAL),
    loc: locationPointer(t.loc),
  });
}

/** The time a time.Time (or *time.Time) value holds. */
export function timeOf(v: GoValue): GoTime {
  let value = v as Typed;
  if (value.type.kind === 'ptr') {
    if (value.v === null) throw new GoFuncError('runtime error: invalid memory address or nil pointer dereference');
    value = value.v as Typed;
  }
  const [wall, ext, loc] = value.v as Typed[];
  return { sec: (ext!.v as bigint) - UNIX_TO_INTERNAL, nsec: Number(wall!.v), loc: loc!.v === null ? UTC : (locationOf.get(loc!) ?? UTC) };
}

export const isTime = (v: GoValue): boolean => v instanceof Typed && v.type === TIME_TYPE;
export const isTimePointer = (v: GoValue): boolean => v instanceof Typed && v.type.kind === 'ptr' && v.type.elem === TIME_TYPE;
const durationValue = (d: bigint): GoValue => typedInt(DURATION_TYPE, d);

const int = (n: number | bigint): bigint => BigInt(n);
const int64 = (n: bigint): GoValue => typedInt(T.int64, n);
const method = (params: GoType[], result: GoType, fn: (t: GoTime, args: GoValue[]) => GoValue, canFail = false): GoFunc =>
  goFunc(params, result, ([self, ...args]) => fn(timeOf(self), args), { canFail });

/** Time.MarshalJSON / MarshalText: RFC 3339 with nanoseconds, for years 0 to 9999. */
function marshal(t: GoTime, what: string, quoted: boolean): GoValue {
  const year = civil(t).year;
  if (year < 0 || year > 9999) throw new GoFuncError(`Time.${what}: year outside of range [0,9999]`);
  const text = formatTime(t, '2006-01-02T15:04:05.999999999Z07:00');
  return sliceValue(
    sliceOf(T.uint8),
    [...Buffer.from(quoted ? `"${text}"` : text)].map((b) => typedInt(T.uint8, BigInt(b))),
  );
}

/** Time.GoString (for %#v): time.Date(2024, time.March, 10, 7, 8, 9, 0, time.Local). */
function goString(t: GoTime): string {
  const c = civil(t);
  const loc =
    t.loc.kind === 'utc'
      ? 'time.UTC'
      : t.loc.kind === 'tz' && t.loc.name === 'Local'
        ? 'time.Local'
        : `time.Location(${timeQuote(t.loc.name)})`;
  return `time.Date(${c.year}, time.${MONTHS[c.month - 1]}, ${c.day}, ${c.hour}, ${c.minute}, ${c.second}, ${t.nsec}, ${loc})`;
}

Object.assign(timeMethods, {
  String: method([], T.string, (t) => formatTime(t, STRING_LAYOUT)),
  GoString: method([], T.string, goString),
  Format: method([T.string], T.string, (t, [layout]) => formatTime(t, layout as string)),
  Unix: method([], T.int64, (t) => int64(t.sec)),
  UnixMilli: method([], T.int64, (t) => int64(t.sec * 1000n + int(Math.floor(t.nsec / 1e6)))),
  UnixMicro: method([], T.int64, (t) => int64(t.sec * 1_000_000n + int(Math.floor(t.nsec / 1e3)))),
  UnixNano: method([], T.int64, (t) => int64(BigInt.asIntN(64, t.sec * 1_000_000_000n + int(t.nsec)))),
  Year: method([], T.int, (t) => int(civil(t).year)),
  Month: method([], MONTH_TYPE, (t) => typedInt(MONTH_TYPE, int(civil(t).month))),
  Day: method([], T.int, (t) => int(civil(t).day)),
  Hour: method([], T.int, (t) => int(civil(t).hour)),
  Minute: method([], T.int, (t) => int(civil(t).minute)),
  Second: method([], T.int, (t) => int(civil(t).second)),
  Nanosecond: method([], T.int, (t) => int(t.nsec)),
  YearDay: method([], T.int, (t) => int(civil(t).yday)),
  Weekday: method([], WEEKDAY_TYPE, (t) => typedInt(WEEKDAY_TYPE, int(civil(t).weekday))),
  UTC: method([], TIME_TYPE, (t) => timeValue({ ...t, loc: UTC })),
  Location: method([], LOCATION_POINTER, (t) => (t.loc.kind === 'utc' ? utcLocation : locationPointer(t.loc))),
  IsZero: method([], T.bool, (t) => t.sec === -UNIX_TO_INTERNAL && t.nsec === 0),
  Before: method([TIME_TYPE], T.bool, (t, [u]) => subTimes(t, timeOf(u)) < 0n),
  After: method([TIME_TYPE], T.bool, (t, [u]) => subTimes(t, timeOf(u)) > 0n),
  Equal: method([TIME_TYPE], T.bool, (t, [u]) => subTimes(t, timeOf(u)) === 0n),
  Sub: method([TIME_TYPE], DURATION_TYPE, (t, [u]) => durationValue(subTimes(t, timeOf(u)))),
  Add: method([DURATION_TYPE], TIME_TYPE, (t, [d]) => timeValue(addDuration(t, (d as Typed).v as bigint))),
  AddDate: method([T.int, T.int, T.int], TIME_TYPE, (t, [y, m, d]) => timeValue(addDate(t, Number(y), Number(m), Number(d)))),
  MarshalJSON: method([], sliceOf(T.uint8), (t) => marshal(t, 'MarshalJSON', true), true),
  MarshalText: method([], sliceOf(T.uint8), (t) => marshal(t, 'MarshalText', false), true),
});

/** Go's time.UTC location, whose String is "UTC" (a non-nil pointer, as Location() returns it). */
const utcLocation = new Typed(LOCATION_POINTER, structValue(LOCATION_TYPE, { name: 'UTC' }));

const dmethod = (params: GoType[], result: GoType, fn: (d: bigint, args: GoValue[]) => GoValue): GoFunc =>
  goFunc(params, result, ([self, ...args]) => fn((self as Typed).v as bigint, args));
/** float64(d / unit) + float64(d % unit) / unit, as Go's Hours, Minutes and Seconds compute it. */
const inUnits = (d: bigint, unit: bigint): number => Number(d / unit) + Number(d % unit) / Number(unit);

Object.assign(durationMethods, {
  String: dmethod([], T.string, (d) => durationString(d)),
  Hours: dmethod([], T.float64, (d) => inUnits(d, HOUR)),
  Minutes: dmethod([], T.float64, (d) => inUnits(d, MINUTE)),
  Seconds: dmethod([], T.float64, (d) => inUnits(d, SECOND)),
  Milliseconds: dmethod([], T.int64, (d) => int64(d / 1_000_000n)),
  Microseconds: dmethod([], T.int64, (d) => int64(d / 1000n)),
  Nanoseconds: dmethod([], T.int64, (d) => int64(d)),
  Round: dmethod([DURATION_TYPE], DURATION_TYPE, (d, [m]) => durationValue(roundDuration(d, (m as Typed).v as bigint))),
});

/**
 * Go's time.Time as plain data: a Unix second, a nanosecond and a location, with the proleptic Gregorian
 * calendar Go uses for every year (time.Date's normalisation, the civil fields of an instant, AddDate). No
 * monotonic clock reading: times print without Go's " m=+0.0001" suffix.
 */
import { offsetForWall, zoneAt, type GoLocation, type GoZone } from './time-zone.js';

export interface GoTime {
  readonly sec: bigint;
  readonly nsec: number;
  readonly loc: GoLocation;
}

/** The fields of an instant on its location's wall clock. */
export interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday. */
  readonly weekday: number;
  /** 1-based day of the year. */
  readonly yday: number;
  readonly zone: GoZone;
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/** Seconds from 0001-01-01 to 1970-01-01: the zero time.Time is year 1. */
export const UNIX_TO_INTERNAL = 62135596800n;
export const ZERO_TIME: GoTime = { sec: -UNIX_TO_INTERNAL, nsec: 0, loc: { kind: 'utc' } };

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return DAYS_BEFORE[month]! - DAYS_BEFORE[month - 1]!;
}

export { DAYS_BEFORE };

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (month + (month > 2 ? -3 : 9)) + 2, 5) + day - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The wall-clock fields of a time in its location. */
export function civil(t: GoTime): Civil {
  const zone = zoneAt(t.loc, t.sec);
  const local = t.sec + BigInt(zone.offset);
  const days = Number(local >= 0n ? local / 86400n : -((-local + 86399n) / 86400n));
  const secOfDay = Number(local - BigInt(days) * 86400n);
  const [year, month, day] = civilFromDays(days);
  const yday = DAYS_BEFORE[month - 1]! + day + (month > 2 && isLeap(year) ? 1 : 0);
  return {
    year,
    month,
    day,
    yday,
    zone,
    hour: floorDiv(secOfDay, 3600),
    minute: floorDiv(secOfDay % 3600, 60),
    second: secOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

/** Go's norm: hi and lo with lo brought into [0, base). */
function norm(hi: number, lo: number, base: number): [number, number] {
  const carry = floorDiv(lo, base);
  return [hi + carry, lo - carry * base];
}

/** time.Date: the fields may be out of range (they carry over); the wall clock is resolved in `loc`. */
export function goDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  min: number,
  sec: number,
  nsec: number,
  loc: GoLocation,
): GoTime {
  let m: number;
  [year, m] = norm(year, month - 1, 12);
  [sec, nsec] = norm(sec, nsec, 1e9);
  [min, sec] = norm(min, sec, 60);
  [hour, min] = norm(hour, min, 60);
  [day, hour] = norm(day, hour, 24);
  const days = daysFromCivil(year, m + 1, 1) + day - 1;
  const wall = BigInt(days) * 86400n + BigInt(hour * 3600 + min * 60 + sec);
  return { sec: wall - BigInt(offsetForWall(loc, wall)), nsec, loc };
}

/** Time.AddDate. */
export function addDate(t: GoTime, years: number, months: number, days: number): GoTime {
  const c = civil(t);
  return goDate(c.year + years, c.month + months, c.day + days, c.hour, c.minute, c.second, t.nsec, t.loc);
}

/** Time.Add: a duration in nanoseconds. */
export function addDuration(t: GoTime, d: bigint): GoTime {
  const total = BigInt(t.nsec) + (d % 1_000_000_000n);
  let sec = t.sec + d / 1_000_000_000n;
  let nsec = Number(total);
  if (nsec >= 1e9) {
    sec += 1n;
    nsec -= 1e9;
  } else if (nsec < 0) {
    sec -= 1n;
    nsec += 1e9;
  }
  return { sec, nsec, loc: t.loc };
}

const MIN_DURATION = -(1n << 63n);
const MAX_DURATION = (1n << 63n) - 1n;

/** Time.Sub: t - u in nanoseconds, saturating at the int64 range. */
export function subTimes(t: GoTime, u: GoTime): bigint {
  const d = (t.sec - u.sec) * 1_000_000_000n + BigInt(t.nsec - u.nsec);
  return d < MIN_DURATION ? MIN_DURATION : d > MAX_DURATION ? MAX_DURATION : d;
}

/** A time from Unix nanoseconds (the run's clock) in a location. */
export function fromUnixNano(ns: bigint, loc: GoLocation): GoTime {
  const sec = ns >= 0n ? ns / 1_000_000_000n : -((-ns + 999_999_999n) / 1_000_000_000n);
  return { sec, nsec: Number(ns - sec * 1_000_000_000n), loc };
}

/**
 * Go's time.ParseInLocation: a value read against a reference-time layout, with Go's error texts
 * (`parsing time "x" as "2006-01-02": cannot parse "x" as "2006"`) and its zone rules: an offset or
 * abbreviation the local zone has in effect gives a local time, any other a fixed zone.
 *
 * This is the parser of Go 1.20 and later, which score-k8s is built with (Go 1.19, the test oracle, differs:
 * it reports some errors after the bad element rather than at it, caps `.999` fractions at nine digits,
 * accepts any zone offset and accepts "Z" only in three of the five ISO 8601 offset forms).
 */
import { timeQuote } from './duration.js';
import { daysIn, DAYS_BEFORE, goDate, isLeap, type GoTime } from './go-time.js';
import { nextChunk } from './time-format.js';
import { Bad, parseElement, RangeProblem, skip, type Fields } from './time-parse-elements.js';
import { offsetOfAbbreviation, UTC, zoneAt, type GoLocation } from './time-zone.js';

/** A value that does not fit its layout; the message is Go's ParseError text. */
export class TimeParseError extends Error {}

/** time.ParseInLocation(layout, value, local), `local` also being the zone whose offsets and names count. */
export function parseTime(layout: string, value: string, local: GoLocation): GoTime {
  const f: Fields = { year: 0, month: -1, day: -1, yday: -1, hour: 0, min: 0, sec: 0, nsec: 0, zoneName: '' };
  const fail = (message: string): TimeParseError => new TimeParseError(`parsing time ${timeQuote(value)}${message}`);
  let rest = value;
  let lay = layout;
  for (;;) {
    const { prefix, element, suffix } = nextChunk(lay);
    const stdText = lay.slice(prefix.length, lay.length - suffix.length);
    try {
      rest = skip(rest, prefix);
    } catch (e) {
      throw fail(` as ${timeQuote(layout)}: cannot parse ${timeQuote((e as Bad).rest ?? rest)} as ${timeQuote(prefix)}`);
    }
    if (!element) {
      if (rest !== '') throw fail(`: extra text: ${timeQuote(rest)}`);
      break;
    }
    lay = suffix;
    try {
      rest = parseElement(element, rest, lay, f);
    } catch (e) {
      if (e instanceof RangeProblem) throw fail(`: ${e.message} out of range`);
      if (e instanceof Bad) throw fail(` as ${timeQuote(layout)}: cannot parse ${timeQuote(rest)} as ${timeQuote(stdText)}`);
      throw e;
    }
  }
  if (f.pm === true && f.hour < 12) f.hour += 12;
  else if (f.pm === false && f.hour === 12) f.hour = 0;
  resolveDay(f, fail);
  return place(f, local);
}

/** Month and day from the day of the year, or their defaults; Go's checks and messages. */
function resolveDay(f: Fields, fail: (message: string) => TimeParseError): void {
  if (f.yday >= 0) {
    let yday = f.yday;
    let m = 0;
    let d = 0;
    if (isLeap(f.year)) {
      if (yday === 31 + 29) [m, d] = [2, 29];
      else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) throw fail(': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (DAYS_BEFORE[m]! < yday) m++;
      d = yday - DAYS_BEFORE[m - 1]!;
    }
    if (f.month >= 0 && f.month !== m) throw fail(': day-of-year does not match month');
    if (f.day >= 0 && f.day !== d) throw fail(': day-of-year does not match day');
    [f.month, f.day] = [m, d];
  } else {
    if (f.month < 0) f.month = 1;
    if (f.day < 0) f.day = 1;
  }
  if (f.day < 1 || f.day > daysIn(f.month, f.year)) throw fail(': day out of range');
}

/** The instant and location the parsed fields stand for. */
function place(f: Fields, local: GoLocation): GoTime {
  const at = (loc: GoLocation): GoTime => goDate(f.year, f.month, f.day, f.hour, f.min, f.sec, f.nsec, loc);
  if (f.z) return at(f.z);
  if (f.zoneOffset !== undefined) {
    const t = at(UTC);
    const sec = t.sec - BigInt(f.zoneOffset);
    const zone = zoneAt(local, sec);
    const inLocal = zone.offset === f.zoneOffset && (f.zoneName === '' || zone.abbr === f.zoneName);
    return { sec, nsec: t.nsec, loc: inLocal ? local : { kind: 'fixed', name: f.zoneName, offset: f.zoneOffset } };
  }
  if (f.zoneName !== '') {
    const t = at(UTC);
    const offset = offsetOfAbbreviation(local, f.zoneName, t.sec);
    if (offset !== undefined) return { sec: t.sec - BigInt(offset), nsec: t.nsec, loc: local };
    const gmt = f.zoneName.length > 3 && f.zoneName.startsWith('GMT') ? Number(f.zoneName.slice(3)) * 3600 : 0;
    return { sec: t.sec, nsec: t.nsec, loc: { kind: 'fixed', name: f.zoneName, offset: gmt } };
  }
  return at(local);
}

/**
 * Go's *time.Location for score-ts: UTC, a named IANA zone (its offsets from Intl, its abbreviations from
 * tzdata via zone-table.ts, as Go's LoadLocation reads them from the system), or a fixed zone that Parse makes.
 * "Local" is the run's chosen zone (UTC unless the caller says otherwise), never the machine's.
 *
 * Intl's data (ICU) agrees with tzdata from 1970 on; before, ICU merges zones that tzdata keeps apart (Africa/
 * Bamako is Abidjan's), so some zones' offsets and names there are not those Go prints.
 */
import { ZONE_ABBREVIATIONS } from './zone-table.js';

export type GoLocation =
  | { readonly kind: 'utc' }
  | { readonly kind: 'tz'; readonly name: string; readonly tz: string }
  | { readonly kind: 'fixed'; readonly name: string; readonly offset: number };

/** A zone in effect: its abbreviation (Go's zone name) and its offset in seconds east of UTC. */
export interface GoZone {
  readonly abbr: string;
  readonly offset: number;
}

export const UTC: GoLocation = { kind: 'utc' };
const UTC_ZONE: GoZone = { abbr: 'UTC', offset: 0 };

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(tz: string): Intl.DateTimeFormat | null {
  let f = formatters.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    } catch {
      f = null;
    }
    formatters.set(tz, f);
  }
  return f;
}

const MAX_MS = 8.64e15;

/** The offset (seconds east of UTC) of an IANA zone at a Unix second, from Intl's "GMT+05:30" text. */
function offsetAt(tz: string, unix: bigint): number {
  const ms = Math.max(-MAX_MS, Math.min(MAX_MS, Number(unix) * 1000));
  const text =
    formatter(tz)
      ?.formatToParts(ms)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return 0;
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -seconds : seconds;
}

/** One abbreviation a zone used at one offset, between two days since 1970 (weekly samples of tzdata). */
interface ZoneUse {
  readonly abbr: string;
  readonly offset: number;
  readonly first: number;
  readonly last: number;
  readonly dst: boolean;
}

const uses = new Map<string, readonly ZoneUse[]>();

/** A zone's abbreviations from zone-table.ts: "CET@3600@-28029:25563,CEST@7200@-19601:25500@dst,...". */
function zoneUses(tz: string): readonly ZoneUse[] {
  let list = uses.get(tz);
  if (!list) {
    list = (ZONE_ABBREVIATIONS[tz] ?? '')
      .split(',')
      .filter((e) => e !== '')
      .map((e) => {
        const [abbr = '', offset = '0', days = '0:0', dst] = e.split('@');
        const [first = '0', last = '0'] = days.split(':');
        return { abbr, offset: Number(offset), first: Number(first), last: Number(last), dst: dst === 'dst' };
      });
    uses.set(tz, list);
  }
  return list;
}

const DAY = 86400;
const shortFormatters = new Map<string, Intl.DateTimeFormat>();

/** Intl's en-US short zone name at a Unix second ("EDT", or "GMT+1" where it has none). */
function shortName(tz: string, unix: bigint): string {
  let f = shortFormatters.get(tz);
  if (!f) shortFormatters.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' })));
  const ms = Math.max(-MAX_MS, Math.min(MAX_MS, Number(unix) * 1000));
  return f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** Whether an offset is above the zone's lower offset of that year: daylight saving time. */
function isDaylight(tz: string, offset: number, unix: bigint): boolean {
  const year = BigInt(Math.round(365.2425 * DAY));
  const start = unix - (((unix % year) + year) % year);
  return offset > Math.min(offsetAt(tz, start + 15n * BigInt(DAY)), offsetAt(tz, start + 196n * BigInt(DAY)));
}

/**
 * tzdata's abbreviation for a zone's offset at a Unix second: the one in use then (by its days; between two,
 * the one Intl names, else the one whose daylight time matches, else the shorter use), else the nearest in
 * time, else Go's numeric form ("+0530").
 */
function abbreviation(tz: string, offset: number, unix: bigint): string {
  const day = Number(unix) / DAY;
  const candidates = zoneUses(tz).filter((u) => u.offset === offset);
  const distance = (u: ZoneUse): number => (day < u.first - 7 ? u.first - day : day > u.last + 7 ? day - u.last : 0);
  const near = Math.min(...candidates.map(distance));
  let best = candidates.filter((u) => distance(u) === near);
  if (best.length > 1) {
    // Intl's own short name decides where it has one (American zones: EDT, AST), else daylight time does.
    const named = shortName(tz, unix);
    const dst = isDaylight(tz, offset, unix);
    if (best.some((u) => u.abbr === named)) best = best.filter((u) => u.abbr === named);
    else if (best.some((u) => u.dst === dst)) best = best.filter((u) => u.dst === dst);
  }
  const use = best.sort((a, b) => a.last - a.first - (b.last - b.first))[0];
  if (use) return use.abbr;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = Math.floor((abs % 3600) / 60);
  return `${sign}${hh}${mm === 0 ? '' : String(mm).padStart(2, '0')}`;
}

/** The zone in effect at a Unix second. */
export function zoneAt(loc: GoLocation, unix: bigint): GoZone {
  switch (loc.kind) {
    case 'utc':
      return UTC_ZONE;
    case 'fixed':
      return { abbr: loc.name, offset: loc.offset };
    case 'tz': {
      if (loc.tz === 'UTC') return UTC_ZONE;
      const offset = offsetAt(loc.tz, unix);
      return { abbr: abbreviation(loc.tz, offset, unix), offset };
    }
  }
}

/** The offset of a zone whose local wall clock reads `wall` (Unix seconds as if UTC), as Go's Date finds it. */
export function offsetForWall(loc: GoLocation, wall: bigint): number {
  const first = zoneAt(loc, wall).offset;
  return first === 0 ? 0 : zoneAt(loc, wall - BigInt(first)).offset;
}

/** The offset an abbreviation stands for in a zone (Go's Location.lookupName), if the zone uses it. */
export function offsetOfAbbreviation(loc: GoLocation, abbr: string, unix: bigint): number | undefined {
  if (loc.kind === 'utc') return abbr === 'UTC' ? 0 : undefined;
  if (loc.kind === 'fixed') return abbr === loc.name ? loc.offset : undefined;
  const offsets = zoneUses(loc.tz)
    .filter((u) => u.abbr === abbr)
    .map((u) => u.offset);
  for (const offset of offsets) if (zoneAt(loc, unix - BigInt(offset)).abbr === abbr) return zoneAt(loc, unix - BigInt(offset)).offset;
  return offsets[0];
}

/** The run's Local, named "Local" as Go names the machine's zone: UTC unless a known zone is asked for. */
export function localLocation(zone: string | undefined): GoLocation {
  const tz = zone !== undefined && loadZone(zone) ? zone : 'UTC';
  return { kind: 'tz', name: 'Local', tz };
}

/** time.LoadLocation: "" and "UTC" are UTC, "Local" is the run's Local, others must be tzdata names. */
export function loadLocation(name: string, local: GoLocation): GoLocation | undefined {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return local;
  return loadZone(name);
}

function loadZone(name: string): GoLocation | undefined {
  if (!Object.hasOwn(ZONE_ABBREVIATIONS, name) || formatter(name) === null) return undefined;
  return { kind: 'tz', name, tz: name };
}

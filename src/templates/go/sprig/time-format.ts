/**
 * Go's reference-time layouts ("Mon Jan 2 15:04:05 MST 2006"): splitting a layout into literal text and
 * elements (time.nextStdChunk, its quirks included: "Jan" is a month only when no lower-case letter follows,
 * "_2006" is "_" then the year), and Time.Format.
 */
import { civil, MONTHS, WEEKDAYS, type GoTime } from './go-time.js';

/** A layout element: the reference-time text it stands for, or a fractional second. */
export type LayoutElement =
  | { readonly kind: 'std'; readonly std: string }
  | { readonly kind: 'frac'; readonly trim: boolean; readonly digits: number; readonly separator: string };

export interface Chunk {
  readonly prefix: string;
  readonly element: LayoutElement | undefined;
  readonly suffix: string;
}

const std = (value: string): LayoutElement => ({ kind: 'std', std: value });

/** The longest of `options` the layout has at i (they are tried in order). */
function startsAt(layout: string, i: number, options: readonly string[]): string | undefined {
  return options.find((o) => layout.startsWith(o, i));
}

const startsWithLower = (s: string): boolean => s.length > 0 && s[0]! >= 'a' && s[0]! <= 'z';

/** The element at position i of the layout, and its length; undefined when none starts there. */
function elementAt(layout: string, i: number): [LayoutElement, number] | undefined {
  const rest = layout.slice(i);
  switch (layout[i]) {
    case 'J':
      if (rest.startsWith('January')) return [std('January'), 7];
      if (rest.startsWith('Jan') && !startsWithLower(rest.slice(3))) return [std('Jan'), 3];
      return undefined;
    case 'M':
      if (rest.startsWith('Monday')) return [std('Monday'), 6];
      if (rest.startsWith('Mon') && !startsWithLower(rest.slice(3))) return [std('Mon'), 3];
      if (rest.startsWith('MST')) return [std('MST'), 3];
      return undefined;
    case '0':
      if (/^0[1-6]/.test(rest)) return [std(rest.slice(0, 2)), 2];
      if (rest.startsWith('002')) return [std('002'), 3];
      return undefined;
    case '1':
      return rest.startsWith('15') ? [std('15'), 2] : [std('1'), 1];
    case '2':
      return rest.startsWith('2006') ? [std('2006'), 4] : [std('2'), 1];
    case '_':
      if (rest.startsWith('_2') && !rest.startsWith('_2006')) return [std('_2'), 2];
      if (rest.startsWith('__2')) return [std('__2'), 3];
      return undefined;
    case '3':
    case '4':
    case '5':
      return [std(layout[i]), 1];
    case 'P':
    case 'p':
      return rest.startsWith('PM') || rest.startsWith('pm') ? [std(rest.slice(0, 2)), 2] : undefined;
    case '-': {
      const found = startsAt(layout, i, ['-070000', '-07:00:00', '-0700', '-07:00', '-07']);
      return found ? [std(found), found.length] : undefined;
    }
    case 'Z': {
      const found = startsAt(layout, i, ['Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07']);
      return found ? [std(found), found.length] : undefined;
    }
    case '.':
    case ',': {
      const m = /^[.,](0+|9+)/.exec(rest);
      if (!m || /^[0-9]/.test(rest.slice(m[0].length))) return undefined;
      return [{ kind: 'frac', trim: m[1]![0] === '9', digits: m[1]!.length, separator: layout[i] }, m[0].length];
    }
  }
  return undefined;
}

/** time.nextStdChunk. */
export function nextChunk(layout: string): Chunk {
  for (let i = 0; i < layout.length; i++) {
    // "_2006" is a literal "_" followed by the year.
    if (layout.startsWith('_2006', i)) return { prefix: layout.slice(0, i + 1), element: std('2006'), suffix: layout.slice(i + 5) };
    const found = elementAt(layout, i);
    if (found) return { prefix: layout.slice(0, i), element: found[0], suffix: layout.slice(i + found[1]) };
  }
  return { prefix: layout, element: undefined, suffix: '' };
}

const pad = (n: number, width: number): string => (n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0'));

/** A zone offset as -0700, -07:00, -07, with seconds when asked; Z for UTC in the ISO forms (Go's arithmetic). */
function formatOffset(code: string, offset: number): string {
  if (offset === 0 && code.startsWith('Z')) return 'Z';
  let minutes = Math.trunc(offset / 60);
  let abs = offset;
  let sign = '+';
  if (minutes < 0) {
    [sign, minutes, abs] = ['-', -minutes, -abs];
  }
  const colon = code.includes(':') ? ':' : '';
  let out = sign + pad(Math.trunc(minutes / 60), 2);
  if (!code.endsWith('07')) out += colon + pad(minutes % 60, 2);
  if (code.length === 7 || code.length === 9) out += colon + pad(abs % 60, 2);
  return out;
}

function formatStd(code: string, t: GoTime, c: ReturnType<typeof civil>): string {
  const hour12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
  switch (code) {
    case '2006':
      return pad(c.year, 4);
    case '06':
      return pad(Math.abs(c.year) % 100, 2);
    case 'January':
      return MONTHS[c.month - 1]!;
    case 'Jan':
      return MONTHS[c.month - 1]!.slice(0, 3);
    case '1':
      return String(c.month);
    case '01':
      return pad(c.month, 2);
    case 'Monday':
      return WEEKDAYS[c.weekday]!;
    case 'Mon':
      return WEEKDAYS[c.weekday]!.slice(0, 3);
    case '2':
      return String(c.day);
    case '_2':
      return String(c.day).padStart(2, ' ');
    case '02':
      return pad(c.day, 2);
    case '__2':
      return String(c.yday).padStart(3, ' ');
    case '002':
      return pad(c.yday, 3);
    case '15':
      return pad(c.hour, 2);
    case '3':
      return String(hour12);
    case '03':
      return pad(hour12, 2);
    case '4':
      return String(c.minute);
    case '04':
      return pad(c.minute, 2);
    case '5':
      return String(c.second);
    case '05':
      return pad(c.second, 2);
    case 'PM':
      return c.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return c.hour >= 12 ? 'pm' : 'am';
    case 'MST':
      return c.zone.abbr !== '' ? c.zone.abbr : formatOffset('-0700', c.zone.offset);
  }
  return formatOffset(code, c.zone.offset);
}

/** Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const c = civil(t);
  let out = '';
  let rest = layout;
  while (rest !== '') {
    const { prefix, element, suffix } = nextChunk(rest);
    out += prefix;
    if (!element) break;
    rest = suffix;
    if (element.kind === 'std') out += formatStd(element.std, t, c);
    else {
      let digits = String(t.nsec).padStart(9, '0').slice(0, Math.min(element.digits, 9));
      if (element.trim) digits = digits.replace(/0+$/, '');
      if (!element.trim || digits !== '') out += element.separator + digits;
    }
  }
  return out;
}

/** Time.String's layout. */
export const STRING_LAYOUT = '2006-01-02 15:04:05.999999999 -0700 MST';

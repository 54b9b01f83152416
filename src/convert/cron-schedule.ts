/**
 * A CronJob's schedule and time zone, checked the way the Kubernetes API server checks them, so a mistake
 * shows at generate time with its file and line instead of at `kubectl apply`.
 *
 * Schedules follow robfig/cron's standard parser (what Kubernetes uses): five fields
 * `minute hour day-of-month month day-of-week`, each a comma list of `*`, `?`, `N`, `N-M`, with an optional
 * `/STEP`; months and weekdays may be named (jan-dec, sun-sat, any case). Or one of the macros Kubernetes
 * documents. Stricter than robfig only where it is lax by accident (`+5`, `*-3`), and `@every` is not taken:
 * Kubernetes does not document it.
 */
import { TIME_ZONE_ANNOTATION } from './names.js';

const SCHEDULE_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'] as const;

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names for the values min, min+1, ... */
  readonly names?: readonly string[];
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const SYNTAX_HINT = `write five fields "minute hour day-of-month month day-of-week" such as "0 3 * * *", or one of ${SCHEDULE_MACROS.join(', ')}`;

/** Why `schedule` is not a schedule Kubernetes accepts, or undefined when it is one. */
export function scheduleProblem(schedule: string): string | undefined {
  const text = schedule.trim();
  const invalid = (detail: string) => `'${schedule}' is not a cron schedule: ${detail}`;
  // Kubernetes rejects TZ= and CRON_TZ= in new schedules: the zone belongs in spec.timeZone.
  if (text.includes('TZ')) return invalid(`Kubernetes takes no TZ= in a schedule; put the zone in the annotation ${TIME_ZONE_ANNOTATION}`);
  if (text.startsWith('@'))
    return (SCHEDULE_MACROS as readonly string[]).includes(text) ? undefined : invalid(`unknown macro; ${SYNTAX_HINT}`);
  const fields = text === '' ? [] : text.split(/\s+/);
  if (fields.length !== FIELDS.length) return invalid(`it has ${fields.length} field${fields.length === 1 ? '' : 's'}; ${SYNTAX_HINT}`);
  for (const [i, field] of FIELDS.entries()) {
    const problem = fieldProblem(fields[i]!, field);
    if (problem) return invalid(`${field.name} '${fields[i]}': ${problem}`);
  }
  return undefined;
}

function fieldProblem(text: string, field: CronField): string | undefined {
  for (const part of text.split(',')) {
    const problem = partProblem(part, field);
    if (problem) return problem;
  }
  return undefined;
}

/** One list item: `*`, `?`, `N` or `N-M`, optionally `/STEP` (`N/STEP` means N to the maximum). */
function partProblem(part: string, field: CronField): string | undefined {
  if (part === '') return 'a list has an empty item';
  const [range = '', step, ...extra] = part.split('/');
  if (extra.length > 0) return `'${part}' has more than one '/'`;
  if (step !== undefined && !(/^[0-9]+$/.test(step) && Number(step) > 0)) return `the step '${step}' must be a positive whole number`;
  if (range === '*' || range === '?') return undefined;
  const ends = range.split('-');
  if (ends.length > 2 || ends.includes('')) return `'${range}' is not a value or a range like 1-5`;
  const values = ends.map((e) => valueOf(e, field));
  const bad = ends.find((_, i) => values[i] === undefined);
  if (bad !== undefined) return `'${bad}' is not a number${field.names ? ` or a name (${field.names[0]}-${field.names.at(-1)})` : ''}`;
  const start = values[0]!;
  const end = step !== undefined && values.length === 1 ? field.max : values.at(-1)!;
  const outside = [start, end].find((v) => v < field.min || v > field.max);
  if (outside !== undefined) return `${outside} is outside ${field.min}-${field.max}`;
  if (start > end) return `the range '${range}' runs backwards`;
  return undefined;
}

function valueOf(text: string, field: CronField): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return named >= 0 ? field.min + named : undefined;
}

/**
 * Why `zone` is not a time zone Kubernetes accepts, or undefined. The name rules are the API server's; that
 * the zone exists is checked against Node.js's time zone data, which may lag the cluster's by a release.
 */
export function timeZoneProblem(zone: string): string | undefined {
  const example = 'such as Europe/Berlin or UTC';
  const parts = zone.split('/');
  if (parts.some((p) => p === '.' || p === '..' || p.startsWith('-') || !/^[A-Za-z0-9._+-]{1,14}$/.test(p))) {
    return `'${zone}' is not an IANA time zone name ${example}`;
  }
  if (zone.toLowerCase() === 'local') return `'${zone}' would depend on the cluster's settings; name the zone, ${example}`;
  const resolved = resolveTimeZone(zone);
  if (resolved === undefined) return `'${zone}' is not a known IANA time zone; use a name ${example}`;
  // Intl ignores case, the cluster's zone files do not.
  const exact = [resolved, ...Intl.supportedValuesOf('timeZone')].find((z) => z.toLowerCase() === zone.toLowerCase());
  if (exact !== undefined && exact !== zone) return `time zone names are case-sensitive in Kubernetes: write '${exact}'`;
  return undefined;
}

function resolveTimeZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

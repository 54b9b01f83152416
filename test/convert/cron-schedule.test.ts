import { describe, expect, it } from 'vitest';
import { scheduleProblem, timeZoneProblem } from '../../src/convert/cron-schedule.js';

const HINT =
  'write five fields "minute hour day-of-month month day-of-week" such as "0 3 * * *", or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly';

describe('scheduleProblem: schedules Kubernetes accepts', () => {
  it.each([
    { name: 'every minute', schedule: '* * * * *' },
    { name: 'fixed time', schedule: '0 3 * * *' },
    { name: 'lists, ranges and steps', schedule: '0,30 8-18/2 1-15 */3 1-5' },
    { name: 'N/STEP runs from N to the maximum', schedule: '5/15 * * * *' },
    { name: 'range with a step', schedule: '0-30/10 * * * *' },
    { name: 'field bounds', schedule: '59 23 31 12 6' },
    { name: 'lowest values', schedule: '0 0 1 1 0' },
    { name: 'month and weekday names, any case', schedule: '0 9 * JAN-mar Mon-Fri' },
    { name: '? in place of *', schedule: '0 0 ? * ?' },
    { name: 'extra spaces', schedule: ' 0  3 * * * ' },
    { name: '@hourly', schedule: '@hourly' },
    { name: '@daily', schedule: '@daily' },
    { name: '@midnight', schedule: '@midnight' },
    { name: '@weekly', schedule: '@weekly' },
    { name: '@monthly', schedule: '@monthly' },
    { name: '@yearly', schedule: '@yearly' },
    { name: '@annually', schedule: '@annually' },
  ])('$name: $schedule', ({ schedule }) => {
    expect(scheduleProblem(schedule)).toBeUndefined();
  });
});

describe('scheduleProblem: schedules it rejects, with the reason', () => {
  it.each([
    { name: 'empty', schedule: '', problem: `'' is not a cron schedule: it has 0 fields; ${HINT}` },
    { name: 'too few fields', schedule: '0 3 * *', problem: `'0 3 * *' is not a cron schedule: it has 4 fields; ${HINT}` },
    {
      name: 'six fields (seconds are not taken)',
      schedule: '0 0 3 * * *',
      problem: `'0 0 3 * * *' is not a cron schedule: it has 6 fields; ${HINT}`,
    },
    { name: 'unknown macro', schedule: '@fortnightly', problem: `'@fortnightly' is not a cron schedule: unknown macro; ${HINT}` },
    {
      name: '@every is not documented by Kubernetes',
      schedule: '@every 5m',
      problem: `'@every 5m' is not a cron schedule: unknown macro; ${HINT}`,
    },
    { name: 'macros are case-sensitive', schedule: '@Daily', problem: `'@Daily' is not a cron schedule: unknown macro; ${HINT}` },
    { name: 'minute 60', schedule: '60 * * * *', problem: "'60 * * * *' is not a cron schedule: minute '60': 60 is outside 0-59" },
    { name: 'hour 24', schedule: '0 24 * * *', problem: "'0 24 * * *' is not a cron schedule: hour '24': 24 is outside 0-23" },
    { name: 'day 0', schedule: '0 0 0 * *', problem: "'0 0 0 * *' is not a cron schedule: day of month '0': 0 is outside 1-31" },
    { name: 'month 13', schedule: '0 0 1 13 *', problem: "'0 0 1 13 *' is not a cron schedule: month '13': 13 is outside 1-12" },
    {
      name: 'weekday 7 (robfig takes 0-6 only)',
      schedule: '0 0 * * 7',
      problem: "'0 0 * * 7' is not a cron schedule: day of week '7': 7 is outside 0-6",
    },
    {
      name: 'a range end outside',
      schedule: '0 0 * * 1-7',
      problem: "'0 0 * * 1-7' is not a cron schedule: day of week '1-7': 7 is outside 0-6",
    },
    {
      name: 'a backwards range',
      schedule: '0 18-8 * * *',
      problem: "'0 18-8 * * *' is not a cron schedule: hour '18-8': the range '18-8' runs backwards",
    },
    {
      name: 'step 0',
      schedule: '*/0 * * * *',
      problem: "'*/0 * * * *' is not a cron schedule: minute '*/0': the step '0' must be a positive whole number",
    },
    {
      name: 'step not a number',
      schedule: '*/x * * * *',
      problem: "'*/x * * * *' is not a cron schedule: minute '*/x': the step 'x' must be a positive whole number",
    },
    {
      name: 'two slashes',
      schedule: '*/2/3 * * * *',
      problem: "'*/2/3 * * * *' is not a cron schedule: minute '*/2/3': '*/2/3' has more than one '/'",
    },
    {
      name: 'two hyphens',
      schedule: '1-2-3 * * * *',
      problem: "'1-2-3 * * * *' is not a cron schedule: minute '1-2-3': '1-2-3' is not a value or a range like 1-5",
    },
    {
      name: 'an empty list item',
      schedule: '1,,2 * * * *',
      problem: "'1,,2 * * * *' is not a cron schedule: minute '1,,2': a list has an empty item",
    },
    {
      name: 'a name where none exist',
      schedule: 'mon * * * *',
      problem: "'mon * * * *' is not a cron schedule: minute 'mon': 'mon' is not a number",
    },
    {
      name: 'an unknown month name',
      schedule: '0 0 1 janu *',
      problem: "'0 0 1 janu *' is not a cron schedule: month 'janu': 'janu' is not a number or a name (jan-dec)",
    },
    {
      name: 'a negative number',
      schedule: '0 0 * * -1',
      problem: "'0 0 * * -1' is not a cron schedule: day of week '-1': '-1' is not a value or a range like 1-5",
    },
    {
      name: 'a range missing its end',
      schedule: '0 0 * * 1-',
      problem: "'0 0 * * 1-' is not a cron schedule: day of week '1-': '1-' is not a value or a range like 1-5",
    },
    {
      name: 'TZ= in the schedule (Kubernetes rejects it)',
      schedule: 'TZ=Europe/Berlin 0 3 * * *',
      problem:
        "'TZ=Europe/Berlin 0 3 * * *' is not a cron schedule: Kubernetes takes no TZ= in a schedule; put the zone in the annotation k8s.score.dev/time-zone",
    },
    {
      name: 'CRON_TZ= in the schedule',
      schedule: 'CRON_TZ=UTC 0 3 * * *',
      problem:
        "'CRON_TZ=UTC 0 3 * * *' is not a cron schedule: Kubernetes takes no TZ= in a schedule; put the zone in the annotation k8s.score.dev/time-zone",
    },
  ])('$name: $schedule', ({ schedule, problem }) => {
    expect(scheduleProblem(schedule)).toBe(problem);
  });
});

describe('timeZoneProblem', () => {
  it.each([
    { name: 'a region/city zone', zone: 'Europe/Berlin' },
    { name: 'UTC', zone: 'UTC' },
    { name: 'a three-part zone', zone: 'America/Argentina/Buenos_Aires' },
    { name: 'an Etc offset zone', zone: 'Etc/GMT+5' },
    { name: 'a backward-compatible alias', zone: 'US/Eastern' },
  ])('accepts $name: $zone', ({ zone }) => {
    expect(timeZoneProblem(zone)).toBeUndefined();
  });

  it.each([
    { name: 'empty', zone: '', problem: "'' is not an IANA time zone name such as Europe/Berlin or UTC" },
    { name: 'an offset', zone: '+01:00', problem: "'+01:00' is not an IANA time zone name such as Europe/Berlin or UTC" },
    { name: 'a path', zone: '../etc/passwd', problem: "'../etc/passwd' is not an IANA time zone name such as Europe/Berlin or UTC" },
    {
      name: 'a part over 14 characters',
      zone: 'America/Very_Long_City_Name',
      problem: "'America/Very_Long_City_Name' is not an IANA time zone name such as Europe/Berlin or UTC",
    },
    {
      name: 'Local',
      zone: 'Local',
      problem: "'Local' would depend on the cluster's settings; name the zone, such as Europe/Berlin or UTC",
    },
    {
      name: 'a typo',
      zone: 'Europe/Berln',
      problem: "'Europe/Berln' is not a known IANA time zone; use a name such as Europe/Berlin or UTC",
    },
    { name: 'wrong case', zone: 'europe/berlin', problem: "time zone names are case-sensitive in Kubernetes: write 'Europe/Berlin'" },
    { name: 'wrong case of UTC', zone: 'utc', problem: "time zone names are case-sensitive in Kubernetes: write 'UTC'" },
  ])('rejects $name: $zone', ({ zone, problem }) => {
    expect(timeZoneProblem(zone)).toBe(problem);
  });
});

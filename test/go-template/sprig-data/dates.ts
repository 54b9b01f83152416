/**
 * sprig's dates on fixed instants (Unix seconds, parsed times): Go's reference-time layouts, zones by IANA name,
 * time.Time's printing and methods, durations, and Go's parse errors. (Functions reading the clock are tested
 * by form: now, ago, and dates of values that are not times.)
 */
import type { Tagged } from '../support/tagged.js';
import type { DataRow } from './row.js';

const DATA: Tagged = {
  t: 'map',
  v: { i64: { t: 'int64', v: '1700000000' }, i8: { t: 'int8', v: '5' }, d64: { t: 'int64', v: '3600' }, u: { t: 'uint', v: '1700000000' } },
};

export const DATE_ROWS: readonly DataRow[] = [
  {
    name: 'date: layouts of the reference time',
    text: '{{ date "2006-01-02 15:04:05 MST" 1700000000 }}|{{ date "Mon Jan _2 15:04:05 2006" 1700000000 }}|{{ date "Monday, 02-Jan-06 3:04PM" 1700000000 }}',
    out: '2023-11-14 22:13:20 UTC|Tue Nov 14 22:13:20 2023|Tuesday, 14-Nov-23 10:13PM',
  },
  {
    name: 'date: every element',
    text: '{{ date "2006 06 January Jan 1 01 Monday Mon 2 _2 02 __2 002 15 3 03 4 04 5 05 PM pm MST" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: '2024 24 March Mar 3 03 Sunday Sun 10 10 10  70 070 07 7 07 8 08 9 09 AM am UTC',
  },
  {
    name: 'date: zone offsets and ISO 8601 Z',
    text: '{{ date "-0700 -07:00 -07 -070000 -07:00:00 Z0700 Z07:00 Z07 Z070000 Z07:00:00" 1700000000 }}',
    out: '+0000 +00:00 +00 +000000 +00:00:00 Z Z Z Z Z',
  },
  {
    name: 'date: fractions of a second',
    text: '{{ date ".000 ,999 .9 .000000000 .999999999" (mustToDate "15:04:05.999999999" "01:02:03.120450000") }}',
    out: '.120 ,12 .1 .120450000 .12045',
  },
  {
    name: 'date: layout quirks (Janu, Mond, _2006, digits after a fraction)',
    text: '{{ date "Janu Mond MSTx _2006 __2006 1.000000000000 x.0009" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: 'Janu Mond UTCx _2024  70024 3.000000000 x.0009',
  },
  { name: 'date: text around the layout, unicode', text: '{{ date "é 2006 日本 at 15h" 1700000000 }}', out: 'é 2023 日本 at 22h' },
  {
    name: 'date: int64 and int32-like data; other integer types mean now',
    text: '{{ date "2006-01-02" .i64 }}|{{ htmlDate .i64 }}',
    data: DATA,
    out: '2023-11-14|2023-11-14',
  },
  {
    name: 'date: negative and distant seconds',
    text: '{{ date "2006-01-02 15:04" -62135596800 }}|{{ date "2006-01-02" -99999999999999 }}|{{ date "2006-01-02 15:04:05" 253402300800 }}|{{ date "2006-01-02" 9223372036854775807 }}',
    out: '0001-01-01 00:00|-3166904-02-24|10000-01-01 00:00:00|292277026596-12-04',
  },
  {
    name: 'date: a layout without elements ignores the date',
    text: '{{ date "static" 1.5 }}|{{ date "static" "x" }}|{{ date "static" .u }}|{{ date "static" .i8 }}',
    data: DATA,
    out: 'static|static|static|static',
  },
  {
    name: 'dateInZone: IANA zones, their abbreviations and offsets',
    text: '{{ dateInZone "15:04 MST -0700" 1700000000 "America/New_York" }}|{{ dateInZone "15:04 MST" 1690000000 "America/New_York" }}|{{ dateInZone "15:04 MST" 1700000000 "Europe/Berlin" }}|{{ dateInZone "15:04 MST" 1700000000 "Asia/Kolkata" }}|{{ dateInZone "15:04 MST" 1700000000 "Asia/Kathmandu" }}|{{ dateInZone "15:04 MST" 1700000000 "Australia/Sydney" }}',
    out: '17:13 EST -0500|00:26 EDT|23:13 CET|03:43 IST|03:58 +0545|09:13 AEDT',
  },
  {
    name: 'dateInZone: zones tzdata names by offset',
    text: '{{ dateInZone "15:04 MST" 1700000000 "Asia/Dubai" }}|{{ dateInZone "15:04 MST" 1700000000 "America/Sao_Paulo" }}|{{ dateInZone "15:04 MST" 1700000000 "Etc/GMT+5" }}|{{ dateInZone "15:04 MST -0700" 1700000000 "Pacific/Chatham" }}',
    out: '02:13 +04|19:13 -03|17:13 -05|11:58 +1345 +1345',
  },
  {
    name: 'dateInZone: unknown and lower-case zones are UTC, links and Local work',
    text: '{{ dateInZone "15:04 MST" 1700000000 "Nope/Zone" }}|{{ dateInZone "15:04 MST" 1700000000 "america/new_york" }}|{{ dateInZone "15:04 MST" 1700000000 "US/Eastern" }}|{{ dateInZone "15:04 MST" 1700000000 "" }}|{{ dateInZone "15:04 MST" 1700000000 "Local" }}',
    out: '22:13 UTC|22:13 UTC|17:13 EST|22:13 UTC|22:13 UTC',
  },
  {
    name: 'date_in_zone and htmlDateInZone',
    text: '{{ date_in_zone "2006-01-02 15:04" 1700000000 "Asia/Tokyo" }}|{{ htmlDateInZone 1700000000 "Pacific/Kiritimati" }}',
    out: '2023-11-15 07:13|2023-11-15',
  },
  {
    name: 'date: Local is the chosen zone',
    text: '{{ date "2006-01-02 15:04 MST" 1700000000 }}|{{ date "15:04 MST" 1690000000 }}|{{ htmlDate 1700000000 }}',
    local: 'America/New_York',
    out: '2023-11-14 17:13 EST|00:26 EDT|2023-11-14',
  },
  {
    name: 'date: Local in Berlin, summer and winter',
    text: '{{ date "15:04 MST" 1700000000 }}|{{ date "15:04 MST" 1690000000 }}',
    local: 'Europe/Berlin',
    out: '23:13 CET|06:26 CEST',
  },
  {
    name: "a time prints as Go's Time.String",
    text: '{{ (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}|{{ printf "%v|%s|%q" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: '2024-03-10 07:08:09 +0000 UTC|2024-03-10 07:08:09 +0000 UTC|2024-03-10 07:08:09 +0000 UTC|"2024-03-10 07:08:09 +0000 UTC"',
  },
  { name: "a time's type", text: '{{ printf "%T" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}', out: 'time.Time' },
  {
    name: 'time methods',
    text: '{{ $t := (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}{{ $t.Unix }}|{{ $t.UnixNano }}|{{ $t.UnixMilli }}|{{ $t.Year }}|{{ $t.Month }}|{{ $t.Day }}|{{ $t.Weekday }}|{{ $t.YearDay }}|{{ $t.Hour }}|{{ $t.Minute }}|{{ $t.Second }}|{{ $t.Nanosecond }}',
    out: '1710054489|1710054489000000000|1710054489000|2024|March|10|Sunday|70|7|8|9|0',
  },
  {
    name: 'time methods: Month and Weekday are named ints',
    text: '{{ $t := (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}{{ printf "%d %v %T %T" $t.Month $t.Weekday $t.Month $t.Weekday }}',
    out: '3 Sunday time.Month time.Weekday',
  },
  {
    name: 'time methods: Format, UTC, Location, IsZero',
    text: '{{ $t := (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}{{ $t.Format "Jan 2" }}|{{ $t.UTC }}|{{ $t.UTC.Location }}|{{ (mustToDate "2006 MST" "2024 XYZ").Location }}|{{ (mustToDate "2006 -0700" "2024 +0530").Location }}|{{ $t.IsZero }}|{{ (toDate "x" "y").IsZero }}',
    out: 'Mar 10|2024-03-10 07:08:09 +0000 UTC|UTC|XYZ||false|true',
  },
  {
    name: 'time methods: comparisons, Sub, Add, AddDate',
    text: '{{ $t := (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}{{ $u := mustToDate "2006" "2024" }}{{ $t.Before $u }}|{{ $t.After $u }}|{{ $t.Equal $t }}|{{ $t.Sub $u }}|{{ ($t.Sub $u).Hours }}|{{ $t.Add 1500000000 }}|{{ $t.AddDate 0 1 25 }}',
    out: 'false|true|true|1663h8m9s|1663.1358333333333|2024-03-10 07:08:10.5 +0000 UTC|2024-05-05 07:08:09 +0000 UTC',
  },
  {
    name: 'time methods: GoString (what %#v prints)',
    text: '{{ (toDate "2006" "2024").GoString }}|{{ (mustToDate "2006 MST" "2024 UTC").GoString }}|{{ (mustToDate "2006 MST" "2024 XYZ").GoString }}|{{ (mustToDate "2006-01-02 15:04:05.000 -0700" "2024-03-10 07:08:09.123 +0530").GoString }}',
    out: 'time.Date(2024, time.January, 1, 0, 0, 0, 0, time.Local)|time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)|time.Date(2024, time.January, 1, 0, 0, 0, 0, time.Location("XYZ"))|time.Date(2024, time.March, 10, 7, 8, 9, 123000000, time.Location(""))',
  },
  {
    name: 'unixEpoch',
    text: '{{ unixEpoch (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}|{{ unixEpoch (toDate "2006" "1969") }}',
    out: '1710054489|-31536000',
  },
  {
    name: 'unixEpoch takes a time only',
    text: '{{ unixEpoch 1700000000 }}',
    out: '',
    err: 'template: t:1:13: executing "t" at <1700000000>: can\'t handle 1700000000 for arg of type time.Time',
  },
  {
    name: 'dateModify and date_modify add a Go duration',
    text: '{{ dateModify "1h30m" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}|{{ dateModify "-1.5h" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}|{{ date_modify "24h" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}|{{ dateModify "1.5µs" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") | date "15:04:05.000000000" }}',
    out: '2024-03-10 08:38:09 +0000 UTC|2024-03-10 05:38:09 +0000 UTC|2024-03-11 07:08:09 +0000 UTC|07:08:09.000001500',
  },
  {
    name: 'dateModify: a bad duration leaves the time as it was',
    text: '{{ dateModify "bad" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}|{{ dateModify "1y" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: '2024-03-10 07:08:09 +0000 UTC|2024-03-10 07:08:09 +0000 UTC',
  },
  {
    name: 'dateModify takes a time only',
    text: '{{ dateModify "1h" "2024" }}',
    out: '',
    err: 'template: t:1:19: executing "t" at <"2024">: can\'t handle "2024" for arg of type time.Time',
  },
  {
    name: 'mustDateModify: an unknown unit',
    text: '{{ mustDateModify "1y" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustDateModify "1y" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09")>: error calling mustDateModify: time: unknown unit "y" in duration "1y"',
  },
  {
    name: 'mustDateModify: a missing unit',
    text: '{{ must_date_modify "1h1" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <must_date_modify "1h1" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09")>: error calling must_date_modify: time: missing unit in duration "1h1"',
  },
  {
    name: 'mustDateModify: no digits',
    text: '{{ mustDateModify "." (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustDateModify "." (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09")>: error calling mustDateModify: time: invalid duration "."',
  },
  {
    name: 'mustDateModify: an empty duration',
    text: '{{ mustDateModify "" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustDateModify "" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09")>: error calling mustDateModify: time: invalid duration ""',
  },
  {
    name: 'mustDateModify: overflow',
    text: '{{ mustDateModify "9223372036854775808ns" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustDateModify "9223372036854775808ns" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09")>: error calling mustDateModify: time: invalid duration "9223372036854775808ns"',
  },
  {
    name: 'mustDateModify: non-ASCII is quoted as bytes',
    text: '{{ mustDateModify "é" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustDateModify "é" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09")>: error calling mustDateModify: time: invalid duration "\\xc3\\xa9"',
  },
  {
    name: 'mustDateModify: signs, fractions, zero',
    text: '{{ mustDateModify "+5s" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}|{{ mustDateModify "-0" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}|{{ mustDateModify ".5h" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}|{{ mustDateModify "1.00000000000000000000001h" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}|{{ mustDateModify "2562047h47m16.854775807s" (mustToDate "2006-01-02 15:04:05" "2024-03-10 07:08:09") }}',
    out: '2024-03-10 07:08:14 +0000 UTC|2024-03-10 07:08:09 +0000 UTC|2024-03-10 07:38:09 +0000 UTC|2024-03-10 08:08:09 +0000 UTC|2316-06-20 06:55:25.854775807 +0000 UTC',
  },
  {
    name: 'duration: seconds as an int64 or a string',
    text: '{{ duration "95" }}|{{ duration .d64 }}|{{ duration "-3600" }}|{{ duration "0" }}|{{ duration "9999999999" }}',
    data: DATA,
    out: '1m35s|1h0m0s|-1h0m0s|0s|-2346317h47m54.709551616s',
  },
  {
    name: 'duration: a Go int, a float or text is 0s',
    text: '{{ duration 95 }}|{{ duration 1.5 }}|{{ duration "1e3" }}|{{ duration nil }}|{{ duration .missing }}',
    data: DATA,
    out: '0s|0s|0s|0s|0s',
  },
  { name: 'duration: an overflowing string saturates, then wraps', text: '{{ duration "99999999999999999999" }}', out: '-1s' },
  {
    name: 'durationRound: the largest whole unit',
    text: '{{ durationRound "2h10m" }}|{{ durationRound "-400h" }}|{{ durationRound "8760h1s" }}|{{ durationRound "721h" }}|{{ durationRound "1.5s" }}|{{ durationRound "1s" }}|{{ durationRound .d64 }}',
    data: DATA,
    out: '2h|16d|1y|1mo|1s|0s|0s',
  },
  {
    name: 'durationRound: anything else is 0s',
    text: '{{ durationRound "bad" }}|{{ durationRound 3600000000000 }}|{{ durationRound nil }}|{{ durationRound "-9223372036854775808ns" }}',
    out: '0s|0s|0s|292y',
  },
  {
    name: 'toDate: a layout and a value in Local',
    text: '{{ toDate "2006-01-02" "2024-02-29" }}|{{ toDate "02/01/06 15:04" "31/12/99 23:59" }}|{{ toDate "Jan _2" "Feb  3" }}',
    out: '2024-02-29 00:00:00 +0000 UTC|1999-12-31 23:59:00 +0000 UTC|0000-02-03 00:00:00 +0000 UTC',
  },
  {
    name: 'toDate: an error gives the zero time',
    text: '{{ toDate "2006-01-02" "x" }}|{{ toDate "2006-01-02" "2024-02-30" }}',
    out: '0001-01-01 00:00:00 +0000 UTC|0001-01-01 00:00:00 +0000 UTC',
  },
  {
    name: 'mustToDate: offsets and zone names',
    text: '{{ mustToDate "2006-01-02T15:04:05Z07:00" "2024-01-02T03:04:05+05:30" }}|{{ mustToDate "2006-01-02T15:04:05Z07:00" "2024-01-02T03:04:05Z" }}|{{ mustToDate "2006-01-02 15:04:05 MST" "2024-01-02 03:04:05 PST" }}|{{ mustToDate "2006-01-02 15:04:05 MST" "2024-01-02 03:04:05 GMT+3" }}|{{ mustToDate "2006-01-02 15:04:05 MST" "2024-01-02 03:04:05 UTC" }}|{{ mustToDate "2006 MST" "2024 +05" }}',
    out: '2024-01-02 03:04:05 +0530 +0530|2024-01-02 03:04:05 +0000 UTC|2024-01-02 03:04:05 +0000 PST|2024-01-02 06:04:05 +0300 GMT+3|2024-01-02 03:04:05 +0000 UTC|2024-01-01 00:00:00 +0000 +05',
  },
  {
    name: 'mustToDate: an offset Local has is Local',
    text: '{{ mustToDate "2006-01-02 15:04 -0700" "2024-07-02 03:04 -0400" }}|{{ mustToDate "2006-01-02 15:04 MST" "2024-07-02 03:04 EDT" }}|{{ mustToDate "2006-01-02 15:04 MST" "2024-01-02 03:04 EDT" }}',
    local: 'America/New_York',
    out: '2024-07-02 03:04:00 -0400 EDT|2024-07-02 03:04:00 -0400 EDT|2024-01-02 02:04:00 -0500 EST',
  },
  {
    name: 'mustToDate: fractions, with and without the layout asking',
    text: '{{ mustToDate "15:04:05" "10:11:12.123456" }}|{{ mustToDate "15:04:05.000" "10:11:12.123" }}|{{ mustToDate "15:04:05.999" "10:11:12" }}|{{ mustToDate "15:04:05,000" "10:11:12,345" }}',
    out: '0000-01-01 10:11:12.123456 +0000 UTC|0000-01-01 10:11:12.123 +0000 UTC|0000-01-01 10:11:12 +0000 UTC|0000-01-01 10:11:12.345 +0000 UTC',
  },
  {
    name: 'mustToDate: 12-hour clocks, names in any case, day of year',
    text: '{{ mustToDate "3:04PM" "12:30AM" }}|{{ mustToDate "3:04pm" "1:30pm" }}|{{ mustToDate "Mon Jan 2" "tue FEB 3" }}|{{ mustToDate "002 2006" "366 2024" }}|{{ mustToDate "__2 2006" " 60 2024" }}',
    out: '0000-01-01 00:30:00 +0000 UTC|0000-01-01 13:30:00 +0000 UTC|0000-02-03 00:00:00 +0000 UTC|2024-12-31 00:00:00 +0000 UTC|2024-02-29 00:00:00 +0000 UTC',
  },
  {
    name: 'mustToDate: two-digit years',
    text: '{{ mustToDate "06-1-2" "99-1-2" }}|{{ mustToDate "06-1-2" "68-1-2" }}|{{ mustToDate "06" "+1" }}',
    out: '1999-01-02 00:00:00 +0000 UTC|2068-01-02 00:00:00 +0000 UTC|2001-01-01 00:00:00 +0000 UTC',
  },
  {
    name: 'mustToDate: day out of range',
    text: '{{ mustToDate "2006-01-02" "2024-02-30" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "2006-01-02" "2024-02-30">: error calling mustToDate: parsing time "2024-02-30": day out of range',
  },
  {
    name: 'mustToDate: month out of range',
    text: '{{ mustToDate "2006-01-02" "2024-13-01" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "2006-01-02" "2024-13-01">: error calling mustToDate: parsing time "2024-13-01": month out of range',
  },
  {
    name: 'mustToDate: hour out of range',
    text: '{{ mustToDate "2006-01-02 15:04" "2024-01-02 25:00" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "2006-01-02 15:04" "2024-01-02 25:00">: error calling mustToDate: parsing time "2024-01-02 25:00": hour out of range',
  },
  {
    name: 'mustToDate: day of year out of range',
    text: '{{ mustToDate "002 2006" "366 2023" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "002 2006" "366 2023">: error calling mustToDate: parsing time "366 2023": day-of-year out of range',
  },
  {
    name: 'mustToDate: day of year against the month',
    text: '{{ mustToDate "002 2006 01" "060 2024 03" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "002 2006 01" "060 2024 03">: error calling mustToDate: parsing time "060 2024 03": day-of-year does not match month',
  },
  {
    name: 'mustToDate: extra text',
    text: '{{ mustToDate "2006-01-02" "2024-01-02 extra" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "2006-01-02" "2024-01-02 extra">: error calling mustToDate: parsing time "2024-01-02 extra": extra text: " extra"',
  },
  {
    name: 'mustToDate: literal text that differs',
    text: '{{ mustToDate "2006-01-02" "2024/01/02" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "2006-01-02" "2024/01/02">: error calling mustToDate: parsing time "2024/01/02" as "2006-01-02": cannot parse "/01/02" as "-"',
  },
  {
    name: 'mustToDate: a bad month name',
    text: '{{ mustToDate "Jan 2006" "Jax 2024" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "Jan 2006" "Jax 2024">: error calling mustToDate: parsing time "Jax 2024" as "Jan 2006": cannot parse "Jax 2024" as "Jan"',
  },
  {
    name: 'mustToDate: not a zone abbreviation',
    text: '{{ mustToDate "2006 MST" "2024 Abc" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "2006 MST" "2024 Abc">: error calling mustToDate: parsing time "2024 Abc" as "2006 MST": cannot parse "Abc" as "MST"',
  },
  {
    name: 'mustToDate: a value that is not UTF-8-free is quoted as bytes',
    text: '{{ mustToDate "2006" "é" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "2006" "é">: error calling mustToDate: parsing time "\\xc3\\xa9" as "2006": cannot parse "\\xc3\\xa9" as "2006"',
  },
  { name: 'mustToDate: the empty layout and value', text: '{{ mustToDate "" "" }}', out: '0000-01-01 00:00:00 +0000 UTC' },
  {
    name: 'mustToDate: a bad year is reported where it starts',
    text: '{{ mustToDate "2006-01-02" "20x4-01-02" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "2006-01-02" "20x4-01-02">: error calling mustToDate: parsing time "20x4-01-02" as "2006-01-02": cannot parse "20x4-01-02" as "2006"',
    oracle: {
      out: '',
      err: 'template: t:1:3: executing "t" at <mustToDate "2006-01-02" "20x4-01-02">: error calling mustToDate: parsing time "20x4-01-02" as "2006-01-02": cannot parse "-01-02" as "2006"',
      why: 'score-k8s is built with Go 1.23, whose time.Parse reports the value where the bad element starts; Go 1.19 reported it after',
    },
  },
  {
    name: 'mustToDate: a bad AM/PM is reported where it starts',
    text: '{{ mustToDate "3PM" "3XM" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "3PM" "3XM">: error calling mustToDate: parsing time "3XM" as "3PM": cannot parse "XM" as "PM"',
    oracle: {
      out: '',
      err: 'template: t:1:3: executing "t" at <mustToDate "3PM" "3XM">: error calling mustToDate: parsing time "3XM" as "3PM": cannot parse "" as "PM"',
      why: 'score-k8s is built with Go 1.23, whose time.Parse reports the value where the bad element starts; Go 1.19 reported it after',
    },
  },
  {
    name: 'mustToDate: a bad offset is reported where it starts',
    text: '{{ mustToDate "2006 -0700" "2024 +0a00" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "2006 -0700" "2024 +0a00">: error calling mustToDate: parsing time "2024 +0a00" as "2006 -0700": cannot parse "+0a00" as "-0700"',
    oracle: {
      out: '',
      err: 'template: t:1:3: executing "t" at <mustToDate "2006 -0700" "2024 +0a00">: error calling mustToDate: parsing time "2024 +0a00" as "2006 -0700": cannot parse "" as "-0700"',
      why: 'score-k8s is built with Go 1.23, whose time.Parse reports the value where the bad element starts; Go 1.19 reported it after',
    },
  },
  {
    name: 'mustToDate: offsets past 24 hours are refused',
    text: '{{ mustToDate "2006 -0700" "2024 +2500" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustToDate "2006 -0700" "2024 +2500">: error calling mustToDate: parsing time "2024 +2500": time zone offset hour out of range',
    oracle: {
      out: '2024-01-01 00:00:00 +2500 +2500',
      why: 'Go 1.20+ (score-k8s is built with 1.23) checks the offset range; Go 1.19 accepted +2500',
    },
  },
  {
    name: 'mustToDate: Z in the seconds forms of ISO 8601',
    text: '{{ mustToDate "2006 Z07:00:00" "2024 Z" }}',
    out: '2024-01-01 00:00:00 +0000 UTC',
    oracle: {
      out: '',
      err: 'template: t:1:3: executing "t" at <mustToDate "2006 Z07:00:00" "2024 Z">: error calling mustToDate: parsing time "2024 Z" as "2006 Z07:00:00": cannot parse "Z" as "Z07:00:00"',
      why: 'Go 1.20+ accepts Z in every ISO 8601 offset form; Go 1.19 only in three',
    },
  },
  {
    name: 'mustToDate: a .999 fraction takes every digit',
    text: '{{ mustToDate "15:04:05.999" "10:11:12.1234567891234" }}',
    out: '0000-01-01 10:11:12.123456789 +0000 UTC',
    oracle: {
      out: '',
      err: 'template: t:1:3: executing "t" at <mustToDate "15:04:05.999" "10:11:12.1234567891234">: error calling mustToDate: parsing time "10:11:12.1234567891234": extra text: "1234"',
      why: 'Go 1.20+ reads every digit of a fraction (keeping nanoseconds); Go 1.19 stopped at nine',
    },
  },
];

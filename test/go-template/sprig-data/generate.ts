/**
 * Random calls of sprig's data functions for the property test, by family: integer and float math over
 * values of every kind (literals and data fields), base64/base32 and hashes over unicode and near-base64
 * text, regular expressions from a small RE2 grammar with Go replacement templates, semver versions and
 * constraints, dates (reference-time layouts over random instants and zones, parsing what formatting gave,
 * durations), and URLs built from random parts.
 *
 * Left out, because the oracle (Go 1.19, sprig 3.2.3) differs from score-k8s there by design and the tables
 * cover it: strings with a '.' for the integer functions (cast 1.9), named types (cast 1.9), leading zeros
 * in versions (semver 3.3), `(?<name>` groups and time.Parse errors (Go 1.20+), the clock and random functions.
 */
import fc from 'fast-check';
import { stringArb } from '../support/gen-data.js';
import type { OracleCase } from '../support/oracle.js';
import { tag, type Tagged } from '../support/tagged.js';

/** A Go string literal (a leading BOM gets a letter first: the engine's unquoting drops it, reported). */
const goString = (s: string): string => JSON.stringify(s.startsWith('\ufeff') ? `x${s}` : s);

const DATA: Tagged = tag.map({
  i: tag.int(7),
  n: tag.int(-3),
  z: tag.int(0),
  f: tag.float(2.5),
  nf: tag.float(-0.75),
  s: '42',
  hex: '0x1F',
  u: 'é',
  e: '',
  nil: null,
  b: true,
  i64: tag.typed('int64', 5n),
  u8: tag.typed('uint8', 200n),
  u64: tag.typed('uint64', 2n ** 64n - 1n),
  f32: tag.typed('float32', 1.5),
  big: tag.float(1e20),
  nan: tag.float(NaN),
  inf: tag.float(Infinity),
  l: [tag.int(1)],
  m: tag.map({ a: tag.int(1) }),
  ss: tag.strings(['x']),
  nm: tag.nilMap(),
  sf: '8.5',
});

const call = (fn: string, args: readonly string[]): string => `{{ ${fn} ${args.join(' ')} }}`;
const sprigCase = (text: string, data: Tagged | undefined = DATA): OracleCase => ({ text, data, sprig: true });

const fieldsNoDot = fc.constantFrom(
  '.i',
  '.n',
  '.z',
  '.f',
  '.nf',
  '.s',
  '.hex',
  '.u',
  '.e',
  '.nil',
  '.b',
  '.i64',
  '.u8',
  '.u64',
  '.f32',
  '.big',
  '.nan',
  '.inf',
  '.l',
  '.m',
  '.ss',
  '.nm',
  '.missing',
);
const intLit = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', '4294967296', '0'),
);
const floatLit = fc.oneof(
  fc.constantFrom('1.5', '-0.5', '2.0', '1e3', '0.1', '0.2', '1e300', '5e-324', '-2.5', '0.0'),
  fc
    .double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
    .map((x) => (Number.isInteger(x) ? `${x}.0` : String(x)).replace('e+', 'e')),
);
const numberString = fc.constantFrom(
  '"42"',
  '"-7"',
  '"0x10"',
  '"0b101"',
  '"0o17"',
  '"017"',
  '"08"',
  '"1_000"',
  '"1e3"',
  '""',
  '"abc"',
  '"é"',
  '" 5"',
  '"+5"',
  '"inf"',
  '"NaN"',
  '"-0"',
  '"9223372036854775808"',
);
const dotString = fc.constantFrom('"8.5"', '"-2.9"', '"1."', '".5"');
const intArg = fc.oneof(intLit, floatLit, numberString, fieldsNoDot, fc.constantFrom('nil', 'true', 'false'));
const floatArg = fc.oneof(intArg, dotString, fc.constant('.sf'));

const INT_FUNCS = ['add', 'add1', 'sub', 'mul', 'div', 'mod', 'max', 'min', 'biggest'];
const FLOAT_FUNCS = ['addf', 'add1f', 'subf', 'mulf', 'divf', 'maxf', 'minf', 'floor', 'ceil'];
const ARITY: Readonly<Record<string, [number, number]>> = {
  add: [0, 4],
  add1: [1, 1],
  sub: [2, 2],
  mul: [1, 4],
  div: [2, 2],
  mod: [2, 2],
  max: [1, 4],
  min: [1, 4],
  biggest: [1, 3],
  addf: [0, 4],
  add1f: [1, 1],
  subf: [1, 4],
  mulf: [1, 4],
  divf: [1, 4],
  maxf: [1, 4],
  minf: [1, 4],
  floor: [1, 1],
  ceil: [1, 1],
};

const mathCall = (fns: readonly string[], arg: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .constantFrom(...fns)
    .chain((fn) => fc.array(arg, { minLength: ARITY[fn]![0], maxLength: ARITY[fn]![1] }).map((args) => call(fn, args)));

const small = fc.integer({ min: -12, max: 12 }).map(String);
const listCall = fc.oneof(
  small.map((n) => `{{ until ${n} }}`),
  fc.tuple(small, small, small).map(([a, b, c]) => `{{ untilStep ${a} ${b} ${c} }}`),
  fc.array(small, { maxLength: 4 }).map((args) => `{{ seq ${args.join(' ')} }}`),
  fc
    .tuple(floatArg, fc.integer({ min: -4, max: 25 }), fc.option(fc.constantFrom('0.5', '0.1', '0.9', '1.0')))
    .map(([x, p, on]) => `{{ round ${x} ${p}${on ? ` ${on}` : ''} }}`),
);

/** Integer math (no '.' strings), float math (any value), integer lists and round. */
export const mathCaseArb: fc.Arbitrary<OracleCase> = fc
  .oneof(mathCall(INT_FUNCS, intArg), mathCall(FLOAT_FUNCS, floatArg), listCall)
  .map((t) => sprigCase(t));

const nearBase64 = fc
  .array(fc.constantFrom(...'ABCDEFGHMNQRSTWXYZabcdefghwxyz0123456789+/=\n\r-_é!'.split('')), { maxLength: 14 })
  .map((cs) => cs.join(''));
const nearBase32 = fc.array(fc.constantFrom(...'ABCDEFGMNOPYZ234567=\nab1é'.split('')), { maxLength: 18 }).map((cs) => cs.join(''));

/** base64, base32 (round trips and decoding near-miss text) and the hashes. */
export const encodingCaseArb: fc.Arbitrary<OracleCase> = fc
  .oneof(
    fc
      .tuple(fc.constantFrom('b64enc', 'b32enc', 'sha1sum', 'sha256sum', 'adler32sum', 'b64dec', 'b32dec'), stringArb)
      .map(([fn, s]) => call(fn, [goString(s)])),
    stringArb.map((s) => `{{ b64dec (b64enc ${goString(s)}) }}|{{ b32dec (b32enc ${goString(s)}) }}`),
    nearBase64.map((s) => call('b64dec', [goString(s)])),
    nearBase32.map((s) => call('b32dec', [goString(s)])),
  )
  .map((t) => sprigCase(t));

const REGEX_ATOMS = [
  'a',
  'b',
  'c',
  'é',
  '.',
  '\\d',
  '\\w',
  '\\s',
  '[a-c]',
  '[^b]',
  '\\b',
  '^',
  '$',
  '(?i)A',
  'x*',
  '\\p{L}',
  '[[:alpha:]]',
];

function regexArb(depth: number): fc.Arbitrary<string> {
  const atom = fc.constantFrom(...REGEX_ATOMS);
  if (depth <= 0) return atom;
  const inner = regexArb(depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: atom },
    { weight: 2, arbitrary: fc.array(inner, { minLength: 1, maxLength: 3 }).map((xs) => xs.join('')) },
    { weight: 1, arbitrary: fc.tuple(inner, inner).map(([a, b]) => `${a}|${b}`) },
    { weight: 2, arbitrary: fc.tuple(inner, fc.constantFrom('(', '(?:', '(?P<n>', '(?P<m>')).map(([a, open]) => `${open}${a})`) },
    { weight: 2, arbitrary: fc.tuple(inner, fc.constantFrom('*', '+', '?', '{1,2}', '*?', '+?', '{0}')).map(([a, q]) => `(?:${a})${q}`) },
  );
}

const badRegex = fc.constantFrom('(', 'a**', '[z-a]', '\\', 'x{1001}', '(?=a)', '\\8', '[[:nope:]]', '(?P<n>a', ')');
const pattern = fc.oneof({ weight: 9, arbitrary: regexArb(3) }, { weight: 1, arbitrary: badRegex });
const haystack = fc.array(fc.constantFrom('a', 'b', 'c', 'é', ' ', '1', '\n', 'A', '😀', 'x'), { maxLength: 10 }).map((cs) => cs.join(''));
const replacement = fc
  .array(fc.constantFrom('x', '$1', '${1}', '$n', '${n}', '$$', '$', '${2}z', '$0', '$1a', '-', '${', 'é'), { maxLength: 4 })
  .map((cs) => cs.join(''));
const count = fc.constantFrom('-1', '0', '1', '2', '3');

/** The regex functions over generated RE2 patterns (a few invalid ones) and short unicode strings. */
export const regexCaseArb: fc.Arbitrary<OracleCase> = fc
  .tuple(
    fc.constantFrom(
      'regexMatch',
      'mustRegexMatch',
      'regexFind',
      'mustRegexFind',
      'regexFindAll',
      'mustRegexFindAll',
      'regexReplaceAll',
      'mustRegexReplaceAll',
      'regexReplaceAllLiteral',
      'regexSplit',
      'mustRegexSplit',
      'regexQuoteMeta',
    ),
    pattern,
    haystack,
    replacement,
    count,
  )
  .map(([fn, re, s, repl, n]) => {
    const [r, str] = [goString(re), goString(s)];
    if (fn === 'regexQuoteMeta') return sprigCase(`{{ regexQuoteMeta ${r} }}|{{ regexMatch (regexQuoteMeta ${str}) ${str} }}`);
    if (fn.endsWith('FindAll') || fn.endsWith('Split')) return sprigCase(call(fn, [r, str, n]));
    if (fn.includes('Replace')) return sprigCase(call(fn, [r, str, goString(repl)]));
    return sprigCase(call(fn, [r, str]));
  });

const part = fc.oneof(fc.constantFrom('0', '1', '2', '10'), fc.integer({ min: 0, max: 30 }).map(String));
const prerelease = fc.constantFrom('', '-alpha', '-alpha.1', '-beta.2', '-rc.10', '-0', '-1', '-x-y', '-alpha.beta');
const versionArb = fc
  .tuple(fc.constantFrom('', 'v'), part, fc.option(part), fc.option(part), prerelease, fc.constantFrom('', '+build', '+b.5'))
  .map(
    ([v, a, b, c, pre, meta]) =>
      `${v}${a}${b === null ? '' : `.${b}`}${b === null || c === null ? '' : `.${c}`}${b !== null && c !== null ? pre + meta : ''}`,
  );
const wild = fc.oneof(part, fc.constantFrom('x', 'X', '*'));
const constraintVersion = fc
  .tuple(wild, fc.option(wild), fc.option(wild), fc.constantFrom('', '', '-alpha', '-0'))
  .map(([a, b, c, pre]) => `${a}${b === null ? '' : `.${b}`}${b === null || c === null ? '' : `.${c}${pre}`}`);
const single = fc
  .tuple(fc.constantFrom('', '=', '!=', '>', '<', '>=', '<=', '=>', '=<', '~', '~>', '^'), fc.constantFrom('', ' '), constraintVersion)
  .map(([op, sp, v]) => `${op}${sp}${v}`);
const andGroup = fc.oneof(
  fc.array(single, { minLength: 1, maxLength: 3 }).chain((cs) => fc.constantFrom(' ', ', ', ',').map((sep) => cs.join(sep))),
  fc.tuple(constraintVersion, constraintVersion).map(([a, b]) => `${a} - ${b}`),
);
const constraintArb = fc.array(andGroup, { minLength: 1, maxLength: 2 }).map((gs) => gs.join(' || '));

/** semverCompare over generated constraints and versions, and parsing and comparing versions. */
export const semverCaseArb: fc.Arbitrary<OracleCase> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(constraintArb, versionArb).map(([c, v]) => sprigCase(call('semverCompare', [goString(c), goString(v)]))),
  },
  {
    weight: 1,
    arbitrary: versionArb.map((v) =>
      sprigCase(`{{ $v := semver ${goString(v)} }}{{ $v }}|{{ $v.Original }}|{{ $v.IncPatch }}|{{ $v.IncMinor }}|{{ $v.Prerelease }}`),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(versionArb, versionArb).map(([a, b]) => sprigCase(`{{ (semver ${goString(a)}).Compare (semver ${goString(b)}) }}`)),
  },
);

const LAYOUT_PARTS = [
  '2006',
  '06',
  'January',
  'Jan',
  '1',
  '01',
  'Monday',
  'Mon',
  '2',
  '_2',
  '02',
  '__2',
  '002',
  '15',
  '3',
  '03',
  '4',
  '04',
  '5',
  '05',
  'PM',
  'pm',
  'MST',
  '-0700',
  '-07:00',
  '-07',
  '-070000',
  '-07:00:00',
  'Z0700',
  'Z07:00',
  'Z07',
  '.000',
  '.999',
  ',000',
  '.9',
  ' ',
  '-',
  ':',
  'T',
  '/',
  'x',
  'é',
];
/** Layouts from parts; none may form Z070000 or Z07:00:00, whose "Z" only Go 1.20+ parses. */
const layoutArb = fc
  .array(fc.constantFrom(...LAYOUT_PARTS), { minLength: 1, maxLength: 8 })
  .map((ps) => ps.join(''))
  .filter((l) => !/Z070000|Z07:00:00/.test(l));
const instantArb = fc
  .oneof(
    fc.integer({ min: -2_208_988_800, max: 4_102_444_800 }),
    fc.constantFrom(0, -1, 1700000000, 1690000000, 951782400, -62135596800, 253402300799),
  )
  .map(String);
const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Africa/Casablanca',
  'Pacific/Apia',
  'Asia/Tokyo',
  'Europe/London',
  'America/Sao_Paulo',
  'Etc/GMT-14',
  'Nope/Zone',
  'Local',
  '',
];
const durationArb = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.integer({ min: 0, max: 999 }).map(String), fc.constantFrom('1.5', '.25', '0', '2562047', '9223372036854775807')),
        fc.constantFrom('ns', 'us', 'µs', 'ms', 's', 'm', 'h', 'd', ''),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .chain((ps) => fc.constantFrom('', '-', '+').map((sign) => sign + ps.map(([n, u]) => n + u).join(''))),
  fc.constantFrom('', '0', '-0', '.', '1h1', 'x', 'é'),
);

/** Dates on fixed instants: layouts, zones, parsing what formatting gives, durations. */
export const dateCaseArb: fc.Arbitrary<OracleCase> = fc.oneof(
  fc.tuple(layoutArb, instantArb).map(([l, t]) => sprigCase(call('date', [goString(l), t]))),
  fc
    .tuple(layoutArb, instantArb, fc.constantFrom(...ZONES))
    .map(([l, t, z]) => sprigCase(call('dateInZone', [goString(l), t, goString(z)]))),
  fc
    .tuple(layoutArb, instantArb, fc.constantFrom(...ZONES))
    .map(([l, t, z]) =>
      sprigCase(`{{ $l := ${goString(l)} }}{{ $t := dateInZone $l ${t} ${goString(z)} }}{{ toDate $l $t }}|{{ (toDate $l $t).Unix }}`),
    ),
  fc
    .tuple(durationArb, instantArb)
    .map(([d]) =>
      sprigCase(
        `{{ $t := toDate "2006" "2024" }}{{ dateModify ${goString(d)} $t }}|{{ durationRound ${goString(d)} }}|{{ duration ${goString(d)} }}`,
      ),
    ),
  fc
    .tuple(fc.constantFrom('.i64', '.n', '.f', '"3600"', '"-90"', '.s', '.nil'), fc.constant(0))
    .map(([v]) => sprigCase(`{{ duration ${v} }}|{{ durationRound ${v} }}`)),
);

const urlPart = (chars: string, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars.split('')), { maxLength: max }).map((cs) => cs.join(''));
const urlArb = fc
  .tuple(
    fc.constantFrom('', 'http:', 'HTTPS:', 'mailto:', 'git+ssh:', 's3:', '1a:', ':'),
    fc.constantFrom('', '//', '///'),
    fc.option(fc.tuple(urlPart('abu%41:@é$', 4), fc.constant('@')).map(([u, at]) => u + at)),
    urlPart('abh.-[]:1%25é ', 6),
    fc.option(fc.constantFrom(':80', ':', ':8x')),
    urlPart('/ab%2F%zz é;,:?', 8),
    fc.option(urlPart('?a=b&c é%', 5)),
    fc.option(urlPart('#f %20é!', 5)),
  )
  .map((ps) => ps.map((p) => p ?? '').join(''))
  // An escape of a byte that is not UTF-8 on its own (%A1) cannot survive as a string of score-ts's value model.
  .filter((u) => !/%[89a-fA-F][0-9a-fA-F]/.test(u));

/** urlParse of URLs made of random parts, and urlJoin of what it gives. */
export const urlCaseArb: fc.Arbitrary<OracleCase> = urlArb.map((u) =>
  sprigCase(`{{ urlParse ${goString(u)} }}|{{ urlJoin (urlParse ${goString(u)}) }}`, undefined),
);

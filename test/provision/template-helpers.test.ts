import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateError } from '../../src/templates/template-engine.js';
import { TEMPLATE_HELPERS } from '../../src/templates/template-helpers.js';
import { countingRandom, fixedRandom, templateData, testMarker, thrown } from './builders.js';
import type { RandomSource } from '../../src/base/random.js';

/** Renders a one-line template the way a provisioner stage does. */
function render(template: string, context: object = {}, random: RandomSource = countingRandom()): string {
  return compileTemplate({ text: template, firstLine: 1 })(context, templateData(random, ENV, { envAllowList: ALLOWED }));
}

/** The environment of the run, as getenv sees it. */
const ENV: Record<string, string | undefined> = {
  DB_HOST: 'db.example.com',
  EMPTY: '',
  UNSET: undefined,
  API_URL: 'https://api.example.com',
  CI_DEPLOY_TOKEN: 'ci-secret',
  SCORE_TS_SEED: 'the-seed',
  SCORE_TS_OTHER: 'own',
};

/** What --allow-env allows in these rows: two names and a prefix (which cannot reach SCORE_TS_*). */
const ALLOWED = { names: new Set(['DB_HOST', 'EMPTY', 'NOT_SET']), prefixes: ['API_', 'S'] };

const CTX = {
  name: 'My_App',
  empty: '',
  nothing: null,
  zero: 0,
  no: false,
  list: ['a', 1, true],
  map: { a: { b: { c: 'deep' } }, n: 0, s: 'x y' },
  port: 5432,
  text: 'line1\n"quoted"',
};

interface Row {
  name: string;
  helper: string;
  template: string;
  context?: object;
  random?: RandomSource;
  expected: string;
}

const rows: Row[] = [
  { name: 'quote: string as a JSON string', helper: 'quote', template: '{{quote text}}', expected: '"line1\\n\\"quoted\\""' },
  { name: 'quote: number as a string', helper: 'quote', template: '{{quote port}}', expected: '"5432"' },
  { name: 'quote: map as its JSON, quoted', helper: 'quote', template: '{{quote map.a}}', expected: '"{\\"b\\":{\\"c\\":\\"deep\\"}}"' },
  { name: 'quote: null as an empty string', helper: 'quote', template: '{{quote nothing}}', expected: '""' },
  { name: 'quote: missing param (lenient) as an empty string', helper: 'quote', template: '{{quote missing}}', expected: '""' },
  { name: 'toJson: map', helper: 'toJson', template: '{{toJson map.a}}', expected: '{"b":{"c":"deep"}}' },
  { name: 'toJson: list', helper: 'toJson', template: '{{toJson list}}', expected: '["a",1,true]' },
  { name: 'toJson: number stays a number', helper: 'toJson', template: '{{toJson port}}', expected: '5432' },
  { name: 'toJson: missing value is null', helper: 'toJson', template: '{{toJson missing}}', expected: 'null' },
  { name: 'default: value kept', helper: 'default', template: '{{default name "fb"}}', expected: 'My_App' },
  { name: 'default: empty string takes the fallback', helper: 'default', template: '{{default empty "fb"}}', expected: 'fb' },
  { name: 'default: null takes the fallback', helper: 'default', template: '{{default nothing "fb"}}', expected: 'fb' },
  { name: 'default: missing takes the fallback', helper: 'default', template: '{{default missing "fb"}}', expected: 'fb' },
  {
    name: 'default: missing field of a map takes the fallback',
    helper: 'default',
    template: '{{default map.missing "fb"}}',
    expected: 'fb',
  },
  { name: 'default: 0 is a value', helper: 'default', template: '{{default zero "fb"}}', expected: '0' },
  { name: 'default: false is a value', helper: 'default', template: '{{default no "fb"}}', expected: 'false' },
  { name: 'dig: nested keys', helper: 'dig', template: '{{dig map "a" "b" "c"}}', expected: 'deep' },
  { name: 'dig: missing key gives nothing', helper: 'dig', template: '[{{dig map "a" "x" "c"}}]', expected: '[]' },
  { name: 'dig: through a scalar gives nothing', helper: 'dig', template: '[{{dig map "s" "length"}}]', expected: '[]' },
  { name: 'dig: prototype keys are not own keys', helper: 'dig', template: '[{{dig map "constructor"}}]', expected: '[]' },
  { name: 'dig: with default', helper: 'dig', template: '{{default (dig map "x") "fb"}}', expected: 'fb' },
  { name: 'randomString: default alphabet', helper: 'randomString', template: '{{randomString 5}}', expected: 'ABCDE' },
  { name: 'randomString: own alphabet', helper: 'randomString', template: '{{randomString 5 "xyz"}}', expected: 'xyzxy' },
  {
    name: 'randomString: bytes at or over the rejection limit are skipped',
    helper: 'randomString',
    template: '{{randomString 3 "xyz"}}',
    random: fixedRandom([255, 1, 255, 2, 0]),
    expected: 'yzx',
  },
  { name: 'base64: utf-8 text', helper: 'base64', template: '{{base64 "héllo"}}', expected: 'aMOpbGxv' },
  { name: 'base64: number', helper: 'base64', template: '{{base64 port}}', expected: 'NTQzMg==' },
  { name: 'base64Decode: to utf-8 text', helper: 'base64Decode', template: '{{base64Decode "aMOpbGxv"}}', expected: 'héllo' },
  { name: 'base64Decode: round trip', helper: 'base64Decode', template: '{{base64Decode (base64 text)}}', expected: 'line1\n"quoted"' },
  {
    name: 'sha256: hex digest',
    helper: 'sha256',
    template: '{{sha256 "abc"}}',
    expected: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  },
  {
    name: 'sha256: empty text',
    helper: 'sha256',
    template: '{{sha256 ""}}',
    expected: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
  { name: 'lower', helper: 'lower', template: '{{lower name}}', expected: 'my_app' },
  { name: 'upper', helper: 'upper', template: '{{upper name}}', expected: 'MY_APP' },
  { name: 'substr: start only', helper: 'substr', template: '{{substr "hello" 1}}', expected: 'ello' },
  { name: 'substr: start and end', helper: 'substr', template: '{{substr "hello" 1 3}}', expected: 'el' },
  { name: 'substr: of a number', helper: 'substr', template: '{{substr port 0 2}}', expected: '54' },
  { name: 'replace: every occurrence', helper: 'replace', template: '{{replace "a.b.c" "." "-"}}', expected: 'a-b-c' },
  { name: 'replace: no regex meaning', helper: 'replace', template: '{{replace "a.*b" ".*" "+"}}', expected: 'a+b' },
  { name: 'concat: strings and numbers', helper: 'concat', template: '{{concat "db-" name "-" port}}', expected: 'db-My_App-5432' },
  { name: 'concat: null is empty', helper: 'concat', template: '{{concat "a" nothing "b"}}', expected: 'ab' },
  { name: 'join: default separator', helper: 'join', template: '{{join list}}', expected: 'a,1,true' },
  { name: 'join: own separator', helper: 'join', template: '{{join list " | "}}', expected: 'a | 1 | true' },
  { name: 'join: not a list gives its text', helper: 'join', template: '{{join name "-"}}', expected: 'My_App' },
  { name: 'dnsLabel: lowercased, invalid characters to dashes', helper: 'dnsLabel', template: '{{dnsLabel name}}', expected: 'my-app' },
  { name: 'dnsLabel: with a suffix', helper: 'dnsLabel', template: '{{dnsLabel name "-Db"}}', expected: 'my-app-db' },
  { name: 'int: number', helper: 'int', template: '{{int port}}', expected: '5432' },
  { name: 'int: numeric string', helper: 'int', template: '{{int "42"}}', expected: '42' },
  { name: 'int: negative string', helper: 'int', template: '{{int "-7"}}', expected: '-7' },
  { name: 'regexMatch: matches', helper: 'regexMatch', template: '{{regexMatch "^my" "my-app"}}', expected: 'true' },
  { name: 'regexMatch: does not match', helper: 'regexMatch', template: '{{regexMatch "^db" "my-app"}}', expected: 'false' },
  { name: 'regexMatch: inside if', helper: 'regexMatch', template: '{{#if (regexMatch "_" name)}}yes{{else}}no{{/if}}', expected: 'yes' },
  { name: 'eq: equal strings', helper: 'eq', template: '{{eq name "My_App"}}', expected: 'true' },
  { name: 'eq: no type coercion', helper: 'eq', template: '{{eq port "5432"}}', expected: 'false' },
  { name: 'ne: different', helper: 'ne', template: '{{ne name "x"}}', expected: 'true' },
  { name: 'ne: no type coercion', helper: 'ne', template: '{{ne port "5432"}}', expected: 'true' },
  { name: 'ne: same', helper: 'ne', template: '{{ne port 5432}}', expected: 'false' },
  { name: 'and: all true', helper: 'and', template: '{{and name port list}}', expected: 'true' },
  { name: 'and: one false', helper: 'and', template: '{{and name zero}}', expected: 'false' },
  { name: 'or: one true', helper: 'or', template: '{{or empty nothing port}}', expected: 'true' },
  { name: 'or: none true', helper: 'or', template: '{{or empty nothing zero no}}', expected: 'false' },
  { name: 'not: falsy', helper: 'not', template: '{{not empty}}', expected: 'true' },
  { name: 'not: truthy', helper: 'not', template: '{{not name}}', expected: 'false' },
  { name: 'getenv: a set variable', helper: 'getenv', template: '{{getenv "DB_HOST"}}', expected: 'db.example.com' },
  { name: 'getenv: set but empty', helper: 'getenv', template: '[{{getenv "EMPTY"}}]', expected: '[]' },
  { name: 'getenv: name from a concat', helper: 'getenv', template: '{{getenv (concat "DB_" "HOST")}}', expected: 'db.example.com' },
  { name: 'fail: not called in a false branch', helper: 'fail', template: '{{#if no}}{{fail "never"}}{{/if}}ok', expected: 'ok' },
  {
    name: 'failAll: a block of passing checks gives nothing',
    helper: 'failAll',
    template: '{{#failAll}}\n{{#if no}}never{{/if}}\n  \n{{/failAll}}ok',
    expected: 'ok',
  },
  { name: 'split: by a separator', helper: 'split', template: '{{toJson (split "shop.web.db" ".")}}', expected: '["shop","web","db"]' },
  { name: 'split: by a comma by default', helper: 'split', template: '{{toJson (split "a,b")}}', expected: '["a","b"]' },
  { name: 'split: a number as its text', helper: 'split', template: '{{toJson (split port "4")}}', expected: '["5","32"]' },
  { name: 'split: missing value gives one empty part', helper: 'split', template: '{{toJson (split missing ".")}}', expected: '[""]' },
  { name: 'last: the last item', helper: 'last', template: '{{last (split "shop.web.db" ".")}}', expected: 'db' },
  { name: 'last: a list of one', helper: 'last', template: '{{last (split "cart" ".")}}', expected: 'cart' },
  { name: 'last: not a list gives nothing', helper: 'last', template: '[{{last name}}]', expected: '[]' },
  {
    name: 'last: an empty list gives nothing',
    helper: 'last',
    template: '[{{default (last emptyList) "none"}}]',
    context: { emptyList: [] },
    expected: '[none]',
  },
  {
    name: "secretRef: a marker with the run's token",
    helper: 'secretRef',
    template: '{{secretRef "db-secret" "password"}}',
    expected: testMarker('db-secret', 'password'),
  },
  {
    name: 'secretRef: from computed parts',
    helper: 'secretRef',
    template: '{{secretRef (dnsLabel name) "user.name"}}',
    expected: testMarker('my-app', 'user.name'),
  },
  {
    name: 'allowedEnv: a variable allowed by name',
    helper: 'allowedEnv',
    template: '{{allowedEnv "DB_HOST"}}',
    expected: 'db.example.com',
  },
  { name: 'allowedEnv: allowed and set but empty', helper: 'allowedEnv', template: '[{{allowedEnv "EMPTY"}}]', expected: '[]' },
  {
    name: 'allowedEnv: a variable allowed by a prefix',
    helper: 'allowedEnv',
    template: '{{allowedEnv "API_URL"}}',
    expected: 'https://api.example.com',
  },
  {
    name: "getenv: any variable but score-ts's own (templates are trusted)",
    helper: 'getenv',
    template: '{{getenv "CI_DEPLOY_TOKEN"}}',
    expected: 'ci-secret',
  },
];

interface ErrorRow {
  name: string;
  helper: string;
  template: string;
  message: string;
}

const errorRows: ErrorRow[] = [
  // int never shows the value (it may be a generated one), only what kind of value it is.
  {
    name: 'int: letters',
    helper: 'int',
    template: '{{int "xyz"}}',
    message: 'int: the value is not an integer (it is a string of 3 characters)',
  },
  {
    name: 'int: one letter',
    helper: 'int',
    template: '{{int "x"}}',
    message: 'int: the value is not an integer (it is a string of 1 character)',
  },
  { name: 'int: empty string', helper: 'int', template: '{{int ""}}', message: 'int: the value is not an integer (it is an empty string)' },
  { name: 'int: blank string', helper: 'int', template: '{{int "  "}}', message: 'int: the value is not an integer (it is blank)' },
  { name: 'int: fraction', helper: 'int', template: '{{int "1.5"}}', message: 'int: the value is not an integer (it has a fraction)' },
  { name: 'int: missing value', helper: 'int', template: '{{int missing}}', message: 'int: the value is not an integer (it is missing)' },
  { name: 'int: a map', helper: 'int', template: '{{int map}}', message: 'int: the value is not an integer (it is a map)' },
  { name: 'int: a boolean', helper: 'int', template: '{{int no}}', message: 'int: the value is not an integer (it is a boolean)' },
  {
    name: 'getenv: unset variable',
    helper: 'getenv',
    template: '{{getenv "NOPE"}}',
    message: 'the environment variable NOPE is not set for this run',
  },
  {
    name: 'getenv: variable set to undefined',
    helper: 'getenv',
    template: '{{getenv "UNSET"}}',
    message: 'the environment variable UNSET is not set for this run',
  },
  {
    name: 'getenv: an inherited Object property is not a variable',
    helper: 'getenv',
    template: '{{getenv "toString"}}',
    message: 'the environment variable toString is not set for this run',
  },
  {
    name: 'getenv: never the seed, even when set',
    helper: 'getenv',
    template: '{{getenv "SCORE_TS_SEED"}}',
    message: "SCORE_TS_SEED is score-ts's own variable: templates cannot read it",
  },
  {
    name: 'getenv: never any SCORE_TS_ variable',
    helper: 'getenv',
    template: '{{getenv "SCORE_TS_OTHER"}}',
    message: "SCORE_TS_OTHER is score-ts's own variable: templates cannot read it",
  },
  {
    name: 'allowedEnv: a set variable that --allow-env does not allow',
    helper: 'allowedEnv',
    template: '{{allowedEnv "CI_DEPLOY_TOKEN"}}',
    message:
      'the environment variable CI_DEPLOY_TOKEN is not allowed for this run: the person running score-ts can allow it with --allow-env CI_DEPLOY_TOKEN',
  },
  {
    name: 'allowedEnv: never the seed, even under an allowed prefix',
    helper: 'allowedEnv',
    template: '{{allowedEnv "SCORE_TS_SEED"}}',
    message: "SCORE_TS_SEED is score-ts's own variable: templates cannot read it",
  },
  {
    name: 'allowedEnv: allowed but not set',
    helper: 'allowedEnv',
    template: '{{allowedEnv "NOT_SET"}}',
    message: 'the environment variable NOT_SET is not set for this run',
  },
  {
    name: 'fail: its message as it is',
    helper: 'fail',
    template: '{{fail "params.size must be like 1Gi"}}',
    message: 'params.size must be like 1Gi',
  },
  { name: 'fail: without a message', helper: 'fail', template: '{{fail}}', message: 'the provisioner failed' },
  {
    name: 'fail: in a true branch',
    helper: 'fail',
    template: '{{#unless (regexMatch "^[0-9]+$" "12a")}}{{fail (concat "bad: " "12a")}}{{/unless}}',
    message: 'bad: 12a',
  },
  {
    name: 'failAll: one failing check',
    helper: 'failAll',
    template: '{{#failAll}}\n{{#if no}}never{{/if}}\n{{#unless no}}size must be like 1Gi{{/unless}}\n{{/failAll}}',
    message: 'size must be like 1Gi',
  },
  {
    name: 'failAll: every failing check, trimmed, joined in the message',
    helper: 'failAll',
    template:
      '{{#failAll}}\n  {{#unless no}}first{{/unless}}\n{{#if no}}never{{/if}}\n{{#unless zero}}second ({{name}}){{/unless}}  \n{{/failAll}}',
    message: 'first; second (My_App)',
  },
  {
    name: 'failAll: a fail inside stops at once',
    helper: 'failAll',
    template: '{{#failAll}}\nfirst\n{{fail "stop"}}\n{{/failAll}}',
    message: 'stop',
  },
  {
    name: 'secretRef: invalid name',
    helper: 'secretRef',
    template: '{{secretRef "Bad_Name" "k"}}',
    message: "secretRef: 'Bad_Name' is not a valid Secret name",
  },
  {
    name: 'secretRef: empty name',
    helper: 'secretRef',
    template: '{{secretRef "" "k"}}',
    message: "secretRef: '' is not a valid Secret name",
  },
  {
    name: 'secretRef: invalid key',
    helper: 'secretRef',
    template: '{{secretRef "db" "a/b"}}',
    message: "secretRef: 'a/b' is not a valid Secret key",
  },
  { name: 'randomString: length 0', helper: 'randomString', template: '{{randomString 0}}', message: 'length must be 1..4096, got 0' },
  {
    name: 'randomString: length not a number',
    helper: 'randomString',
    template: '{{randomString "many"}}',
    message: 'length must be 1..4096, got NaN',
  },
  {
    name: 'randomString: one-letter alphabet',
    helper: 'randomString',
    template: '{{randomString 4 "a"}}',
    message: 'the alphabet needs 2 to 256 characters',
  },
  {
    name: 'regexMatch: invalid pattern',
    helper: 'regexMatch',
    template: '{{regexMatch "(" "x"}}',
    message: 'regexMatch: the pattern "(" is not valid RE2 syntax (missing closing ): `(`)',
  },
  {
    name: 'regexMatch: lookahead is not RE2',
    helper: 'regexMatch',
    template: '{{regexMatch "^(?=a)" "a"}}',
    message:
      'regexMatch: the pattern "^(?=a)" is not valid RE2 syntax (invalid or unsupported Perl syntax: `(?=`); RE2 has no lookaround ((?=...), (?!...), (?<=...)) and no backreferences (\\1)',
  },
  {
    name: 'regexMatch: a backreference is not RE2',
    helper: 'regexMatch',
    template: '{{regexMatch "(a)\\1" "aa"}}',
    message:
      'regexMatch: the pattern "(a)\\\\1" is not valid RE2 syntax (invalid escape sequence: `\\1`); RE2 has no lookaround ((?=...), (?!...), (?<=...)) and no backreferences (\\1)',
  },
];

describe('template helpers, as templates call them', () => {
  it.each(rows)('$name', ({ template, context, random, expected }) => {
    expect(render(template, context ?? CTX, random)).toBe(expected);
  });

  it.each(errorRows)('$name', ({ template, message }) => {
    const error = thrown(() => render(template, CTX));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toBe(message);
  });

  it.each([
    { name: 'one problem', template: '{{#failAll}}\n{{#unless no}}a is bad{{/unless}}\n{{/failAll}}', problems: ['a is bad'] },
    {
      name: 'two problems, in order',
      template: '{{#failAll}}\n{{#unless no}}a is bad{{/unless}}\n\n{{#unless no}}b is bad{{/unless}}\n{{/failAll}}',
      problems: ['a is bad', 'b is bad'],
    },
    { name: 'fail: one problem, its message', template: '{{fail "c is bad"}}', problems: ['c is bad'] },
  ])('failAll keeps each problem apart for the report: $name', ({ template, problems }) => {
    const error = thrown(() => render(template, CTX));
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).problems).toEqual(problems);
  });

  it('randomString reads the random source of the render call', () => {
    const template = compileTemplate({ text: '{{randomString 4 "ab"}}', firstLine: 1 });
    expect(template({}, templateData(fixedRandom([0, 1, 1, 0])))).toBe('abba');
    expect(template({}, templateData(fixedRandom([1, 1, 1, 1])))).toBe('bbbb');
  });

  it('secretRef and allowedEnv refuse where the render data does not give them (patch templates)', () => {
    const data = { random: countingRandom(), env: ENV };
    expect(thrown(() => compileTemplate({ text: '{{secretRef "db" "k"}}', firstLine: 1 })({}, data)).message).toBe(
      'secretRef can be used only in provisioner templates',
    );
    expect(thrown(() => compileTemplate({ text: '{{allowedEnv "DB_HOST"}}', firstLine: 1 })({}, data)).message).toBe(
      'the environment variable DB_HOST is not allowed for this run: the person running score-ts can allow it with --allow-env DB_HOST',
    );
  });

  it('every helper in TEMPLATE_HELPERS has a row, and every row names a helper', () => {
    const covered = new Set([...rows, ...errorRows].map((r) => r.helper));
    expect([...covered].sort()).toEqual(Object.keys(TEMPLATE_HELPERS).sort());
  });

  it('each row calls the helper it names', () => {
    for (const row of [...rows, ...errorRows]) expect(row.template, row.name).toMatch(new RegExp(`[{(]#?${row.helper}[ }]`));
  });
});

/**
 * The data half of sprig (math, float math, encoding, hashes, regex, semver, dates, URLs, uuid and random
 * values, crypto): tables with exact output or error text, checked against score-ts, against Go itself (the
 * oracle: Go 1.19 with sprig 3.2.3; rows say where score-k8s's sprig 3.3.0 or Go 1.23 differ) and, where its
 * binary is present, against score-k8s 0.6.1; the clock and random functions by their form; and thousands of
 * generated calls compared with Go byte for byte.
 *
 * The Go parts need Debian's golang-go and golang-github-masterminds-sprig-dev; they skip (one line) without
 * them, except under CI=true, where their absence fails the run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bcryptHash } from '../../src/templates/go/sprig/bcrypt.js';
import { ZONE_ABBREVIATIONS } from '../../src/templates/go/sprig/zone-table.js';
import { oracleBinary, runOracle, type OracleCase, type OracleResult } from './support/oracle.js';
import { dateCaseArb, encodingCaseArb, mathCaseArb, regexCaseArb, semverCaseArb, urlCaseArb } from './sprig-data/generate.js';
import { SPRIG_DATA_TABLES } from './sprig-data/index.js';
import { dataFuncs, renderData } from './sprig-data/render.js';
import { dataCase, oracleExpects, type DataRow } from './sprig-data/row.js';
import { runScoreK8s, scoreK8sBinary } from './sprig-data/score-k8s.js';

const binary = oracleBinary('the sprig data-function oracle tests');
const scoreK8s = scoreK8sBinary();
const ROWS = Object.values(SPRIG_DATA_TABLES).flat();

describe.each(Object.entries(SPRIG_DATA_TABLES))('sprig %s', (_, rows: readonly DataRow[]) => {
  it.each(rows)('$name', (row) => {
    expect(renderData(dataCase(row), row.local)).toEqual({ out: row.out, err: row.err ?? '' });
  });
});

/** Runs cases through the oracle with Go's Local set to a zone (TZ; UTC unless a row says otherwise). */
function runOracleIn(zone: string | undefined, cases: readonly OracleCase[]): OracleResult[] {
  const saved = process.env.TZ;
  process.env.TZ = zone ?? 'UTC';
  try {
    return runOracle(binary!, cases);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

describe.skipIf(!binary)('sprig data functions = Go 1.19 with sprig 3.2.3', () => {
  it.each([undefined, 'America/New_York', 'Europe/Berlin'])('gives what each table row expects of the oracle (Local: %s)', (zone) => {
    const rows = ROWS.filter((row) => row.local === zone);
    const go = runOracleIn(zone, rows.map(dataCase));
    const wrong = rows.flatMap((row, i) =>
      go[i]!.out === oracleExpects(row).out && go[i]!.err === oracleExpects(row).err ? [] : [{ row: row.name, go: go[i] }],
    );
    expect(wrong).toEqual([]);
  });
});

describe.skipIf(!binary)('every time zone Go knows', () => {
  // January and July instants from 2005 to 2024: offsets from Intl, abbreviations from zone-table.ts. (Before 1970,
  // ICU's data merges zones that tzdata keeps apart, so offsets there can differ; see time-zone.ts.)
  const instants = [1105000000, 1121000000, 1263000000, 1279000000, 1421000000, 1437000000, 1579000000, 1595000000, 1705000000, 1721000000];
  it('formats each instant as Go does', () => {
    const cases = Object.keys(ZONE_ABBREVIATIONS).flatMap((zone) =>
      instants.map((t): OracleCase => ({ text: `{{ dateInZone "2006-01-02 15:04:05 MST -07:00:00" ${t} "${zone}" }}`, sprig: true })),
    );
    const go = runOracleIn(undefined, cases);
    const wrong = cases.flatMap((c, i) =>
      renderData(c).out === go[i]!.out ? [] : [{ text: c.text, go: go[i]!.out, ours: renderData(c).out }],
    );
    expect(wrong.slice(0, 10)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!scoreK8s)('sprig data functions = score-k8s 0.6.1 (sprig 3.3.0, Go 1.23)', () => {
  it('gives each table row without data what score-k8s gives', async () => {
    const rows = ROWS.filter((row) => row.data === undefined && row.local === undefined);
    const k8s = await runScoreK8s(
      scoreK8s!,
      rows.map((row) => row.text),
    );
    // score-k8s prints nothing of a failed template, so only the error of an error row is compared.
    const wrong = rows.flatMap((row, i) =>
      (row.err ? k8s[i]!.err === row.err : k8s[i]!.out === row.out && k8s[i]!.err === '') ? [] : [{ row: row.name, k8s: k8s[i] }],
    );
    expect(wrong).toEqual([]);
  }, 60_000);
});

/** The 16 salt bytes of a $2a$ hash (bcrypt's base64 alphabet). */
function bcryptSalt(hash: string): Buffer {
  const bcrypt = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const std = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return Buffer.from([...hash.slice(7, 29)].map((c) => std[bcrypt.indexOf(c)]).join(''), 'base64').subarray(0, 16);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BCRYPT = /^\$2a\$10\$[./A-Za-z0-9]{53}$/;
const FORMS = [
  { name: 'uuidv4 is a version 4 UUID', text: '{{ uuidv4 }}', form: UUID },
  {
    name: 'randBytes is base64 of that many bytes',
    text: '{{ randBytes 24 }}|{{ randBytes 1 }}|{{ randBytes 0 }}',
    form: /^[A-Za-z0-9+/]{32}\|[A-Za-z0-9+/]{2}==\|$/,
  },
  { name: 'randInt is in [min, max)', text: '{{ randInt 3 5 }}|{{ randInt -2 -1 }}', form: /^[34]\|-2$/ },
  {
    name: 'encryptAES is base64 of an IV and whole blocks',
    text: '{{ encryptAES "k" "hello" }}|{{ encryptAES "k" "exactly16bytes!!" }}',
    form: /^[A-Za-z0-9+/]{43}=\|[A-Za-z0-9+/]{64}$/,
  },
  { name: 'bcrypt is a $2a$ hash of cost 10', text: '{{ bcrypt "password" }}', form: BCRYPT },
  { name: 'htpasswd is the user and a bcrypt hash', text: '{{ htpasswd "admin" "secret" }}', form: /^admin:\$2a\$10\$[./A-Za-z0-9]{53}$/ },
  { name: 'now prints as a time', text: '{{ now }}', form: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? \+0000 UTC( m=\+\d+\.\d{9})?$/ },
  {
    name: 'ago is a duration in whole seconds',
    text: '{{ ago 1700000000 }}|{{ ago (toDate "2006" "2020") }}',
    form: /^\d+h\d+m\d+s\|\d+h\d+m\d+s$/,
  },
  { name: 'durationRound of a time counts from now', text: '{{ durationRound (toDate "2006" "2020") }}', form: /^\d+y$/ },
  {
    name: 'a date that is not a time or an int is now',
    text: '{{ date "2006" 1.5 }}|{{ htmlDate "x" }}|{{ dateInZone "2006" nil "UTC" }}',
    form: /^20\d\d\|20\d\d-\d\d-\d\d\|20\d\d$/,
  },
] as const;

describe('sprig data functions of the clock and the random source', () => {
  it.each(FORMS)('$name', ({ text, form }) => {
    const { out, err } = renderData({ text, sprig: true });
    expect({ err, form: form.test(out) }).toEqual({ err: '', form: true });
  });

  it.each([
    {
      name: "now is the run's clock, in Local",
      text: '{{ now }}|{{ now.Unix }}|{{ now | date "Mon 15:04 MST" }}',
      out: '2024-03-10 07:08:09.123456789 +0000 UTC|1710054489|Sun 07:08 UTC',
    },
    { name: 'now in another Local', zone: 'America/New_York', text: '{{ now }}', out: '2024-03-10 03:08:09.123456789 -0400 EDT' },
    {
      name: "Local is named Local (as Go names the machine's zone when TZ is unset)",
      text: '{{ (toDate "2006" "2024").Location }}|{{ now.Location }}',
      out: 'Local|Local',
    },
    {
      name: 'ago counts from the clock',
      text: '{{ ago 1700000000 }}|{{ ago now }}|{{ ago 1800000000 }}',
      out: '2792h54m49s|0s|-24984h51m51s',
    },
    {
      name: 'a date that is not a time is the clock',
      text: '{{ date "2006-01-02 15:04:05.000" "x" }}|{{ htmlDate 1.5 }}',
      out: '2024-03-10 07:08:09.123|2024-03-10',
    },
    {
      name: 'durationRound of a time',
      text: '{{ durationRound (toDate "2006" "2020") }}|{{ durationRound (dateModify "-50h" now) }}',
      out: '4y|2d',
    },
  ])('$name', ({ text, out, zone }) => {
    expect(renderData({ text, sprig: true }, zone)).toEqual({ out, err: '' });
  });

  it('gives the same values for the same seed and others for another seed', () => {
    const text = '{{ uuidv4 }} {{ randBytes 8 }} {{ randInt 0 1000000 }} {{ encryptAES "k" "v" }} {{ bcrypt "p" }}';
    const run = (seed: string): string => renderData({ text, sprig: true }, undefined, dataFuncs({ seed })).out;
    expect(run('one')).toBe(run('one'));
    expect(run('one')).not.toBe(run('two'));
  });

  it.each([
    {
      name: 'genCA fails when called',
      text: '{{ genCA "x" 365 }}',
      out: '',
      err: 'template: t:1:3: executing "t" at <genCA "x" 365>: error calling genCA: key and certificate generation is not available in score-ts templates (it could not be reproduced from SCORE_TS_SEED); create the certificate outside score-ts and pass it in',
    },
    {
      name: 'genPrivateKey fails when called',
      text: '{{ genPrivateKey "ecdsa" }}',
      out: '',
      err: 'template: t:1:3: executing "t" at <genPrivateKey "ecdsa">: error calling genPrivateKey: key and certificate generation is not available in score-ts templates (it could not be reproduced from SCORE_TS_SEED); create the certificate outside score-ts and pass it in',
    },
    {
      name: 'getHostByName fails when called',
      text: '{{ getHostByName "example.com" }}',
      out: '',
      err: 'template: t:1:3: executing "t" at <getHostByName "example.com">: error calling getHostByName: getHostByName is not available in score-ts templates: a template does not reach the network',
    },
  ])('left out: $name', ({ text, out, err }) => {
    expect(renderData({ text, sprig: true })).toEqual({ out, err });
  });

  it('decrypts what it encrypts', () => {
    const text = '{{ decryptAES "pw" (encryptAES "pw" "héllo, wörld: more than one block") }}';
    expect(renderData({ text, sprig: true })).toEqual({ out: 'héllo, wörld: more than one block', err: '' });
  });

  it.each([
    { hash: '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', password: 'U*U' },
    { hash: '$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK', password: 'U*U*' },
    { hash: '$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a', password: 'U*U*U' },
    { hash: '$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy', password: '' },
  ])('hashes the crypt_blowfish test vector of $password', ({ hash, password }) => {
    expect(bcryptHash(Buffer.from(password), bcryptSalt(hash), 5)).toBe(hash);
  });
});

describe.skipIf(!binary)('sprig data functions of the clock and the random source, against Go', () => {
  it('gives the same forms as Go', () => {
    const go = runOracleIn(
      undefined,
      FORMS.map(({ text }) => ({ text, sprig: true })),
    );
    expect(go.map(({ out, err }, i) => ({ name: FORMS[i]!.name, err, form: FORMS[i]!.form.test(out) }))).toEqual(
      FORMS.map(({ name }) => ({ name, err: '', form: true })),
    );
  });

  it('decrypts what Go encrypts, and Go decrypts what score-ts encrypts', () => {
    const plain = ['x', 'héllo', 'exactly16bytes!!', 'a longer text, over two blocks of sixteen'];
    const fromGo = runOracleIn(
      undefined,
      plain.map((p) => ({ text: `{{ encryptAES "k€y" ${JSON.stringify(p)} }}`, sprig: true })),
    );
    const ours = plain.map((p) => renderData({ text: `{{ encryptAES "k€y" ${JSON.stringify(p)} }}`, sprig: true }).out);
    const decrypt = (c: string): OracleCase => ({ text: `{{ decryptAES "k€y" ${JSON.stringify(c)} }}`, sprig: true });
    expect(fromGo.map(({ out }) => renderData(decrypt(out)).out)).toEqual(plain);
    expect(runOracleIn(undefined, ours.map(decrypt)).map(({ out }) => out)).toEqual(plain);
  });

  it('computes the bcrypt hash Go computes for its salt', () => {
    const passwords = ['password', '', 'héllo', 'x'.repeat(72)];
    const go = runOracleIn(
      undefined,
      passwords.map((p) => ({ text: `{{ bcrypt ${JSON.stringify(p)} }}`, sprig: true })),
    );
    expect(passwords.map((p, i) => bcryptHash(Buffer.from(p), bcryptSalt(go[i]!.out), 10))).toEqual(go.map(({ out }) => out));
  }, 30_000);
});

/** The cases where score-ts and Go differ (the first few, for the report). */
function mismatches(cases: readonly OracleCase[]): unknown[] {
  const go = runOracleIn(undefined, cases);
  const out: unknown[] = [];
  cases.forEach((c, i) => {
    const ours = renderData(c);
    if (ours.out !== go[i]!.out || ours.err !== go[i]!.err) out.push({ text: c.text, go: go[i], ours });
  });
  return out.slice(0, 5);
}

describe.skipIf(!binary)('sprig data functions on generated calls = Go', () => {
  it.each([
    { family: 'integer and float math', arb: mathCaseArb, runs: 3000, seed: 101 },
    { family: 'encoding and hashes', arb: encodingCaseArb, runs: 2000, seed: 102 },
    { family: 'regular expressions', arb: regexCaseArb, runs: 3000, seed: 103 },
    { family: 'semver', arb: semverCaseArb, runs: 3000, seed: 104 },
    { family: 'dates', arb: dateCaseArb, runs: 2000, seed: 105 },
    { family: 'URLs', arb: urlCaseArb, runs: 2000, seed: 106 },
  ])(
    '$family: $runs calls (seed $seed)',
    ({ arb, runs, seed }) => {
      expect(mismatches(fc.sample(arb, { seed, numRuns: runs }))).toEqual([]);
    },
    120_000,
  );
});

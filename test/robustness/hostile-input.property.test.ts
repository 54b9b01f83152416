/**
 * Property tests (fast-check, fixed seeds): thousands of generated and mutated Score files, override files,
 * override properties and provisioner files go through `generate`. Every run ends with valid manifests or
 * with a clear error and exit code 1 or 2: never an internal error, a stack trace, a hang, or a changed or
 * empty output file.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot, runIn, tempProject } from '../support/run-cli.js';

/** Cases per input kind; the seeds are fixed so a failure reproduces. */
const RUNS = Number(process.env.SCORE_TS_PROPERTY_RUNS ?? 2500);
const PREVIOUS = '# manifests of an earlier run\n';

/** Runs generate and checks the outcome; returns the exit code. */
async function generateChecked(dir: string, args: string[]): Promise<number> {
  // The in-process CLI resolves without I/O waits: let the event loop (and vitest's messages) through.
  await new Promise((resolve) => setImmediate(resolve));
  rmSync(path.join(dir, '.score-ts'), { recursive: true, force: true });
  rmSync(path.join(dir, 'score-ts.yaml'), { force: true });
  writeFileSync(path.join(dir, 'out.yaml'), PREVIOUS);
  const run = await runIn(dir, ['generate', ...args, '-o', 'out.yaml']);
  expect(run.stderr).not.toContain('internal error');
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  // Messages show control, line-break and bidi characters of the input escaped; no line is the input's own.
  // eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
  expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  for (const line of run.stderr.replace(/\n$/, '').split('\n'))
    expect(line).toMatch(/^(error: |warning: | {2}\S| {4}|wrote \d+ objects? |initialised the project state |created score-ts\.yaml \(|$)/);
  const output = readFileSync(path.join(dir, 'out.yaml'), 'utf8');
  if (run.code === 0) {
    expect(output).not.toBe('');
    for (const doc of parseAllDocuments(output)) {
      expect(doc.errors).toEqual([]);
      const m = doc.toJS() as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
      expect(
        typeof m.apiVersion === 'string' && typeof m.kind === 'string' && typeof m.metadata?.name === 'string' && m.metadata.name !== '',
      ).toBe(true);
    }
  } else {
    expect([1, 2]).toContain(run.code);
    expect(run.stderr).toMatch(/^error: \S/m);
    expect(output).toBe(PREVIOUS);
  }
  return run.code;
}

/** Hostile text: YAML indicators, anchors and aliases, control and unicode characters, placeholders. */
const hostilePiece = fc.constantFrom(
  ':',
  ': ',
  '- ',
  '#',
  '&a ',
  '*a',
  '!!str ',
  '!!binary ',
  '<<: ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '|',
  '>',
  '"',
  "'",
  '\\',
  '\n',
  '\n  ',
  '\t',
  '\r',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u0085',
  '\u2028',
  '\ufeff',
  'é',
  '😀',
  '\ud800',
  '${',
  '}',
  '$${',
  '${metadata.name}',
  '${resources.db.url}',
  '${resources.',
  '.',
  '---\n',
  '...\n',
  'null',
  '~',
  'true',
  'yes',
  '0x1F',
  '1e999',
  '-0',
  '.nan',
  '__proto__',
  'constructor',
  '%YAML 1.1\n',
);
const hostileString = fc.oneof(
  { weight: 8, arbitrary: fc.array(hostilePiece, { maxLength: 8 }).map((p) => p.join('')) },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.nat({ max: 100_000 }).map((n) => 'x'.repeat(n)) },
);
/** Mostly a good value, sometimes anything. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad });
/** Any value, including ones of the wrong type for the field it lands in. */
const anyValue = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
const name = fc.oneof({ weight: 8, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,12}$/) }, { weight: 1, arbitrary: hostileString });
const dict = <T>(value: fc.Arbitrary<T>) => fc.dictionary(name, value, { maxKeys: 3 });

const container = fc.record(
  {
    image: mostly(fc.constant('nginx:1.28'), fc.oneof(fc.constant('.'), anyValue)),
    command: mostly(fc.array(hostileString, { maxLength: 3 }), fc.array(anyValue, { maxLength: 3 })),
    args: mostly(fc.array(hostileString, { maxLength: 3 }), fc.array(anyValue, { maxLength: 3 })),
    variables: dict(mostly(hostileString, anyValue)),
    files: fc.dictionary(
      fc.oneof({ weight: 6, arbitrary: fc.constant('/etc/app/c.txt') }, { weight: 1, arbitrary: hostileString }),
      mostly(
        fc.record({ content: hostileString }),
        fc.record(
          { content: anyValue, mode: anyValue, source: fc.constantFrom('../../etc/passwd', '/etc/passwd', 'missing.txt') },
          { requiredKeys: [] },
        ),
      ),
      { maxKeys: 2 },
    ),
    volumes: fc.dictionary(fc.constant('/data'), fc.record({ source: anyValue, readOnly: anyValue }, { requiredKeys: [] }), { maxKeys: 1 }),
    resources: fc.record({ limits: fc.record({ cpu: anyValue, memory: anyValue }, { requiredKeys: [] }) }, { requiredKeys: [] }),
    livenessProbe: fc.record(
      {
        httpGet: fc.record({ port: anyValue, path: anyValue }, { requiredKeys: [] }),
        exec: fc.record({ command: fc.array(anyValue, { maxLength: 2 }) }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['image'] },
);
const resource = fc.record(
  {
    type: mostly(
      fc.constantFrom('postgres', 'redis', 'mysql', 'route', 'dns', 'volume', 's3', 'environment', 'service-port'),
      hostileString,
    ),
    class: mostly(fc.constant('default'), hostileString),
    id: mostly(fc.constant('shared-db'), hostileString),
    params: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: dict(anyValue) }),
    metadata: fc.record({ annotations: dict(anyValue) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['type'] },
);
const scoreDocument = fc.record(
  {
    apiVersion: mostly(fc.constant('score.dev/v1b1'), anyValue),
    metadata: fc.record({ name: name, annotations: dict(anyValue) }, { requiredKeys: ['name'] }),
    containers: fc.dictionary(name, container, { minKeys: 1, maxKeys: 2 }),
    service: fc.record({
      ports: dict(
        mostly(
          fc.record({ port: fc.integer({ min: 1, max: 65535 }) }),
          fc.record({ port: anyValue, targetPort: anyValue, protocol: anyValue }, { requiredKeys: ['port'] }),
        ),
      ),
    }),
    resources: dict(resource),
  },
  { requiredKeys: ['apiVersion', 'metadata', 'containers'] },
);

/** Score files of the repository, the seeds for text mutations. */
function seedTexts(): string[] {
  const files: string[] = [];
  for (const base of ['examples', path.join('test', 'golden')]) {
    for (const entry of readdirSync(path.join(repoRoot, base), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name === 'score.yaml') files.push(readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
    }
  }
  return files;
}

/** A text with random edits: hostile pieces inserted, characters deleted, lines duplicated or re-indented. */
function mutatedText(seeds: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.oneof(hostilePiece, hostileString));
  return fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) => {
    let out = text;
    for (const [at, kind, piece] of edits) {
      const i = at % (out.length + 1);
      if (kind === 0) out = out.slice(0, i) + piece + out.slice(i);
      else if (kind === 1) out = out.slice(0, i) + out.slice(i + 1 + (at % 7));
      else if (kind === 2) {
        const lines = out.split('\n');
        lines.splice(at % lines.length, 0, lines[at % lines.length]!);
        out = lines.join('\n');
      } else out = out.replace(/\n {2}/g, (m, offset: number) => (offset === i ? '\n   ' : m));
    }
    return out;
  });
}

const asYaml = (value: unknown): string => JSON.stringify(value, null, 1);
const VALID_BASE =
  'apiVersion: score.dev/v1b1\nmetadata: {name: app}\ncontainers:\n  main:\n    image: nginx:1.28\n    variables: {A: a}\nresources:\n  db: {type: postgres}\n';

function counter(): { codes: Record<number, number>; count: (code: number) => void } {
  const codes: Record<number, number> = {};
  return { codes, count: (code) => void (codes[code] = (codes[code] ?? 0) + 1) };
}

describe(`generate survives hostile input (${RUNS} cases per kind, fixed seeds)`, () => {
  it('generated Score documents (wrong types, hostile strings, unknown resources)', async () => {
    const dir = tempProject();
    const seen = counter();
    await fc.assert(
      fc.asyncProperty(scoreDocument, async (doc) => {
        writeFileSync(path.join(dir, 'score.yaml'), asYaml(doc));
        seen.count(await generateChecked(dir, ['score.yaml']));
      }),
      { seed: 6001, numRuns: RUNS },
    );
    expect(Object.values(seen.codes).reduce((a, b) => a + b)).toBe(RUNS);
    expect(seen.codes[0] ?? 0).toBeGreaterThan(0);
  }, 600_000);

  it('mutated Score file texts (syntax errors, anchors, tags, control characters, empty files)', async () => {
    const dir = tempProject();
    const seen = counter();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 20, arbitrary: mutatedText(seedTexts()) }, { weight: 1, arbitrary: fc.constantFrom('', '\n', '---\n', '~\n') }),
        async (text) => {
          writeFileSync(path.join(dir, 'score.yaml'), text);
          seen.count(await generateChecked(dir, ['score.yaml']));
        },
      ),
      { seed: 6002, numRuns: RUNS },
    );
    expect(seen.codes[0] ?? 0).toBeGreaterThan(0);
    expect(seen.codes[1] ?? 0).toBeGreaterThan(0);
  }, 600_000);

  it('override files', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), VALID_BASE);
    const seen = counter();
    const override = fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .record(
            {
              metadata: fc.record({ name }, { requiredKeys: [] }),
              containers: fc.dictionary(fc.constantFrom('main', 'other'), fc.oneof(container, fc.constant(null)), { maxKeys: 2 }),
              resources: dict(fc.oneof(resource, fc.constant(null))),
            },
            { requiredKeys: [] },
          )
          .map(asYaml),
      },
      { weight: 2, arbitrary: mutatedText([VALID_BASE, 'containers:\n  main:\n    variables:\n      B: b\n']) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(asYaml) },
    );
    await fc.assert(
      fc.asyncProperty(override, async (text) => {
        writeFileSync(path.join(dir, 'overrides.yaml'), text);
        seen.count(await generateChecked(dir, ['score.yaml', '--overrides-file', 'overrides.yaml']));
      }),
      { seed: 6003, numRuns: RUNS },
    );
    expect(seen.codes[0] ?? 0).toBeGreaterThan(0);
  }, 600_000);

  it('override properties', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), VALID_BASE);
    const seen = counter();
    const segment = fc.oneof(
      fc.constantFrom(
        'containers',
        'main',
        'variables',
        'metadata',
        'name',
        'resources',
        'db',
        'type',
        'params',
        'image',
        '[0]',
        '[-1]',
        '0',
        '__proto__',
        'constructor',
        'prototype',
        'a\\.b',
        'polluted',
        '',
      ),
      hostileString,
    );
    const property = fc
      .tuple(
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.oneof(
          hostileString,
          anyValue.map((v) => JSON.stringify(v) ?? ''),
        ),
      )
      .map(([p, v]) => `${p.join('.')}=${v}`);
    const good = fc
      .tuple(
        fc.constantFrom(
          'containers.main.variables.X',
          'containers.main.image',
          'metadata.annotations.note',
          'containers.main.args',
          'resources.db.params',
          'containers.main.variables.A',
        ),
        hostileString,
      )
      .map(([p, v]) => `${p}=${JSON.stringify(v)}`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 2, arbitrary: good }, { weight: 2, arbitrary: property }, { weight: 1, arbitrary: hostileString }), {
          minLength: 1,
          maxLength: 3,
        }),
        async (properties) => {
          seen.count(await generateChecked(dir, ['score.yaml', ...properties.flatMap((p) => ['--override-property', p])]));
        },
      ),
      { seed: 6004, numRuns: RUNS },
    );
    expect(seen.codes[0] ?? 0).toBeGreaterThan(0);
    expect({} as Record<string, unknown>).not.toHaveProperty('polluted');
  }, 600_000);

  it('provisioner files (random templates, helpers and fields, and mutated built-in files)', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), VALID_BASE);
    const builtIn = ['data-services', 'networking'].map((f) =>
      readFileSync(path.join(repoRoot, 'provisioners', `${f}.provisioners.yaml`), 'utf8'),
    );
    const seen = counter();
    const templatePiece = fc.oneof(
      hostilePiece,
      fc.constantFrom(
        '{{',
        '}}',
        '{{#if params.x}}',
        '{{/if}}',
        '{{#each params}}',
        '{{/each}}',
        '{{quote id}}',
        '{{toJson params}}',
        '{{randomString 16}}',
        '{{fail "no"}}',
        '{{secretRef "s" "k"}}',
        '{{lookup this "constructor"}}',
        '{{constructor.constructor "return process"}}',
        '{{this.__proto__}}',
        '{{getenv "HOME"}}',
        '{{dig params "a" "b"}}',
        '{{base64 (toJson .)}}',
        '{{unknownHelper}}',
        'url: ',
        'host: x\n',
        '- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: x}\n',
        'password: {{quote (default state.password (randomString 8))}}\n',
        '{{> partial}}',
        '{{{raw}}}',
      ),
    );
    const template = fc.oneof(
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          '',
          'url: {{quote id}}\n',
          'x: {{toJson params}}\n',
          '- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: {{quote (dnsLabel id)}}}\n  data: {v: {{quote (randomString 8)}}}\n',
        ),
      },
      { weight: 3, arbitrary: fc.array(templatePiece, { maxLength: 10 }).map((p) => p.join('')) },
    );
    const entry = fc
      .record(
        {
          uri: mostly(fc.constant('template://fuzz/db'), hostileString),
          type: mostly(fc.constant('postgres'), hostileString),
          init: template,
          state: template,
          outputs: template,
          manifests: template,
          shared: fc.oneof(fc.constant(''), template),
          wait_for: fc.oneof(fc.constant(''), template),
          expected_outputs: fc.array(fc.constantFrom('url', 'host', 'x'), { maxLength: 2 }),
          supported_params: fc.array(name, { maxLength: 2 }),
        },
        { requiredKeys: ['uri', 'type'] },
      )
      .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== '')));
    const file = fc.oneof(
      { weight: 3, arbitrary: fc.array(entry, { minLength: 1, maxLength: 2 }).map(asYaml) },
      { weight: 1, arbitrary: mutatedText(builtIn) },
    );
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        writeFileSync(path.join(dir, 'fuzz.provisioners.yaml'), text);
        seen.count(await generateChecked(dir, ['score.yaml', '--provisioners', 'fuzz.provisioners.yaml']));
      }),
      { seed: 6005, numRuns: RUNS },
    );
    expect(seen.codes[0] ?? 0).toBeGreaterThan(0);
    expect(seen.codes[1] ?? 0).toBeGreaterThan(0);
  }, 600_000);
});

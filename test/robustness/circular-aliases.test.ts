/**
 * Circular YAML aliases (`metadata: &m {name: app, self: [*m]}`): an alias inside the value its anchor names
 * would make a value that contains itself. Every reader of YAML refuses them with the line of the alias,
 * instead of an internal error (a stack overflow, or JSON's "circular structure") later on.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findCircularAlias } from '../../src/yaml/circular-alias.js';
import { runIn, tempProject } from '../support/run-cli.js';

const SCORE = 'apiVersion: score.dev/v1b1\nmetadata: {name: app}\ncontainers:\n  main:\n    image: nginx\n';
const WITH_DB = `${SCORE}resources:\n  db:\n    type: cache\n`;
const MESSAGE = (line: number, column: number) =>
  `this alias refers to the value it is inside of (anchored at line ${line}, column ${column}): a value cannot contain itself; write the values out instead of the alias`;

interface Case {
  name: string;
  files: Record<string, string>;
  /** Commands run first, in the same project. */
  setup?: string[][];
  args: string[];
  stderr: string;
}

const CASES: Case[] = [
  {
    name: 'a Score file, read through a placeholder',
    files: {
      'score.yaml':
        'apiVersion: score.dev/v1b1\nmetadata: &m {name: app, self: [*m]}\ncontainers:\n  main:\n    image: nginx\n    variables:\n      X: ${metadata.self}\n',
    },
    args: ['generate', 'score.yaml'],
    stderr: `error: invalid Score input\n  score.yaml:2:33: metadata.self[0]: ${MESSAGE(2, 11)}\n`,
  },
  {
    name: 'a Score file, in resource params',
    files: { 'score.yaml': `${SCORE}resources:\n  vol:\n    type: volume\n    params: &p\n      storageClassName: [*p]\n` },
    args: ['generate', 'score.yaml'],
    stderr: `error: invalid Score input\n  score.yaml:10:26: resources.vol.params.storageClassName[0]: ${MESSAGE(9, 13)}\n`,
  },
  {
    name: 'an overrides file',
    files: { 'score.yaml': SCORE, 'o.yaml': 'containers:\n  main:\n    variables: &v\n      A: {b: *v}\n' },
    args: ['generate', 'score.yaml', '--overrides-file', 'o.yaml'],
    stderr: `error: invalid Score input\n  o.yaml:4:14: containers.main.variables.A.b: ${MESSAGE(3, 16)}\n`,
  },
  {
    name: 'an override property',
    files: { 'score.yaml': SCORE },
    args: ['generate', 'score.yaml', '--override-property', 'metadata.annotations=&a {x: [*a]}'],
    stderr: `error: invalid Score input\n  --override-property 'metadata.annotations=&a {x: [*a]}': the value is not valid YAML: line 1, column 9: ${MESSAGE(1, 1)}\n`,
  },
  {
    name: 'a provisioner file',
    files: {
      'score.yaml': WITH_DB,
      'p.provisioners.yaml': '- &e\n  uri: template://t/cache\n  type: cache\n  outputs: "host: x"\n  again: [*e]\n',
    },
    args: ['generate', 'score.yaml', '--provisioners', 'p.provisioners.yaml'],
    stderr: `error: invalid provisioner files\n  p.provisioners.yaml:5:11: [0].again[0]: ${MESSAGE(1, 3)}\n`,
  },
  {
    name: "a provisioner template's rendered outputs",
    files: {
      'score.yaml': WITH_DB,
      'p.provisioners.yaml': '- uri: template://t/cache\n  type: cache\n  outputs: |\n    host: x\n    loop: &l\n      - *l\n',
    },
    args: ['generate', 'score.yaml', '--provisioners', 'p.provisioners.yaml'],
    stderr: `error: resource 'db' of workload 'app' (cache.default#app.db) failed\n  p.provisioners.yaml:4:1: template://t/cache, stage outputs: rendered outputs is not valid YAML (rendered line 3): an alias (*name) inside the value its anchor (&name) names: a value cannot contain itself; write the values out\n`,
  },
  {
    name: 'a patch template',
    files: { 'score.yaml': SCORE, 'patches/loop.tpl': '- op: set\n  path: 0.metadata.labels\n  value: &l {a: [*l]}\n' },
    setup: [['init', '--no-sample', '--patch-templates', 'patches']],
    args: ['generate', 'score.yaml'],
    stderr: `error: patch template patches/loop.tpl failed\n  patches/loop.tpl: the rendered text is not valid YAML (rendered line 3): an alias (*name) inside the value its anchor (&name) names: a value cannot contain itself; write the values out\n`,
  },
  {
    name: 'the state file',
    files: { 'score.yaml': SCORE, '.score-ts/state.yaml': 'version: 1\nworkloads: {}\nresources: {}\nsharedState: &s\n  again: [*s]\n' },
    args: ['generate', 'score.yaml'],
    stderr: `error: .score-ts/state.yaml: invalid YAML\n  .score-ts/state.yaml:5:11: sharedState.again[0]: ${MESSAGE(4, 14)}\n`,
  },
  {
    name: 'the manifests file compared by --check',
    files: { 'score.yaml': SCORE, 'manifests.yaml': '--- &o\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {self: [*o]}\n' },
    args: ['generate', 'score.yaml', '--check'],
    stderr: `error: manifests.yaml is out of date: run score-ts generate to update it\n  + Deployment app: would be added\n`,
  },
];

describe('circular aliases are refused with the line of the alias', () => {
  it.each(CASES)('$name', async ({ files, setup, args, stderr }) => {
    const dir = tempProject();
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    for (const command of setup ?? []) expect((await runIn(dir, command)).code).toBe(0);
    const run = await runIn(dir, args);
    expect(run.stderr).toBe(stderr);
    expect(run.code).toBe(1);
  });
});

describe('findCircularAlias', () => {
  it.each([
    { name: 'an alias to its own map', text: 'a: &a {b: *a}\n', found: { line: 1, path: ['a', 'b'] } },
    { name: 'an alias deep inside', text: 'a: &a\n  b:\n    - c: [x, *a]\n', found: { line: 3, path: ['a', 'b', 0, 'c', 1] } },
    { name: 'an alias in a key', text: '? &k [*k]\n: v\n', found: { line: 1, path: [0] } },
    { name: 'the root anchored', text: '&r\na: [*r]\n', found: { line: 2, path: ['a', 0] } },
    { name: 'an alias after its value ends', text: 'a: &a {b: 1}\nc: *a\n', found: undefined },
    { name: 'an alias to a sibling', text: 'a: [&x {y: 1}, *x]\n', found: undefined },
    {
      name: 'an anchor named again: the alias refers to the later, outer value',
      text: 'a: &x 1\nb: &x [*x]\n',
      found: { line: 2, path: ['b', 0] },
    },
    { name: 'an anchor named again inside: the alias refers to the inner value', text: 'a: &x\n  - &x 1\n  - *x\n', found: undefined },
    { name: 'no aliases', text: 'a: [1, 2]\n', found: undefined },
  ])('$name', ({ text, found }) => {
    const result = findCircularAlias(parseDocument(text));
    expect(result && { line: lineOf(text, result.aliasOffset), path: result.path }).toEqual(found);
  });
});

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('generated documents with a circular alias somewhere (fast-check, fixed seed)', () => {
  /** A Score file (JSON, which is YAML) with a cycle such as `&c [*c]` as the value of a random field. */
  const cycle = fc.constantFrom('&c [*c]', '&c {x: *c}', '&c [1, [2, *c]]', '&c {a: {b: [x, *c]}}', '&c !!seq [*c]', '&c {? [*c] : 1}');
  const field = fc.constantFrom(
    'metadata.annotations',
    'containers.main.variables',
    'containers.main.args',
    'resources.db.params',
    'service',
    'metadata.extra',
  );
  const document = fc.tuple(field, cycle).map(([at, value]) => {
    const keys = at.split('.');
    const base: Record<string, unknown> = {
      apiVersion: 'score.dev/v1b1',
      metadata: { name: 'app' },
      containers: { main: { image: 'nginx' } },
      resources: { db: { type: 'cache' } },
    };
    let node = base;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = '@CYCLE@';
    return JSON.stringify(base, null, 1).replace('"@CYCLE@"', value);
  });

  it('every one is refused with a clear error, never an internal one', async () => {
    const dir = tempProject();
    await fc.assert(
      fc.asyncProperty(document, fc.constantFrom('score.yaml', 'o.yaml'), async (text, where) => {
        writeFileSync(path.join(dir, 'score.yaml'), where === 'score.yaml' ? text : SCORE);
        writeFileSync(path.join(dir, 'o.yaml'), text);
        const run = await runIn(dir, ['generate', 'score.yaml', '--overrides-file', 'o.yaml', '-o', 'out.yaml']);
        expect(run.code).toBe(1);
        const line = text.split('\n').findIndex((l) => l.includes('*c')) + 1;
        expect(run.stderr).toMatch(
          new RegExp(`^error: .*\\n  ${where.replace('.', '\\.')}:${line}:\\d+: .*this alias refers to the value it is inside of`),
        );
        expect(run.stderr).not.toContain('internal error');
      }),
      { seed: 1717, numRuns: Number(process.env.SCORE_TS_PROPERTY_RUNS ?? 100) },
    );
    expect(readFileSync(path.join(dir, 'score.yaml'), 'utf8')).not.toBe('');
  });
});

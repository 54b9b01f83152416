/** generate --check (CI: are the committed manifests current?) and --format yaml|json|kyaml. */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderOutput } from '../../src/yaml/output-formats.js';
import { repoRoot, runIn, tempProject } from '../support/run-cli.js';

const examples = path.join(repoRoot, 'examples');
const seed = { SCORE_TS_SEED: 'check-seed' };

describe('generate --check', () => {
  it('passes when the file is current, and writes nothing', async () => {
    const dir = tempProject(path.join(examples, 'hello-world'));
    expect((await runIn(dir, ['generate', 'score.yaml'], seed)).code).toBe(0);
    const state = path.join(dir, '.score-ts', 'state.yaml');
    const before = statSync(state).mtimeMs;
    const run = await runIn(dir, ['generate', '--check'], seed);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^manifests\.yaml is up to date \(\d+ objects\)\n$/);
    expect(statSync(state).mtimeMs).toBe(before);
  });

  it('fails with a summary of what would change, and leaves the file alone', async () => {
    const dir = tempProject(path.join(examples, 'hello-world'));
    await runIn(dir, ['generate', 'score.yaml'], seed);
    const committed = readFileSync(path.join(dir, 'manifests.yaml'), 'utf8');
    const score = readFileSync(path.join(dir, 'score.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'score.yaml'), score.replace(/image: .*/, 'image: nginx:9.9'));
    const run = await runIn(dir, ['generate', '--check'], seed);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: manifests.yaml is out of date: run score-ts generate to update it');
    expect(run.stderr).toMatch(/~ Deployment \S+: spec\.template\.spec\.containers\[0\]\.image/);
    expect(readFileSync(path.join(dir, 'manifests.yaml'), 'utf8')).toBe(committed);
  });

  it('names objects that would be added or removed', async () => {
    const dir = tempProject(path.join(examples, 'hello-world'));
    await runIn(dir, ['generate', 'score.yaml'], seed);
    const file = path.join(dir, 'manifests.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stale\n`);
    const run = await runIn(dir, ['generate', '--check'], seed);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('- ConfigMap stale: would be removed');
  });

  it('is a usage error with -o -, and an error when the file does not exist', async () => {
    const dir = tempProject(path.join(examples, 'hello-world'));
    expect((await runIn(dir, ['generate', 'score.yaml', '--check', '-o', '-'])).code).toBe(2);
    rmSync(path.join(dir, 'manifests.yaml'));
    const missing = await runIn(dir, ['generate', 'score.yaml', '--check']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('manifests.yaml does not exist');
  });
});

it('passes on the committed hello-world example', async () => {
  const run = await runIn(tempProject(path.join(examples, 'hello-world')), ['generate', 'score.yaml', '--check'], {
    SCORE_TS_SEED: 'examples',
  });
  expect(run.code, run.stderr).toBe(0);
});

describe('generate --format', () => {
  const objects = async (format: string): Promise<unknown[]> => {
    const dir = tempProject(path.join(examples, 'files-and-volumes'));
    const run = await runIn(dir, ['generate', 'score.yaml', '--format', format, '-o', '-'], seed);
    expect(run.code, run.stderr).toBe(0);
    if (format === 'json') return (JSON.parse(run.stdout) as { items: unknown[] }).items;
    return parseAllDocuments(run.stdout).map((d) => d.toJS() as unknown);
  };

  it('gives the same objects in yaml, json and kyaml', async () => {
    const yaml = await objects('yaml');
    expect(await objects('json')).toEqual(yaml);
    expect(await objects('kyaml')).toEqual(yaml);
  });

  it('writes JSON as one v1 List', async () => {
    const dir = tempProject(path.join(examples, 'hello-world'));
    const run = await runIn(dir, ['generate', 'score.yaml', '--format', 'json', '-o', '-']);
    expect(JSON.parse(run.stdout)).toMatchObject({ apiVersion: 'v1', kind: 'List' });
  });

  it('refuses an unknown format', async () => {
    const run = await runIn(tempProject(path.join(examples, 'hello-world')), ['generate', 'score.yaml', '--format', 'toml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: --format toml is not known: use yaml, json or kyaml\n');
  });
});

describe('KYAML', () => {
  it('writes flow style with double-quoted strings, trailing commas and hugged lists of maps', () => {
    const text = [
      ...renderOutput(
        [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'p', labels: { 'example.com/x': 'on' } },
            spec: { containers: [{ name: 'c', args: ['a', 'b'] }], empty: [], none: {} },
          },
        ],
        'kyaml',
      ),
    ].join('');
    expect(text).toBe(`---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "p",
    labels: {
      example.com/x: "on",
    },
  },
  spec: {
    containers: [{
      name: "c",
      args: [
        "a",
        "b",
      ],
    }],
    empty: [],
    none: {},
  },
}
`);
  });

  it.each([['yes'], ['0755'], ['line\nbreak'], ['tab\t'], ['\u2028'], ['\u0085'], ['"quoted"'], ['{x}'], ['123'], ['null'], [''], ['é😀']])(
    'reads back %j as the same string under YAML 1.1 and 1.2',
    (value) => {
      const text = [
        ...renderOutput([{ kind: 'ConfigMap', metadata: { name: 'x' }, data: { [value || 'k']: value, on: value, y: value } }], 'kyaml'),
      ].join('');
      for (const version of ['1.1', '1.2'] as const) {
        const back = parse(text.replace(/^---\n/, ''), { version }) as { data: Record<string, string> };
        expect(back.data[value || 'k']).toBe(value);
        expect(back.data.on).toBe(value);
        expect(back.data.y).toBe(value);
      }
    },
  );
});

/**
 * Messages never show rendered text: a template whose rendered YAML breaks around a generated value (an alias
 * or a tag made of it, an unclosed flow collection...) fails with the provisioner, the stage, the file line and
 * the rendered line, and the value is in stderr at no verbosity. The value is read back from a run of a
 * template that stores the same draw of the same seed, so the test knows exactly what must not show.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const SEED = { SCORE_TS_SEED: 'rendered-values-test' };
const VERBOSITY = [['-q'], [], ['-v'], ['-vv']];

const score = (type: string) => `apiVersion: score.dev/v1b1
metadata: {name: app}
containers: {main: {image: nginx}}
resources:
  res: {type: ${type}}
`;

/** A provisioner file whose state stage is `state`: the template's first line is line 4 of the file. */
const provisioners = (type: string, state: string) => `- uri: template://t/${type}
  type: ${type}
  state: |
${state
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;

/** The 32 characters `{{randomString 32}}` gives for workload app's resource `res` of this type under SEED. */
async function generatedValue(type: string): Promise<string> {
  const dir = tempProject();
  writeFileSync(path.join(dir, 'score.yaml'), score(type));
  writeFileSync(path.join(dir, 'p.yaml'), provisioners(type, 'value: {{quote (randomString 32)}}'));
  const run = await runIn(dir, ['generate', 'score.yaml', '--provisioners', 'p.yaml', '-o', '-'], SEED);
  expect(run.code, run.stderr).toBe(0);
  const state = readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8');
  const value = /"value": ?"([A-Za-z0-9]{32})"/.exec(state)?.[1] ?? /value: ([A-Za-z0-9]{32})/.exec(state)?.[1];
  expect(value, 'the stored value').toMatch(/^[A-Za-z0-9]{32}$/);
  return value!;
}

/** Every 8-character piece of the value: no fragment of it may show either. */
function fragments(value: string): string[] {
  return Array.from({ length: value.length - 7 }, (_, i) => value.slice(i, i + 8));
}

describe('template errors never show a generated value', () => {
  it.each([
    {
      name: 'an alias made of the value',
      state: 'password: *{{randomString 32}}',
      message:
        'rendered state is not valid YAML (rendered line 1): an alias (*name) refers to an anchor (&name) that is not defined before it',
    },
    {
      name: 'an alias on a later line',
      state: 'a: &x 1\nb:\n  - *{{randomString 32}}',
      message:
        'rendered state is not valid YAML (rendered line 3): an alias (*name) refers to an anchor (&name) that is not defined before it',
    },
    {
      name: 'a verbatim tag made of the value',
      state: 'password: !<!{{randomString 32}}> x',
      message: 'rendered state is not valid YAML (rendered line 1): a tag (!name) that is not known; quote values that start with !',
    },
    {
      name: 'a short tag made of the value',
      state: 'password: !{{randomString 32}} x',
      message: 'rendered state is not valid YAML (rendered line 1): a tag (!name) that is not known; quote values that start with !',
    },
    {
      name: 'an unclosed flow collection',
      state: 'password: [{{randomString 32}}',
      message: 'rendered state is not valid YAML (rendered line 2): a [ or { is never closed: end it with ] or }',
    },
    {
      name: 'an unclosed flow collection with an anchor',
      state: 'a: &x [1]\npassword: [{{randomString 32}}, *x',
      message:
        'rendered state is not valid YAML (rendered line 3): a [ is never closed: end it with ] (or indent its next lines further than its key)',
    },
    {
      name: 'an unclosed quote',
      state: 'password: "{{randomString 32}}',
      message: 'rendered state is not valid YAML (rendered line 2): a quoted value is never closed: add the closing quote',
    },
    {
      name: 'the value twice as a key',
      state: '{{#with (randomString 32)}}\n{{this}}: 1\n{{this}}: 2\n{{/with}}',
      message: 'rendered state is not valid YAML (rendered line 2): duplicated mapping key',
    },
    {
      name: 'the value twice as a key, with an anchor',
      state: 'a: &x 1\n{{#with (randomString 32)}}\n{{this}}: 1\n{{this}}: 2\n{{/with}}',
      message: 'rendered state is not valid YAML (rendered line 3): duplicated mapping key',
    },
    {
      name: 'a badly indented entry',
      state: 'password: {{randomString 32}}\n {{randomString 32}}: 1',
      message:
        'rendered state is not valid YAML (rendered line 2): bad indentation: the keys or items of one map or list must start at the same column',
    },
    {
      name: 'text after the value',
      state: '{{randomString 32}}\nkey: 1',
      message: 'rendered state is not valid YAML (rendered line 2): unexpected text here: check the quoting, brackets and indentation',
    },
    { name: 'a list instead of a map', state: '- {{randomString 32}}', message: 'rendered state must be a YAML map' },
    {
      name: 'int of the value',
      state: 'port: {{int (randomString 32)}}',
      message: 'int: the value is not an integer (it is a string of 32 characters)',
    },
    {
      name: 'a field of the value',
      state: '{{#with (randomString 32)}}{{this.missing}}{{/with}}',
      message:
        "reads 'missing' of a value that is not a map (a string, number or boolean); for optional values use (default VALUE FALLBACK), (dig MAP KEY ...) or {{#if VALUE}}",
    },
  ])('$name', async ({ state, message }) => {
    const type = 'secretive';
    const value = await generatedValue(type);
    for (const flags of VERBOSITY) {
      const dir = tempProject();
      writeFileSync(path.join(dir, 'score.yaml'), score(type));
      writeFileSync(path.join(dir, 'p.yaml'), provisioners(type, state));
      const run = await runIn(dir, [...flags, 'generate', 'score.yaml', '--provisioners', 'p.yaml', '-o', '-'], SEED);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`template://t/${type}, stage state: ${message}`);
      // Errors about the rendered text point at its file and the stage's first line; those about a value, at the resource.
      expect(run.stderr).toMatch(/^(int:|reads)/.test(message) ? /score\.yaml:\d+:\d+: resources\.res:/ : /p\.yaml:4:1: /);
      for (const piece of fragments(value))
        expect(run.stderr.includes(piece), `stderr with ${flags.join(' ') || 'no flag'} shows part of the value:\n${run.stderr}`).toBe(
          false,
        );
      expect(run.stdout).toBe('');
    }
  });
});

describe('patch template errors never show a rendered value', () => {
  it.each([
    {
      name: 'a Secret value as an alias',
      template: '- op: set\n  path: *{{password}}',
      message:
        'the rendered text is not valid YAML (rendered line 3): an alias (*name) refers to an anchor (&name) that is not defined before it',
    },
    {
      name: 'a Secret value as a tag',
      template: '- op: set\n  path: !<!{{password}}> x',
      message: 'the rendered text is not valid YAML (rendered line 3): a tag (!name) that is not known; quote values that start with !',
    },
    {
      name: 'a Secret value as the op',
      template: '- op: {{password}}\n  path: "0.x"',
      message: "operation 1: op must be 'set' or 'delete'",
    },
    {
      name: 'a Secret value in the path',
      template: '- op: set\n  path: "0.{{password}}.x"\n  value: 1\n- op: set\n  path: "0.{{password}}.x.y"\n  value: 1',
      message: 'operation 2 (set): segment 4 of the path goes into a number, which has no fields',
    },
    {
      name: 'a Secret value as a list index',
      template: '- op: delete\n  path: "{{password}}.x"',
      message: /operation 1 \(delete\): segment 1 of the path is not an index of a list of \d+ items \(use -1 to append\)/,
    },
    {
      name: 'a Secret value as an extra field',
      template: '- op: delete\n  path: "0.x"\n  {{password}}: 1',
      message: 'operation 1 (delete): an operation has only the fields op, path, value and description (it has 1 other field)',
    },
  ])('$name', async ({ template, message }) => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), score('postgres'));
    expect((await runIn(dir, ['generate', 'score.yaml', '-o', '-'], SEED)).code).toBe(0);
    const password = /"password": ?"([A-Za-z0-9]{16,})"/.exec(readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8'))?.[1] ?? '';
    expect(password, 'the generated password in the state').not.toBe('');
    // The template reads the generated password from the postgres Secret among the manifests.
    mkdirSync(path.join(dir, 'patches'));
    const body = `{{#each manifests}}{{#if (eq this.kind "Secret")}}{{#with this.stringData}}\n${template}\n{{/with}}{{/if}}{{/each}}\n`;
    writeFileSync(path.join(dir, 'patches', 'leak.tpl'), body);
    expect((await runIn(dir, ['init', '--no-sample', '--patch-templates', 'patches'])).code).toBe(0);
    for (const flags of VERBOSITY) {
      const run = await runIn(dir, [...flags, 'generate', 'score.yaml', '-o', '-'], SEED);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(typeof message === 'string' ? `patches/leak.tpl: ${message}` : message);
      for (const piece of fragments(password))
        expect(run.stderr.includes(piece), `stderr with ${flags.join(' ') || 'no flag'} shows part of the password:\n${run.stderr}`).toBe(
          false,
        );
    }
  });
});

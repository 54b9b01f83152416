import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import { loadProvisioners } from '../../src/provision/provisioner-file.js';
import { dedent, provisionersFromYaml, request, shownError, templateData } from './builders.js';

const F = 'test.provisioners.yaml';
const INVALID = `${F} is not a valid provisioner file`;
const UNUSABLE = `${F} has provisioners that cannot be used`;
const EXPECTING_ID = 'template syntax error: a {{ }} or ( ) ends where a name or value was expected';
const OPEN_BLOCK = 'template syntax error: the template ends inside an open block: close each {{#if}} / {{#each}} with {{/if}} / {{/each}}';

describe('loadProvisioners: what an entry becomes', () => {
  it('a template entry with every field', () => {
    const [p] = provisionersFromYaml(`
      # a comment first
      - uri: template://pg
        type: postgres
        class: large
        id: shared
        description: A database.
        expected_outputs: [host, port]
        supported_params: [size]
        outputs: |
          host: {{quote id}}
    `);
    if (p?.kind !== 'template') throw new Error('expected a template provisioner');
    expect({ ...p, templates: Object.keys(p.templates) }).toEqual({
      kind: 'template',
      uri: 'template://pg',
      type: 'postgres',
      class: 'large',
      id: 'shared',
      description: 'A database.',
      expectedOutputs: ['host', 'port'],
      supportedParams: ['size'],
      file: F,
      line: 2,
      origin: 'run',
      templates: ['outputs'],
    });
    expect(p.templates.outputs!({ id: 'x' }, templateData())).toBe('host: "x"\n');
  });

  it('a cmd entry: program and args, no templates; optional fields absent', () => {
    const list = loadProvisioners(
      parseYamlSource('p.yaml', '- uri: template://a\n  type: a\n- uri: cmd://./bin/prov\n  type: b\n  args: [--x, "1"]\n'),
      'project',
    );
    expect(list.map((p) => (p.kind === 'template' ? { ...p, templates: Object.keys(p.templates) } : p))).toEqual([
      { kind: 'template', uri: 'template://a', type: 'a', file: 'p.yaml', line: 1, origin: 'project', templates: [] },
      {
        kind: 'cmd',
        uri: 'cmd://./bin/prov',
        type: 'b',
        file: 'p.yaml',
        line: 3,
        origin: 'project',
        program: './bin/prov',
        args: ['--x', '1'],
      },
    ]);
  });

  it.each<{ name: string; text: string }>([
    { name: 'empty file', text: '' },
    { name: 'only comments', text: '# nothing yet\n' },
    { name: 'empty list', text: '[]\n' },
  ])('no provisioners: $name', ({ text }) => {
    expect(loadProvisioners(parseYamlSource(F, text), 'built-in')).toEqual([]);
  });
});

describe('loadProvisioners: problems, with file:line and the uri', () => {
  it.each<{ name: string; text: string; message: string; diagnostics: string[] }>([
    {
      name: 'missing type',
      text: '- uri: template://a\n',
      message: INVALID,
      diagnostics: [`${F}:1:3: [0].type: is required (provisioner template://a)`],
    },
    {
      name: 'bad uri scheme',
      text: '- uri: template://ok\n  type: t\n- uri: foo://a\n  type: t\n',
      message: INVALID,
      diagnostics: [`${F}:3:8: [1].uri: must start with template:// or cmd:// (provisioner foo://a)`],
    },
    {
      name: 'unknown field',
      text: '- uri: template://a\n  type: t\n  output: "a: 1"\n',
      message: INVALID,
      diagnostics: [`${F}:3:3: [0].output: unknown field; remove it or check its spelling (provisioner template://a)`],
    },
    {
      name: 'several problems at once',
      text: '- uri: template://a\n  type: ""\n  expected_outputs: [a, a]\n',
      message: INVALID,
      diagnostics: [
        `${F}:2:9: [0].type: must not be empty (provisioner template://a)`,
        `${F}:3:21: [0].expected_outputs: lists the same value twice (items [0] and [1]) (provisioner template://a)`,
      ],
    },
    {
      name: 'template not a string',
      text: '- uri: template://a\n  type: t\n  outputs: 5\n',
      message: INVALID,
      diagnostics: [
        `${F}:3:12: [0].outputs: must be a string, not the number 5; quote it to make it a string: "5" (provisioner template://a)`,
      ],
    },
    { name: 'not a list', text: 'uri: template://a\ntype: t\n', message: INVALID, diagnostics: [`${F}:1:1: must be a list, not a map`] },
    {
      name: 'entry without a uri has no uri to name',
      text: '- type: t\n',
      message: INVALID,
      diagnostics: [`${F}:1:3: [0].uri: is required`],
    },
    {
      name: 'duplicate uri, at the second one',
      text: '- uri: template://a\n  type: t\n- uri: template://b\n  type: t\n- uri: template://a\n  type: u\n',
      message: UNUSABLE,
      diagnostics: [`${F}:5:8: [2].uri: template://a is defined twice in this file`],
    },
    {
      name: 'cmd with templates',
      text: '- uri: cmd://prov\n  type: t\n  outputs: "a: 1"\n',
      message: UNUSABLE,
      diagnostics: [`${F}:1:8: [0].uri: cmd://prov: a cmd:// provisioner runs a program and takes no templates`],
    },
    {
      name: 'args on a template entry',
      text: '- uri: template://a\n  type: t\n  args: [x]\n',
      message: UNUSABLE,
      diagnostics: [`${F}:3:3: [0].args: template://a: args are for cmd:// provisioners`],
    },
    {
      name: 'syntax error in a block (|) template: the file line',
      text: '- uri: template://a\n  type: t\n  outputs: |\n    a: 1\n    b: {{}}\n',
      message: UNUSABLE,
      diagnostics: [`${F}:5:1: [0].outputs: template://a: ${EXPECTING_ID}`],
    },
    {
      name: 'syntax error in a block (|-) template after a blank line',
      text: '- uri: template://a\n  type: t\n  outputs: |-\n    a: 1\n\n    b: {{}}\n',
      message: UNUSABLE,
      diagnostics: [`${F}:6:1: [0].outputs: template://a: ${EXPECTING_ID}`],
    },
    {
      name: 'syntax error in a block template with a comment after the indicator',
      text: '- uri: template://a\n  type: t\n  state: | # the state\n    {{}}\n',
      message: UNUSABLE,
      diagnostics: [`${F}:4:1: [0].state: template://a: ${EXPECTING_ID}`],
    },
    {
      name: 'unclosed block: the line where the template ends',
      text: '- uri: template://a\n  type: t\n  init: |\n    a: 1\n    b: {{#if x}}\n',
      message: UNUSABLE,
      diagnostics: [`${F}:6:1: [0].init: template://a: ${OPEN_BLOCK}`],
    },
    {
      name: 'syntax error in an inline template: the line of the value',
      text: '- uri: template://a\n  type: t\n  outputs: "a: {{}}"\n',
      message: UNUSABLE,
      diagnostics: [`${F}:3:1: [0].outputs: template://a: ${EXPECTING_ID}`],
    },
    {
      name: 'syntax error in an inline template on the line after its key',
      text: '- uri: template://a\n  type: t\n  manifests:\n    "- {{}}"\n',
      message: UNUSABLE,
      diagnostics: [`${F}:4:1: [0].manifests: template://a: ${EXPECTING_ID}`],
    },
    {
      name: 'every problem of the file together',
      text: '- uri: template://a\n  type: t\n  init: "{{}}"\n  state: |\n    x\n    {{#if}}\n- uri: template://a\n  type: t\n  args: []\n',
      message: UNUSABLE,
      diagnostics: [
        `${F}:3:1: [0].init: template://a: ${EXPECTING_ID}`,
        `${F}:7:1: [0].state: template://a: ${OPEN_BLOCK}`,
        `${F}:9:3: [1].args: template://a: args are for cmd:// provisioners`,
        `${F}:7:8: [1].uri: template://a is defined twice in this file`,
      ],
    },
  ])('$name', ({ text, message, diagnostics }) => {
    expect(shownError(() => loadProvisioners(parseYamlSource(F, text), 'run'), InputError)).toEqual({ message, diagnostics });
  });

  it('a runtime template error points at the file line of a block template', () => {
    const [p] = provisionersFromYaml(
      dedent(`
      - uri: template://a
        type: t
        description: >
          folded text
          over two lines
        outputs: |
          a: 1
          b: {{params.nope}}
    `),
    );
    if (p?.kind !== 'template') throw new Error('expected a template provisioner');
    let line: number | undefined;
    try {
      p.templates.outputs!(request(), templateData());
    } catch (e) {
      line = (e as { line?: number }).line;
    }
    expect(line).toBe(8);
  });
});

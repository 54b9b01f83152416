import { describe, expect, it } from 'vitest';
import { thrown } from '../provision/builders.js';
import { InputError, UsageError, type Location } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import { applyOverrides, type OverrideResult } from '../../src/override/apply-overrides.js';
import { locateInSource, locateWithOverrides } from '../../src/override/locate-with-overrides.js';

const base = () => ({
  apiVersion: 'score.dev/v1b1',
  metadata: { name: 'web', annotations: { 'example.com/a.b': 'x', team: 'blue' } },
  containers: { web: { image: 'nginx', args: ['a', 'b'], variables: { A: '1', B: '2' } } },
});

function run(properties: string[], fileText?: string, document: unknown = base()): OverrideResult {
  const file = fileText === undefined ? undefined : parseYamlSource('overrides.yaml', fileText);
  return applyOverrides(document, { ...(file ? { file } : {}), properties });
}

/** Each origin as its path and where it says a value at that path came from. */
function originsOf(result: OverrideResult): Array<[ReadonlyArray<string | number>, Location]> {
  return result.origins.map((o) => [o.path, o.locate(o.path, false)]);
}

describe('applyOverrides: --overrides-file', () => {
  it.each<{ name: string; file: string; expected: unknown }>([
    {
      name: 'replaces a scalar and keeps siblings',
      file: 'containers:\n  web:\n    image: redis\n',
      expected: { ...base(), containers: { web: { image: 'redis', args: ['a', 'b'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'replaces a list instead of merging it',
      file: 'containers:\n  web:\n    args: [z]\n',
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['z'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'null deletes a key, other keys merge',
      file: 'containers:\n  web:\n    variables:\n      A: null\n      C: "3"\n',
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['a', 'b'], variables: { B: '2', C: '3' } } } },
    },
    {
      name: 'null deletes a whole subtree',
      file: 'metadata:\n  annotations: null\n',
      expected: { ...base(), metadata: { name: 'web' } },
    },
    {
      name: 'adds a new subtree',
      file: 'service:\n  ports:\n    www:\n      port: 80\n',
      expected: { ...base(), service: { ports: { www: { port: 80 } } } },
    },
    {
      name: 'a map replaces a list',
      file: 'containers:\n  web:\n    args: {x: 1}\n',
      expected: { ...base(), containers: { web: { image: 'nginx', args: { x: 1 }, variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'a scalar replaces a map',
      file: 'containers: 5\n',
      expected: { ...base(), containers: 5 },
    },
    {
      name: 'deleting a key that is not there changes nothing',
      file: 'service: null\n',
      expected: base(),
    },
    {
      name: 'an empty map changes nothing',
      file: '{}\n',
      expected: base(),
    },
  ])('$name', ({ file, expected }) => {
    expect(run([], file).value).toEqual(expected);
  });

  it('records where each overridden path came from in the overrides file', () => {
    const result = run([], 'containers:\n  web:\n    image: redis\n    args: [z]\n    variables:\n      A: null\nservice:\n  ports: {}\n');
    expect(originsOf(result)).toEqual([
      [['containers', 'web', 'image'], { file: 'overrides.yaml', line: 3, column: 12 }],
      [['containers', 'web', 'args'], { file: 'overrides.yaml', line: 4, column: 11 }],
      [['containers', 'web', 'variables', 'A'], { file: 'overrides.yaml', line: 6, column: 10 }],
      [['service'], { file: 'overrides.yaml', line: 8, column: 3 }],
    ]);
  });

  it('locates keys as well as values in the overrides file', () => {
    const result = run([], 'containers:\n  web:\n    image: redis\n');
    const origin = result.origins[0]!;
    expect(origin.locate(['containers', 'web', 'image'], true)).toEqual({ file: 'overrides.yaml', line: 3, column: 5 });
  });

  it.each<{ name: string; file: string }>([
    { name: 'a list', file: '- a\n' },
    { name: 'an empty file', file: '' },
    { name: 'a scalar', file: 'hello\n' },
  ])('rejects $name as an overrides file', ({ file }) => {
    const e = thrown(() => run([], file));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe('overrides.yaml: an overrides file must be a YAML map of Score fields');
    expect((e as InputError).diagnostics).toEqual([
      { location: { file: 'overrides.yaml', line: 1, column: 1 }, field: '', message: 'must be a map, like a partial score.yaml' },
    ]);
  });

  // A null in the overrides file means "delete"; it must never end up as a value, even below a key that
  // the Score file does not have yet (JSON merge patch semantics, as score-go's override merge).
  it('drops nulls inside a subtree that is new to the document', () => {
    const result = run([], 'containers:\n  worker:\n    image: busybox\n    variables:\n      A: null\n');
    expect(result.value).toEqual({
      ...base(),
      containers: { ...base().containers, worker: { image: 'busybox', variables: {} } },
    });
  });

  it('does not modify the parsed overrides file, even when properties edit what it set', () => {
    const file = parseYamlSource('overrides.yaml', 'containers:\n  web:\n    args: [z]\n');
    applyOverrides(base(), { file, properties: ['containers.web.args.1=y'] });
    expect(file.value).toEqual({ containers: { web: { args: ['z'] } } });
  });
});

describe('applyOverrides: --override-property', () => {
  it.each<{ name: string; properties: string[]; expected: unknown }>([
    {
      name: 'sets a string',
      properties: ['containers.web.image=redis:7'],
      expected: { ...base(), containers: { web: { image: 'redis:7', args: ['a', 'b'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'parses the value as YAML: a number',
      properties: ['containers.web.image=1'],
      expected: { ...base(), containers: { web: { image: 1, args: ['a', 'b'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'parses the value as YAML: a quoted number stays a string',
      properties: ['containers.web.variables.A="8080"'],
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['a', 'b'], variables: { A: '8080', B: '2' } } } },
    },
    {
      name: 'parses the value as YAML: a flow map',
      properties: ['service={ports: {www: {port: 80}}}'],
      expected: { ...base(), service: { ports: { www: { port: 80 } } } },
    },
    {
      name: 'parses the value as YAML: a flow list',
      properties: ['containers.web.args=[x, "y z"]'],
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['x', 'y z'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'parses the value as YAML: null is a value, not a delete',
      properties: ['containers.web.variables.C=null'],
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['a', 'b'], variables: { A: '1', B: '2', C: null } } } },
    },
    {
      name: 'only the first = splits path and value',
      properties: ['containers.web.variables.Q=a=b'],
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['a', 'b'], variables: { A: '1', B: '2', Q: 'a=b' } } } },
    },
    {
      name: 'an empty value deletes the field',
      properties: ['containers.web.image='],
      expected: { ...base(), containers: { web: { args: ['a', 'b'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'deletes a key with escaped dots',
      properties: ['metadata.annotations.example\\.com/a\\.b='],
      expected: { ...base(), metadata: { name: 'web', annotations: { team: 'blue' } } },
    },
    {
      name: 'sets a key with escaped dots',
      properties: ['metadata.annotations.k8s\\.score\\.dev/kind=StatefulSet'],
      expected: {
        ...base(),
        metadata: { name: 'web', annotations: { 'example.com/a.b': 'x', team: 'blue', 'k8s.score.dev/kind': 'StatefulSet' } },
      },
    },
    {
      name: 'deletes an array item and closes the gap',
      properties: ['containers.web.args.0='],
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['b'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'sets an array item by number segment',
      properties: ['containers.web.args.1=B'],
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['a', 'B'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'sets an array item by bracket index',
      properties: ['containers.web.args[0]=A'],
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['A', 'b'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'appends at index == length',
      properties: ['containers.web.args.2=c'],
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['a', 'b', 'c'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'appends a map through an index == length',
      properties: ['containers.web.args.2.x=1'],
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['a', 'b', { x: 1 }], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'creates intermediate maps',
      properties: ['containers.worker.resources.limits.cpu=250m'],
      expected: { ...base(), containers: { ...base().containers, worker: { resources: { limits: { cpu: '250m' } } } } },
    },
    {
      name: 'deleting a missing path changes nothing',
      properties: ['service.ports.www='],
      expected: base(),
    },
    {
      name: 'properties apply in order',
      properties: ['containers.web.image=one', 'containers.web.image=two'],
      expected: { ...base(), containers: { web: { image: 'two', args: ['a', 'b'], variables: { A: '1', B: '2' } } } },
    },
    {
      name: 'a property can set a key back after deleting it',
      properties: ['containers.web.args=', 'containers.web.args=[q]'],
      expected: { ...base(), containers: { web: { image: 'nginx', args: ['q'], variables: { A: '1', B: '2' } } } },
    },
  ])('$name', ({ properties, expected }) => {
    expect(run(properties).value).toEqual(expected);
  });

  it('applies the overrides file first, then the properties', () => {
    const result = run(['containers.web.image=from-flag'], 'containers:\n  web:\n    image: from-file\n    command: [sh]\n');
    expect(result.value).toEqual({
      ...base(),
      containers: { web: { image: 'from-flag', args: ['a', 'b'], variables: { A: '1', B: '2' }, command: ['sh'] } },
    });
    expect(originsOf(result)).toEqual([
      [['containers', 'web', 'command'], { file: 'overrides.yaml', line: 4, column: 14 }],
      [['containers', 'web', 'image'], { origin: "--override-property 'containers.web.image=from-flag'" }],
    ]);
  });

  it('a property over a parent path replaces the origins below it', () => {
    const result = run(['containers.web='], 'containers:\n  web:\n    image: x\n    args: [y]\n');
    expect(originsOf(result)).toEqual([[['containers', 'web'], { origin: "--override-property 'containers.web='" }]]);
  });

  it('records the flag as the origin of each property, and locates any path below it there', () => {
    const result = run(['containers.web.args.2=c', 'metadata.annotations.k8s\\.score\\.dev/kind=']);
    expect(originsOf(result)).toEqual([
      [['containers', 'web', 'args', 2], { origin: "--override-property 'containers.web.args.2=c'" }],
      [['metadata', 'annotations', 'k8s.score.dev/kind'], { origin: "--override-property 'metadata.annotations.k8s\\.score\\.dev/kind='" }],
    ]);
    expect(result.origins[0]!.locate(['containers', 'web', 'args', 2, 'deeper'], true)).toEqual({
      origin: "--override-property 'containers.web.args.2=c'",
    });
  });

  it.each<{ name: string; property: string; kind: typeof InputError | typeof UsageError; message: string }>([
    {
      name: 'no =',
      property: 'containers.web.image',
      kind: UsageError,
      message: "--override-property 'containers.web.image' must look like path=value (an empty value deletes the field)",
    },
    {
      name: 'index past the end when setting',
      property: 'containers.web.args[3]=c',
      kind: InputError,
      message: "--override-property 'containers.web.args[3]=c': '3' is not an index of the list at 'containers.web.args' (it has 2 items)",
    },
    {
      name: 'index == length when deleting',
      property: 'containers.web.args.2=',
      kind: InputError,
      message: "--override-property 'containers.web.args.2=': '2' is not an index of the list at 'containers.web.args' (it has 2 items)",
    },
    {
      name: 'key into an array',
      property: 'containers.web.args.x=c',
      kind: InputError,
      message: "--override-property 'containers.web.args.x=c': 'x' is not an index of the list at 'containers.web.args' (it has 2 items)",
    },
    {
      name: 'value that is not YAML',
      property: 'containers.web.args=[a, b',
      kind: InputError,
      message:
        "--override-property 'containers.web.args=[a, b': the value is not valid YAML: line 1, column 1: a [ is never closed: end it with ]; to set a string, put it in quotes",
    },
    {
      name: 'value with an unclosed quote: pointed at where it opens, no advice to quote',
      property: 'containers.web.variables.X="abc',
      kind: InputError,
      message:
        "--override-property 'containers.web.variables.X=\"abc': the value is not valid YAML: line 1, column 1: a quoted value is never closed: add the closing quote",
    },
    {
      name: 'value with a key twice',
      property: 'containers.web.variables={A: 1, A: 2}',
      kind: InputError,
      message:
        "--override-property 'containers.web.variables={A: 1, A: 2}': the value is not valid YAML: line 1, column 8: this key is already in this map, on line 1; a key may appear once; to set a string, put it in quotes",
    },
    {
      name: 'bad path',
      property: 'containers..image=x',
      kind: UsageError,
      message: "--override-property path 'containers..image' is not valid: it has an empty segment",
    },
    {
      name: 'empty path',
      property: '=x',
      kind: UsageError,
      message: "--override-property path '' is not valid: it has an empty segment",
    },
  ])('rejects $name', ({ property, kind, message }) => {
    const e = thrown(() => run([property]));
    expect(e).toBeInstanceOf(kind);
    expect(e.message).toBe(message);
  });

  it('says "1 item" of a list of one', () => {
    const e = thrown(() => run(['containers.web.args=[a]', 'containers.web.args.2=c']));
    expect(e.message).toBe(
      "--override-property 'containers.web.args.2=c': '2' is not an index of the list at 'containers.web.args' (it has 1 item)",
    );
  });

  it('rejects setting a field inside a scalar document', () => {
    const e = thrown(() => applyOverrides('just text', { properties: ['a.b=1'] }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe("--override-property 'a.b=1': cannot set a field inside a string value at ''");
  });

  it('does not modify the input document', () => {
    const document = base();
    const fileText = 'containers:\n  web:\n    variables:\n      A: null\n    args: [z]\nmetadata:\n  annotations:\n    team: red\n';
    run(['containers.web.args.0=', 'metadata.annotations.team=', 'containers.web.image=x'], fileText, document);
    run(['containers.web.args.2=c', 'containers.web.variables.C=3'], undefined, document);
    expect(document).toEqual(base());
  });

  // fieldName() prints a map key `007` as `...variables.007`; pasting that back must address the same key.
  it('keeps a map key with leading zeros as written', () => {
    const result = run(['containers.web.variables.007=x']);
    expect(result.value).toEqual({
      ...base(),
      containers: { web: { image: 'nginx', args: ['a', 'b'], variables: { A: '1', B: '2', '007': 'x' } } },
    });
  });
});

describe('locateWithOverrides', () => {
  const scoreText = [
    'apiVersion: score.dev/v1b1', //                 1
    'metadata:', //                                  2
    '  name: web', //                                3
    'containers:', //                                4
    '  web:', //                                     5
    '    image: nginx', //                           6
    '    variables:', //                             7
    '      A: "1"', //                               8
    '    args: [a, b]', //                           9
    '',
  ].join('\n');
  const overridesText = [
    'containers:', //                                1
    '  web:', //                                     2
    '    variables:', //                             3
    '      A: 5', //                                 4
    '      B: {x: 1}', //                            5
    '    files:', //                                 6
    '      /etc/x:', //                              7
    '        mode: 99', //                           8
    '',
  ].join('\n');
  const score = parseYamlSource('score.yaml', scoreText);
  const overrides = parseYamlSource('overrides.yaml', overridesText);
  const { origins } = applyOverrides(score.value, {
    file: overrides,
    properties: ['containers.web.args.1=3', 'metadata.annotations.k8s\\.score\\.dev/kind='],
  });
  const locate = locateWithOverrides(score, origins);

  it.each<{ name: string; path: Array<string | number>; key: boolean; expected: Location }>([
    {
      name: 'a value the overrides file set',
      path: ['containers', 'web', 'variables', 'A'],
      key: false,
      expected: { file: 'overrides.yaml', line: 4, column: 10 },
    },
    {
      name: 'the key the overrides file set',
      path: ['containers', 'web', 'variables', 'A'],
      key: true,
      expected: { file: 'overrides.yaml', line: 4, column: 7 },
    },
    {
      name: 'deep inside a subtree the overrides file set',
      path: ['containers', 'web', 'variables', 'B', 'x'],
      key: false,
      expected: { file: 'overrides.yaml', line: 5, column: 14 },
    },
    {
      name: 'a key deep inside a new subtree',
      path: ['containers', 'web', 'files', '/etc/x', 'mode'],
      key: true,
      expected: { file: 'overrides.yaml', line: 8, column: 9 },
    },
    {
      name: 'a value deep inside a new subtree',
      path: ['containers', 'web', 'files', '/etc/x', 'mode'],
      key: false,
      expected: { file: 'overrides.yaml', line: 8, column: 15 },
    },
    {
      name: 'a sibling the overrides file did not touch',
      path: ['containers', 'web', 'image'],
      key: false,
      expected: { file: 'score.yaml', line: 6, column: 12 },
    },
    {
      name: 'a parent that the overrides file only merged into',
      path: ['containers', 'web', 'variables'],
      key: false,
      expected: { file: 'score.yaml', line: 8, column: 7 },
    },
    {
      name: 'an array item set by a property',
      path: ['containers', 'web', 'args', 1],
      key: false,
      expected: { origin: "--override-property 'containers.web.args.1=3'" },
    },
    {
      name: 'another array item, from the score file',
      path: ['containers', 'web', 'args', 0],
      key: false,
      expected: { file: 'score.yaml', line: 9, column: 12 },
    },
    {
      name: 'a field a property deleted',
      path: ['metadata', 'annotations', 'k8s.score.dev/kind'],
      key: false,
      expected: { origin: "--override-property 'metadata.annotations.k8s\\.score\\.dev/kind='" },
    },
    { name: 'the document root', path: [], key: false, expected: { file: 'score.yaml', line: 1, column: 1 } },
    {
      name: 'a missing field falls back to its deepest existing ancestor',
      path: ['metadata', 'labels', 'x'],
      key: false,
      expected: { file: 'score.yaml', line: 3, column: 3 },
    },
  ])('$name', ({ path, key, expected }) => {
    expect(locate(path, key)).toEqual(expected);
  });

  it('without origins locates like locateInSource', () => {
    const plain = locateWithOverrides(score, []);
    const inSource = locateInSource(score);
    for (const [path, key] of [
      [['containers', 'web', 'variables', 'A'], false],
      [['containers', 'web', 'image'], true],
    ] as const) {
      expect(plain(path, key)).toEqual(inSource(path, key));
    }
    expect(plain(['containers', 'web', 'variables', 'A'], false)).toEqual({ file: 'score.yaml', line: 8, column: 10 });
  });
});

describe('applyOverrides: prototype keys stay plain keys', () => {
  it.each([
    '__proto__.polluted=yes',
    'constructor.prototype.polluted=yes',
    'metadata.__proto__.polluted=yes',
    'containers.main.__proto__.polluted=yes',
  ])('--override-property %s sets an own key and never a prototype', (property) => {
    const { value } = applyOverrides({ metadata: { name: 'a' }, containers: { main: { image: 'x' } } }, { properties: [property] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(JSON.stringify(value)).toContain('"polluted":"yes"');
  });

  it('an overrides file with __proto__ keys sets own keys', () => {
    const file = parseYamlSource('o.yaml', '__proto__: {polluted: yes}\nmetadata: {__proto__: {polluted: yes}}\n');
    const { value } = applyOverrides({ metadata: { name: 'a' } }, { file, properties: [] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(value as object)).toContain('__proto__');
  });
});

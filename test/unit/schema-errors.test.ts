import { describe, expect, it } from 'vitest';
import { sortDiagnostics, type Diagnostic } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import { locateInSource } from '../../src/override/locate-with-overrides.js';
import { pointerToPath } from '../../src/validate/schema-errors.js';
import { validateWorkload } from '../../src/validate/validate-workload.js';
import { fieldName } from '../../src/base/field-name.js';

const HEAD = 'apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n';
const WEB = 'containers:\n  web:\n    image: nginx\n';

function validate(text: string): Diagnostic[] {
  const source = parseYamlSource('score.yaml', text);
  return validateWorkload(source.value, locateInSource(source));
}

const at = (line: number, column: number) => ({ file: 'score.yaml', line, column });

describe('validateWorkload: schema diagnostics', () => {
  it.each<{ name: string; text: string; expected: Diagnostic[] }>([
    { name: 'a valid document', text: HEAD + WEB, expected: [] },
    {
      name: 'unknown field, located at its key',
      text: HEAD + WEB + '    imagee: x\n',
      expected: [{ location: at(7, 5), field: 'containers.web.imagee', message: 'unknown field; remove it or check its spelling' }],
    },
    {
      name: 'unknown top-level field',
      text: HEAD + WEB + 'extra: 1\n',
      expected: [{ location: at(7, 1), field: 'extra', message: 'unknown field; remove it or check its spelling' }],
    },
    {
      name: 'wrong type: string for a list',
      text: HEAD + WEB + '    args: hello\n',
      expected: [{ location: at(7, 11), field: 'containers.web.args', message: 'must be a list, not a string' }],
    },
    {
      name: 'wrong type: number for a variable',
      text: HEAD + WEB + '    variables:\n      PORT: 8080\n',
      expected: [
        {
          location: at(8, 13),
          field: 'containers.web.variables.PORT',
          message: 'must be a string, not the number 8080; quote it to make it a string: "8080"',
        },
      ],
    },
    {
      name: 'wrong type: null container',
      text: HEAD + 'containers:\n  web:\n',
      expected: [{ location: at(5, 7), field: 'containers.web', message: 'must be a map, not empty (null)' }],
    },
    {
      name: 'missing required field, located at its parent',
      text: HEAD + 'containers:\n  web:\n    args: [a]\n',
      expected: [{ location: at(6, 5), field: 'containers.web.image', message: 'is required' }],
    },
    {
      name: 'missing required top-level field',
      text: HEAD,
      expected: [{ location: at(1, 1), field: 'containers', message: 'is required' }],
    },
    {
      name: 'bad pattern',
      text: HEAD + WEB + '    resources:\n      limits:\n        cpu: lots\n',
      expected: [
        { location: at(9, 14), field: 'containers.web.resources.limits.cpu', message: 'must be a CPU quantity such as 250m, 1 or 0.5' },
      ],
    },
    {
      name: 'bad workload name',
      text: HEAD.replace('name: web', 'name: Web') + WEB,
      expected: [
        {
          location: at(3, 9),
          field: 'metadata.name',
          message: "must be 2 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
        },
      ],
    },
    {
      name: 'enum: before.ready',
      text: HEAD + WEB + '  db:\n    image: postgres\n    before:\n      web:\n        ready: done\n',
      expected: [{ location: at(11, 16), field: 'containers.db.before.web.ready', message: 'must be one of: started, healthy, complete' }],
    },
    {
      name: 'enum: protocol',
      text: HEAD + WEB + 'service:\n  ports:\n    www:\n      port: 80\n      protocol: tcp\n',
      expected: [{ location: at(11, 17), field: 'service.ports.www.protocol', message: 'must be one of: TCP, UDP' }],
    },
    {
      name: 'number out of range',
      text: HEAD + WEB + 'service:\n  ports:\n    www:\n      port: 99999\n',
      expected: [{ location: at(10, 13), field: 'service.ports.www.port', message: 'must be at most 65535' }],
    },
    {
      name: 'annotation value type: field escapes the dots of the key',
      text: HEAD + '  annotations:\n    k8s.score.dev/kind: 5\n' + WEB,
      expected: [
        {
          location: at(5, 25),
          field: 'metadata.annotations.k8s\\.score\\.dev/kind',
          message: 'must be a string, not the number 5; quote it to make it a string: "5"',
        },
      ],
    },
    {
      name: 'files map form with a deep error: only the deep error',
      text: HEAD + WEB + '    files:\n      /etc/x:\n        content: hi\n        mode: 99\n',
      expected: [
        {
          location: at(10, 15),
          field: 'containers.web.files./etc/x.mode',
          message: 'must be a string, not the number 99; quote it to make it a string: "99"',
        },
      ],
    },
    {
      name: 'files map form, key with a dot: field escapes it',
      text: HEAD + WEB + '    files:\n      /etc/app.conf:\n        content: hi\n        mode: "999"\n',
      expected: [
        {
          location: at(10, 15),
          field: 'containers.web.files./etc/app\\.conf.mode',
          message: 'must be an octal file mode such as 0644 or 644',
        },
      ],
    },
    {
      name: 'files list form with a deep error: only the deep error',
      text: HEAD + WEB + '    files:\n      - target: /etc/x\n        content: hi\n        mode: "999"\n',
      expected: [
        { location: at(10, 15), field: 'containers.web.files[0].mode', message: 'must be an octal file mode such as 0644 or 644' },
      ],
    },
    {
      name: 'volumes list form with a wrong item type: only the item error',
      text: HEAD + WEB + '    volumes:\n      - 5\n',
      expected: [{ location: at(8, 9), field: 'containers.web.volumes[0]', message: 'must be a map, not the number 5' }],
    },
    {
      name: 'bad map key name, located at the key',
      text: HEAD + WEB + 'service:\n  ports:\n    Www:\n      port: 80\n',
      expected: [
        {
          location: at(9, 5),
          field: 'service.ports.Www',
          message:
            "'Www' is not an allowed name: must be 2 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
        },
      ],
    },
    {
      name: 'bad container name',
      text: HEAD + WEB + '  Web:\n    image: x\n',
      expected: [
        {
          location: at(7, 3),
          field: 'containers.Web',
          message:
            "'Web' is not an allowed name: must be 2 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
        },
      ],
    },
    {
      name: 'files neither map nor list',
      text: HEAD + WEB + '    files: 5\n',
      expected: [{ location: at(7, 12), field: 'containers.web.files', message: 'must be a map or a list, not the number 5' }],
    },
    {
      name: 'volumes map form with a deep error: only the deep error',
      text: HEAD + WEB + '    volumes:\n      /data:\n        source: x\n        readOnly: maybe\n',
      expected: [{ location: at(10, 19), field: 'containers.web.volumes./data.readOnly', message: 'must be true or false, not a string' }],
    },
    {
      name: 'volumes list form with a missing field: only the deep error',
      text: HEAD + WEB + '    volumes:\n      - target: /data\n',
      expected: [{ location: at(8, 9), field: 'containers.web.volumes[0].source', message: 'is required' }],
    },
    // Each message in our words: none of ajv's ("must be equal to constant", "must NOT have fewer than 2 characters").
    {
      name: 'another apiVersion: the expected value is named',
      text: HEAD.replace('v1b1', 'v1b2') + WEB,
      expected: [
        {
          location: at(1, 13),
          field: 'apiVersion',
          message: 'must be score.dev/v1b1 (the Score version score-ts reads), not score.dev/v1b2',
        },
      ],
    },
    {
      name: 'a one-letter workload name: one problem, not a length and a pattern',
      text: HEAD.replace('name: web', 'name: a') + WEB,
      expected: [
        {
          location: at(3, 9),
          field: 'metadata.name',
          message: "must be 2 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
        },
      ],
    },
    {
      name: 'no containers',
      text: HEAD + 'containers: {}\n',
      expected: [{ location: at(4, 13), field: 'containers', message: 'must not be empty: give at least one entry' }],
    },
    {
      name: 'an empty image',
      text: HEAD + 'containers:\n  web:\n    image: ""\n',
      expected: [{ location: at(6, 12), field: 'containers.web.image', message: 'must not be empty' }],
    },
    {
      name: 'a port of 0',
      text: HEAD + WEB + 'service:\n  ports:\n    www:\n      port: 0\n',
      expected: [{ location: at(10, 13), field: 'service.ports.www.port', message: 'must be at least 1' }],
    },
    {
      name: 'a boolean for a variable: quote it',
      text: HEAD + WEB + '    variables:\n      DEBUG: true\n',
      expected: [
        {
          location: at(8, 14),
          field: 'containers.web.variables.DEBUG',
          message: 'must be a string, not the boolean true; quote it to make it a string: "true"',
        },
      ],
    },
  ])('$name', ({ text, expected }) => {
    expect(validate(text)).toEqual(expected);
  });

  it('reports every error of a document together', () => {
    const text = [
      'apiVersion: score.dev/v1b1', //  1
      'metadata:', //                   2
      '  name: Web', //                 3
      'containers:', //                 4
      '  web:', //                      5
      '    image: nginx', //            6
      '    args: x', //                 7
      '    bogus: 1', //                8
      '    variables:', //              9
      '      A: 1', //                  10
      'service:', //                    11
      '  ports:', //                    12
      '    www:', //                    13
      '      port: 99999', //           14
      '',
    ].join('\n');
    expect(sortDiagnostics(validate(text))).toEqual([
      {
        location: at(3, 9),
        field: 'metadata.name',
        message: "must be 2 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
      },
      { location: at(7, 11), field: 'containers.web.args', message: 'must be a list, not a string' },
      { location: at(8, 5), field: 'containers.web.bogus', message: 'unknown field; remove it or check its spelling' },
      {
        location: at(10, 10),
        field: 'containers.web.variables.A',
        message: 'must be a string, not the number 1; quote it to make it a string: "1"',
      },
      { location: at(14, 13), field: 'service.ports.www.port', message: 'must be at most 65535' },
    ]);
  });

  it('reports each oneOf branch requirement when no form matches', () => {
    expect(validate(HEAD + WEB + '    files:\n      /etc/x:\n        mode: "644"\n')).toEqual([
      { location: at(9, 9), field: 'containers.web.files./etc/x.content', message: 'is required' },
      { location: at(9, 9), field: 'containers.web.files./etc/x.binaryContent', message: 'is required' },
      { location: at(9, 9), field: 'containers.web.files./etc/x.source', message: 'is required' },
    ]);
  });

  it('runs the extra rules only on a schema-valid document', () => {
    const files = '    files:\n      - target: /etc/x\n        content: a\n      - target: /etc/x\n        content: b\n';
    expect(validate(HEAD + WEB + files)).toEqual([
      {
        location: at(10, 9),
        field: 'containers.web.files[1]',
        message: "'/etc/x' is already mounted by another file or volume of this container",
      },
    ]);
    expect(validate(HEAD + WEB + files + '    bogus: 1\n')).toEqual([
      { location: at(12, 5), field: 'containers.web.bogus', message: 'unknown field; remove it or check its spelling' },
    ]);
  });

  // Setting two of content/binaryContent/source matches two oneOf branches: the one problem is the
  // ambiguity. "binaryContent is required" (from the third branch) would tell the user to add a third field.
  it('reports only the ambiguity when a file sets two content fields', () => {
    expect(validate(HEAD + WEB + '    files:\n      /etc/x:\n        content: hi\n        source: ./f\n')).toEqual([
      {
        location: at(9, 9),
        field: 'containers.web.files./etc/x',
        message: 'matches more than one allowed form; set only one of the alternative fields',
      },
    ]);
  });

  // A file entry that is not a map is one problem. The oneOf branches (`properties` + `required`) pass
  // vacuously on a non-object, so ajv also reports "more than one branch matched": that is noise.
  it.each<{ name: string; files: string; expected: Diagnostic[] }>([
    {
      name: 'list item',
      files: '    files:\n      - 5\n',
      expected: [{ location: at(8, 9), field: 'containers.web.files[0]', message: 'must be a map, not the number 5' }],
    },
    {
      name: 'map entry',
      files: '    files:\n      /etc/x: 5\n',
      expected: [{ location: at(8, 15), field: 'containers.web.files./etc/x', message: 'must be a map, not the number 5' }],
    },
  ])('reports only "must be a map" for a files $name that is not a map', ({ files, expected }) => {
    expect(validate(HEAD + WEB + files)).toEqual(expected);
  });

  // `target` is forbidden in the map form of files; ajv's "boolean schema is false" does not say that.
  it('explains a target in the map form of files in words', () => {
    const diagnostics = validate(HEAD + WEB + '    files:\n      /etc/x:\n        target: /y\n        content: hi\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.field).toBe('containers.web.files./etc/x.target');
    expect(diagnostics[0]!.message).not.toBe('boolean schema is false');
  });
});

describe('fieldName', () => {
  it.each<{ name: string; path: Array<string | number>; expected: string }>([
    { name: 'empty path', path: [], expected: '' },
    { name: 'plain keys', path: ['containers', 'web', 'image'], expected: 'containers.web.image' },
    {
      name: 'dots in a key are escaped',
      path: ['metadata', 'annotations', 'k8s.score.dev/kind'],
      expected: 'metadata.annotations.k8s\\.score\\.dev/kind',
    },
    { name: 'dot in a file path key', path: ['files', '/etc/app.conf'], expected: 'files./etc/app\\.conf' },
    { name: 'list index in brackets', path: ['files', 0, 'mode'], expected: 'files[0].mode' },
    { name: 'nested indexes', path: ['a', 0, 1], expected: 'a[0][1]' },
    { name: 'index first', path: [0, 'x'], expected: '[0].x' },
    { name: 'backslash escaped', path: ['a\\b'], expected: 'a\\\\b' },
    { name: 'opening bracket escaped', path: ['a[b'], expected: 'a\\[b' },
  ])('$name', ({ path, expected }) => {
    expect(fieldName(path)).toBe(expected);
  });
});

describe('pointerToPath', () => {
  it.each<{ name: string; pointer: string; expected: Array<string | number> }>([
    { name: 'root', pointer: '', expected: [] },
    { name: 'keys', pointer: '/containers/web', expected: ['containers', 'web'] },
    { name: 'index', pointer: '/containers/web/files/0/mode', expected: ['containers', 'web', 'files', 0, 'mode'] },
    { name: 'escaped slash and tilde', pointer: '/files/~1etc~1x/a~0b', expected: ['files', '/etc/x', 'a~b'] },
    { name: '~01 is a literal ~1', pointer: '/a~01', expected: ['a~1'] },
  ])('$name', ({ pointer, expected }) => {
    expect(pointerToPath(pointer)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { emitYaml } from '../../src/yaml/yaml-emitter.js';
import { renderOutput, renderValue } from '../../src/yaml/output-formats.js';

/** generate's yaml output of these objects. */
const yamlStream = (values: readonly unknown[]) => [...renderOutput(values, 'yaml')].join('');

/** Parses as kubectl (YAML 1.1) and as a YAML 1.2 reader would. */
function readBoth(text: string): { v11: unknown; v12: unknown } {
  return { v11: parse(text, { version: '1.1' }), v12: parse(text) };
}

describe('emitYaml: strings that would read as something else are quoted', () => {
  it.each<{ name: string; value: string }>([
    { name: 'YAML 1.1 boolean yes', value: 'yes' },
    { name: 'YAML 1.1 boolean Yes', value: 'Yes' },
    { name: 'YAML 1.1 boolean on', value: 'on' },
    { name: 'YAML 1.1 boolean off', value: 'off' },
    { name: 'YAML 1.1 boolean Off', value: 'Off' },
    { name: 'YAML 1.1 boolean y', value: 'y' },
    { name: 'YAML 1.1 boolean Y', value: 'Y' },
    { name: 'YAML 1.1 boolean n', value: 'n' },
    { name: 'YAML 1.1 boolean NO', value: 'NO' },
    { name: 'boolean true', value: 'true' },
    { name: 'boolean TRUE', value: 'TRUE' },
    { name: 'boolean False', value: 'False' },
    { name: 'YAML 1.1 octal', value: '0755' },
    { name: 'YAML 1.1 octal with leading zero only', value: '012' },
    { name: 'YAML 1.2 octal', value: '0o17' },
    { name: 'hexadecimal', value: '0x1F' },
    { name: 'YAML 1.1 binary', value: '0b101' },
    { name: 'exponent float', value: '1e3' },
    { name: 'decimal', value: '0.5' },
    { name: 'leading-dot float', value: '+.5' },
    { name: 'integer with sign', value: '+12' },
    { name: 'YAML 1.1 underscore number', value: '1_000' },
    { name: 'null word', value: 'null' },
    { name: 'Null word', value: 'Null' },
    { name: 'tilde', value: '~' },
    { name: 'infinity', value: '.inf' },
    { name: 'negative infinity', value: '-.inf' },
    { name: 'not a number', value: '.NaN' },
    { name: 'YAML 1.1 sexagesimal', value: '12:30' },
    { name: 'YAML 1.1 sexagesimal with seconds', value: '190:20:30' },
    { name: 'YAML 1.1 date', value: '2001-12-14' },
    { name: 'YAML 1.1 timestamp', value: '2001-12-14t21:59:43.10-05:00' },
    { name: 'empty string', value: '' },
  ])('$name', ({ value }) => {
    expect(emitYaml({ k: value })).toBe(`k: "${value}"\n`);
    expect(readBoth(emitYaml({ k: value }))).toEqual({ v11: { k: value }, v12: { k: value } });
  });

  it.each<{ name: string; key: string }>([
    { name: 'yes', key: 'yes' },
    { name: 'on', key: 'on' },
    { name: 'y', key: 'y' },
    { name: 'n', key: 'n' },
    { name: '0755', key: '0755' },
    { name: 'null', key: 'null' },
    { name: '~', key: '~' },
    { name: 'true', key: 'true' },
    { name: '12:30', key: '12:30' },
    { name: '1e3', key: '1e3' },
    { name: '0o17', key: '0o17' },
  ])('map key $name is quoted and stays a string key', ({ key }) => {
    const text = emitYaml({ [key]: 'v' });
    expect(text).toBe(`"${key}": v\n`);
    for (const version of ['1.1', '1.2'] as const) {
      const [doc] = parseAllDocuments(text, { version });
      const pair = (doc!.contents as unknown as { items: Array<{ key: { value: unknown } }> }).items[0]!;
      expect(pair.key.value).toBe(key);
    }
  });

  // kubectl's YAML 1.1 reader takes a plain `<<` key as a merge key and fails on the document.
  it('quotes a map key <<', () => {
    const text = emitYaml({ '<<': 'v' });
    expect(() => {
      parse(text, { version: '1.1' });
    }).not.toThrow();
    expect(readBoth(text)).toEqual({ v11: { '<<': 'v' }, v12: { '<<': 'v' } });
  });
});

describe('emitYaml: round trip of tricky strings', () => {
  it.each<{ name: string; value: string }>([
    { name: 'plain word', value: 'nginx' },
    { name: 'image reference', value: 'registry.example.com:5000/app:1.2.3' },
    { name: 'empty', value: '' },
    { name: 'single space', value: ' ' },
    { name: 'leading spaces', value: '  indented' },
    { name: 'trailing space', value: 'trail ' },
    { name: 'colon space', value: 'a: b' },
    { name: 'trailing colon', value: 'key:' },
    { name: 'leading colon', value: ':x' },
    { name: 'hash at start', value: '#not a comment' },
    { name: 'space hash', value: 'x #y' },
    { name: 'dash alone', value: '-' },
    { name: 'dash item', value: '- item' },
    { name: 'question mark', value: '? x' },
    { name: 'document start', value: '---' },
    { name: 'document end', value: '...' },
    { name: 'flow sequence', value: '[x]' },
    { name: 'flow map', value: '{x: 1}' },
    { name: 'anchor', value: '&a' },
    { name: 'alias', value: '*a' },
    { name: 'tag', value: '!tag' },
    { name: 'directive', value: '%x' },
    { name: 'at sign', value: '@x' },
    { name: 'backtick', value: '`x' },
    { name: 'single quote', value: "'" },
    { name: 'double quote', value: '"' },
    { name: 'backslash', value: '\\' },
    { name: 'placeholder', value: '${resources.db.host}' },
    { name: 'tab inside', value: 'a\tb' },
    { name: 'tab alone', value: '\t' },
    { name: 'merge key text as value', value: '<<' },
    { name: 'multi-line with trailing newline', value: 'line one\nline two\n' },
    { name: 'multi-line without trailing newline', value: 'line one\nline two' },
    { name: 'multi-line with blank line', value: 'a\n\nb\n' },
    { name: 'multi-line with trailing blank lines', value: 'a\n\n\n' },
    { name: 'multi-line whose first line is indented', value: '  lead\nnext\n' },
    { name: 'multi-line with indented later line', value: 'x\n  y\n' },
    { name: 'multi-line that starts with a newline', value: '\nafter\n' },
    { name: 'only a newline', value: '\n' },
    { name: 'multi-line YAML document text', value: 'apiVersion: v1\nkind: List\nitems: []\n' },
    { name: 'multi-line with trailing space', value: 'a \nb\n' },
    { name: 'CRLF line ends', value: 'a\r\nb' },
    { name: 'unicode letters', value: 'grüße, 日本語' },
    { name: 'emoji', value: '😀 ok' },
    { name: 'no-break space', value: '\u00a0' },
    { name: 'line separator', value: 'a\u2028b' },
    { name: 'control character', value: 'bell\u0007' },
    { name: 'long line with spaces', value: 'word '.repeat(40).trim() },
    { name: 'number-like version', value: '1.20' },
    { name: 'quantity', value: '250m' },
    { name: 'number with unit', value: '512Mi' },
  ])('$name', ({ value }) => {
    const text = emitYaml({ k: value, list: [value], nested: { [`key ${value}`]: value } });
    const expected = { k: value, list: [value], nested: { [`key ${value}`]: value } };
    expect(readBoth(text)).toEqual({ v11: expected, v12: expected });
  });

  it('never folds long lines', () => {
    const value = 'word '.repeat(40).trim();
    expect(emitYaml({ k: value })).toBe(`k: ${value}\n`);
  });

  it('writes a multi-line string as a block literal', () => {
    expect(emitYaml({ k: 'line one\nline two\n' })).toBe('k: |\n  line one\n  line two\n');
  });

  it('writes non-string values plainly', () => {
    expect(emitYaml({ a: {}, b: [], c: null, d: true, e: 1.5, f: [{ x: 1, y: 2 }], g: 80 })).toBe(
      'a: {}\nb: []\nc: null\nd: true\ne: 1.5\nf:\n  - x: 1\n    "y": 2\ng: 80\n',
    );
  });

  it('keeps the key order of the object', () => {
    expect(emitYaml({ zeta: 1, alpha: 2, mid: 3 })).toBe('zeta: 1\nalpha: 2\nmid: 3\n');
  });
});

describe('renderOutput yaml', () => {
  it.each<{ name: string; values: unknown[]; expected: string }>([
    { name: 'no documents', values: [], expected: '' },
    { name: 'one document', values: [{ a: 1 }], expected: '---\na: 1\n' },
    { name: 'several documents', values: [{ a: 1 }, { b: [1, 'x'] }], expected: '---\na: 1\n---\nb:\n  - 1\n  - x\n' },
    { name: 'quoted strings inside', values: [{ a: 'on' }, { b: '0755' }], expected: '---\na: "on"\n---\nb: "0755"\n' },
  ])('$name', ({ values, expected }) => {
    expect(yamlStream(values)).toBe(expected);
  });

  it('reads back as the same documents in YAML 1.1 and 1.2', () => {
    const values = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'yes', b: 'line\nnext\n', c: '---' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'y' }, stringData: { p: '...', q: '' } },
    ];
    const text = yamlStream(values);
    for (const version of ['1.1', '1.2'] as const) {
      expect(parseAllDocuments(text, { version }).map((d) => d.toJS() as unknown)).toEqual(values);
    }
  });
});

describe('renderValue', () => {
  const value = { b: [1, 'on'], a: { 'k\u2028': null } };
  it('json: indented two spaces, keys in their order, nothing escaped beyond JSON', () => {
    expect(renderValue(value, 'json')).toBe('{\n  "b": [\n    1,\n    "on"\n  ],\n  "a": {\n    "k\u2028": null\n  }\n}\n');
  });

  it("yaml: the emitter's document", () => {
    expect(renderValue(value, 'yaml')).toBe(emitYaml(value));
    expect(renderValue(value, 'yaml')).toBe('b:\n  - 1\n  - "on"\na:\n  "k\\u2028": null\n');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileTemplate, parseStageOutput, TemplateError, type TemplateStage } from '../../src/templates/template-engine.js';
import { templateData, thrown } from './builders.js';

/** Templates in these tables start on line 10 of their file. */
const FIRST_LINE = 10;

function render(text: string, context: object = {}): string {
  return compileTemplate({ text, firstLine: FIRST_LINE })(context, templateData());
}

const MISSING = (field: string) =>
  `'${field}' is not defined here; for optional values use (default VALUE FALLBACK), (dig MAP KEY ...) or {{#if VALUE}}`;

describe('compileTemplate: strict mode', () => {
  it.each<{ name: string; text: string; context: object; message: string; line: number | undefined }>([
    { name: 'missing field on line 1', text: '{{missing}}', context: {}, message: MISSING('missing'), line: 10 },
    {
      name: 'missing nested field on line 2',
      text: 'a: 1\nb: {{params.size}}',
      context: { params: {} },
      message: MISSING('size'),
      line: 11,
    },
    { name: 'field of null', text: 'x: {{params.a}}', context: { params: null }, message: MISSING('a'), line: 10 },
    {
      name: 'missing field inside #each',
      text: 'a\n{{#each items}}\n  {{this.nope}}\n{{/each}}',
      context: { items: [{}] },
      message: MISSING('nope'),
      line: 12,
    },
    {
      name: 'missing field inside #with, after a blank line',
      text: '{{#with m}}\n\n{{k}}{{/with}}',
      context: { m: {} },
      message: MISSING('k'),
      line: 12,
    },
    // Handlebars' own messages ("Must pass iterator to #each") in our words.
    // (Handlebars does not say where these are.)
    {
      name: '#each without a value',
      text: '{{#each}}x{{/each}}',
      context: {},
      message: '{{#each}} needs exactly one value to work on',
      line: undefined,
    },
    {
      name: '#if without a value',
      text: 'a\n{{#if}}x{{/if}}',
      context: {},
      message: '{{#if}} needs exactly one value to work on',
      line: undefined,
    },
    {
      name: 'a partial',
      text: '{{> header}}',
      context: {},
      message: 'partials ({{> name}}) are not supported in provisioner templates',
      line: undefined,
    },
    {
      name: 'lookup without a key',
      text: '{{lookup params}}',
      context: { params: {} },
      message: '{{lookup}} needs a map and a key: (lookup MAP KEY)',
      line: undefined,
    },
  ])('$name', ({ text, context, message, line }) => {
    const error = thrown(() => render(text, context));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toBe(message);
    expect((error as TemplateError).line).toBe(line);
  });

  it.each<{ name: string; text: string; context: object; expected: string }>([
    { name: 'present field', text: '{{a.b}}', context: { a: { b: 'x' } }, expected: 'x' },
    { name: 'null field renders empty', text: '[{{a}}]', context: { a: null }, expected: '[]' },
    { name: 'no HTML escaping', text: '{{a}}', context: { a: '<&"\'>' }, expected: '<&"\'>' },
    { name: 'helper param missing: quote', text: '{{quote missing}}', context: {}, expected: '""' },
    { name: 'helper param missing: default', text: '{{default missing "fb"}}', context: {}, expected: 'fb' },
    {
      name: 'helper param missing field of a map: default',
      text: '{{default params.size "1Gi"}}',
      context: { params: {} },
      expected: '1Gi',
    },
    { name: 'helper param missing: #if takes else', text: '{{#if missing}}y{{else}}n{{/if}}', context: {}, expected: 'n' },
    { name: 'helper param missing field: #unless', text: '{{#unless params.x}}n{{/unless}}', context: { params: {} }, expected: 'n' },
    { name: 'helper param missing field: #if takes else', text: '{{#if a.b}}y{{else}}n{{/if}}', context: { a: {} }, expected: 'n' },
    { name: 'helper param missing: dig', text: '[{{dig missing "a"}}]', context: {}, expected: '[]' },
  ])('$name', ({ text, context, expected }) => {
    expect(render(text, context)).toBe(expected);
  });

  // Strict mode cannot look two levels under a missing field, even in a helper param: the error says what to use.
  it('a helper param two levels under a missing field is a clear error pointing at dig', () => {
    const error = thrown(() => render('{{default params.db.size "1Gi"}}', { params: {} }));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toBe("reads 'size' inside a missing value; for optional values use (dig MAP KEY ...) or {{#if VALUE}}");
    expect(render('{{default (dig params "db" "size") "1Gi"}}', { params: {} })).toBe('1Gi');
  });
});

describe('compileTemplate: nothing prints', () => {
  it('the log helper fails instead of printing values to the console (stdout may carry the manifests)', () => {
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    const info = vi.spyOn(console, 'info');
    expect(thrown(() => render('{{log "a value" level="error"}}')).message).toBe(
      'the log helper is not available in score-ts templates (it would print values); use fail to stop with a message',
    );
    expect(() => render('{{log "a value"}}')).toThrow(TemplateError);
    expect([log.mock.calls, error.mock.calls, info.mock.calls]).toEqual([[], [], []]);
  });
});

describe('compileTemplate: syntax errors when compiled, with the file line', () => {
  const OPEN_BLOCK =
    'template syntax error: the template ends inside an open block: close each {{#if}} / {{#each}} with {{/if}} / {{/each}}';
  it.each<{ name: string; text: string; message: string; line: number }>([
    { name: 'unclosed #if at the end', text: 'a\n\n{{#if x}}\n', message: OPEN_BLOCK, line: 13 },
    { name: 'unclosed #each', text: '{{#each items}}\n- {{this}}', message: OPEN_BLOCK, line: 11 },
    {
      name: 'unterminated mustache',
      text: '{{foo',
      message:
        'template syntax error: a {{ is not closed with }}, or holds a character a template cannot use there (an unclosed quote or [ ?)',
      line: 10,
    },
    {
      name: 'empty mustache on line 2',
      text: 'a\n{{}}',
      message: 'template syntax error: a {{ }} or ( ) ends where a name or value was expected',
      line: 11,
    },
    {
      name: 'close without open on line 2',
      text: 'a\n{{/if}}',
      message: 'template syntax error: a {{/...}} closes a block that is not open',
      line: 11,
    },
    {
      name: 'mismatched block on line 1',
      text: '{{#if x}}{{/each}}',
      message: 'template syntax error: {{/each}} closes {{#if}}: close each block with its own name',
      line: 10,
    },
    {
      name: 'mismatched block on line 3',
      text: 'a\nb\n{{#if x}}\n{{/each}}',
      message: 'template syntax error: {{/each}} closes {{#if}}: close each block with its own name',
      line: 12,
    },
    {
      name: 'invalid path on line 2',
      text: 'a\n{{foo/../bar}}',
      message: 'template syntax error: the path foo/.. is not valid: ../ and this/ may only start a path',
      line: 11,
    },
    {
      name: 'an else outside a block',
      text: '{{else}}',
      message: 'template syntax error: an {{else}} outside any {{#if}} or {{#each}}',
      line: 10,
    },
    {
      name: 'an unclosed ( )',
      text: '{{quote (concat "a"}}',
      message: 'template syntax error: a {{ }} or ( ) ends where a name or value was expected',
      line: 10,
    },
  ])('$name', ({ text, message, line }) => {
    const error = thrown(() => compileTemplate({ text, firstLine: FIRST_LINE }));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toBe(message);
    expect((error as TemplateError).line).toBe(line);
  });

  it('a lexical error names the problem, not the caret line under it', () => {
    const error = thrown(() => compileTemplate({ text: 'x\n{{!-- unclosed', firstLine: FIRST_LINE })) as TemplateError;
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.line).toBe(11);
    expect(error.message).toBe('template syntax error: text that cannot be read here (an unclosed {{!-- comment --}} or {{ ?)');
  });
});

describe('compileTemplate: no prototype access', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const pwned = () => (globalThis as Record<string, unknown>).__scoreTsPwned;
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__scoreTsPwned;
  });
  // Handlebars warns on the console about each denied property; keep the test output readable.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});

  it.each<{ name: string; text: string }>([
    { name: 'constructor', text: '[{{constructor}}]' },
    { name: '__proto__', text: '[{{__proto__}}]' },
    { name: 'lookup this "constructor"', text: '[{{lookup this "constructor"}}]' },
    { name: 'lookup of the prototype', text: '[{{lookup (lookup this "__proto__") "toString"}}]' },
    { name: '@root.constructor', text: '[{{@root.constructor}}]' },
    { name: 'block param __proto__', text: '[{{#with this as |o|}}{{o.__proto__}}{{/with}}]' },
    { name: '#with __proto__', text: '[{{#with __proto__}}{{polluted}}{{/with}}]' },
    { name: '#each over the prototype', text: '[{{#each (lookup this "__proto__")}}{{@key}}{{/each}}]' },
    { name: 'inherited toString', text: '[{{toString}}]' },
  ])('$name renders nothing', ({ text }) => {
    expect(render(text, { a: 1 })).toBe('[]');
  });

  // Known Handlebars RCE / pollution payloads (CVE-2019-19919, CVE-2021-23369 and the "constructor.constructor" family).
  it.each<{ name: string; text: string }>([
    {
      name: 'Function constructor through string.sub (classic RCE)',
      text: [
        '{{#with "s" as |string|}}',
        '  {{#with "e"}}',
        '    {{#with split as |conslist|}}',
        '      {{this.pop}}',
        '      {{this.push (lookup string.sub "constructor")}}',
        '      {{this.pop}}',
        '      {{#with string.split as |codelist|}}',
        '        {{this.pop}}',
        '        {{this.push "globalThis.__scoreTsPwned = 1; return 1;"}}',
        '        {{this.pop}}',
        '        {{#each conslist}}',
        '          {{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}',
        '        {{/each}}',
        '      {{/with}}',
        '    {{/with}}',
        '  {{/with}}',
        '{{/with}}',
      ].join('\n'),
    },
    { name: 'constructor.constructor call', text: '{{#with (constructor.constructor "globalThis.__scoreTsPwned = 1")}}{{this}}{{/with}}' },
    {
      name: 'lookup constructor then call',
      text: '{{#with (lookup (lookup this "constructor") "constructor")}}{{this "globalThis.__scoreTsPwned = 1"}}{{/with}}',
    },
    { name: '__defineGetter__ on the context', text: '{{__defineGetter__ "polluted" "x"}}' },
    {
      name: '__proto__ assignment through #with',
      text: '{{#with __proto__}}{{#with (lookup this "constructor")}}{{assign "polluted" 1}}{{/with}}{{/with}}',
    },
    { name: 'hasOwnProperty as a helper', text: '{{hasOwnProperty "x"}}' },
    { name: 'blockHelperMissing with the prototype', text: '{{#__proto__}}{{polluted}}{{/__proto__}}' },
  ])('$name never runs code nor changes Object.prototype', ({ text }) => {
    let template: ReturnType<typeof compileTemplate> | undefined;
    try {
      template = compileTemplate({ text, firstLine: 1 });
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
    }
    if (template) {
      try {
        template({}, templateData());
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateError);
      }
    }
    expect(pwned()).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseStageOutput', () => {
  it.each<{ name: string; stage: TemplateStage; rendered: string; expected: unknown }>([
    { name: 'init map', stage: 'init', rendered: 'a: 1\nb: [x]\n', expected: { a: 1, b: ['x'] } },
    { name: 'state map', stage: 'state', rendered: 'password: "x: y"', expected: { password: 'x: y' } },
    { name: 'shared map', stage: 'shared', rendered: 'a: {b: null}', expected: { a: { b: null } } },
    {
      name: 'outputs map, flow style from toJson',
      stage: 'outputs',
      rendered: 'port: 5432\nsource: {"emptyDir":{}}',
      expected: { port: 5432, source: { emptyDir: {} } },
    },
    { name: 'manifests list', stage: 'manifests', rendered: '- kind: A\n- kind: B', expected: [{ kind: 'A' }, { kind: 'B' }] },
    { name: 'empty init is {}', stage: 'init', rendered: '', expected: {} },
    { name: 'blank outputs is {}', stage: 'outputs', rendered: '\n   \n', expected: {} },
    { name: 'only a comment is {}', stage: 'state', rendered: '# nothing\n', expected: {} },
    { name: 'empty manifests is []', stage: 'manifests', rendered: '', expected: [] },
    { name: 'null manifests is []', stage: 'manifests', rendered: 'null', expected: [] },
    { name: 'explicit empty list', stage: 'manifests', rendered: '[]', expected: [] },
    { name: 'explicit empty map', stage: 'outputs', rendered: '{}', expected: {} },
  ])('$name', ({ stage, rendered, expected }) => {
    expect(parseStageOutput(stage, rendered)).toEqual(expected);
  });

  it.each<{ name: string; stage: TemplateStage; rendered: string; message: string }>([
    { name: 'list for outputs', stage: 'outputs', rendered: '- a', message: 'rendered outputs must be a YAML map' },
    { name: 'scalar for state', stage: 'state', rendered: 'hello', message: 'rendered state must be a YAML map' },
    { name: 'number for init', stage: 'init', rendered: '42', message: 'rendered init must be a YAML map' },
    { name: 'map for manifests', stage: 'manifests', rendered: 'kind: A', message: 'rendered manifests must be a YAML list of manifests' },
    { name: 'scalar for manifests', stage: 'manifests', rendered: 'x', message: 'rendered manifests must be a YAML list of manifests' },
    {
      name: 'duplicate keys',
      stage: 'outputs',
      rendered: 'a: 1\na: 2',
      message: 'rendered outputs is not valid YAML (rendered line 2): duplicated mapping key',
    },
    {
      name: 'unclosed flow sequence',
      stage: 'state',
      rendered: 'password: [s3cr3t-Value',
      message: 'rendered state is not valid YAML (rendered line 2): a [ or { is never closed: end it with ] or }',
    },
    {
      name: 'value broken over lines',
      stage: 'outputs',
      rendered: 'password: s3cr3t-Value\n  bad: x',
      message:
        'rendered outputs is not valid YAML (rendered line 2): bad indentation: the keys or items of one map or list must start at the same column',
    },
    {
      name: 'unclosed quote',
      stage: 'shared',
      rendered: 'k: "s3cr3t-Value\n',
      message: 'rendered shared is not valid YAML (rendered line 2): a quoted value is never closed: add the closing quote',
    },
  ])('$name', ({ stage, rendered, message }) => {
    const error = thrown(() => parseStageOutput(stage, rendered));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toBe(message);
    expect((error as TemplateError).line).toBeUndefined();
  });

  it.each<{ name: string; rendered: string }>([
    { name: 'unclosed flow sequence', rendered: 'user: admin\npassword: [s3cr3t-Value\n' },
    { name: 'bad indentation', rendered: 'password: s3cr3t-Value\n  bad: x' },
    { name: 'unclosed quote', rendered: 'password: "s3cr3t-Value\n' },
    { name: 'tab indentation', rendered: 'a:\n\tpassword: s3cr3t-Value' },
    { name: 'duplicate key', rendered: 's3cr3t-Value: 1\ns3cr3t-Value: 2' },
    { name: 'bad flow map', rendered: '{password: s3cr3t-Value, b' },
  ])('an invalid YAML message never holds the rendered text: $name', ({ rendered }) => {
    const error = thrown(() => parseStageOutput('outputs', rendered));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toMatch(/^rendered outputs is not valid YAML/);
    expect(error.message).not.toContain('s3cr3t');
  });
});

describe('parseStageOutput: anchors and aliases', () => {
  it('reads aliases within the limit', () => {
    expect(parseStageOutput('outputs', 'a: &x 1\nb: *x\n')).toEqual({ a: 1, b: 1 });
  });

  it('refuses a "billion laughs" output (alias limit)', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`);
    const bomb = ['l0: &l0 "lol"', ...levels].join('\n');
    expect(() => parseStageOutput('outputs', bomb)).toThrow(TemplateError);
  });
});

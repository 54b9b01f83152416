import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { quoteInsertedWhole } from '../../src/templates/rendered-shapes.js';
import { seededRandom } from '../../src/base/random.js';
import {
  compileTemplate,
  parseStageOutput,
  renderedTextParses,
  renderStage,
  type TemplateStage,
} from '../../src/templates/template-engine.js';

const data = () => ({ random: seededRandom('shapes', 'test'), env: {} });

/** The stage's value read by shape (renderStage) and as plain text, or the error message each gave. */
function bothWays(stage: TemplateStage, text: string, contexts: object[]): Array<{ byShape: unknown; plain: unknown }> {
  const template = compileTemplate({ text, firstLine: 1 });
  const plainTemplate = compileTemplate({ text, firstLine: 1 });
  const outcome = (read: () => unknown) => {
    try {
      return { value: read() };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  return contexts.map((context) => ({
    byShape: outcome(() => renderStage(stage, template, context, data())),
    plain: outcome(() => parseStageOutput(stage, plainTemplate(context, data()))),
  }));
}

describe('quoteInsertedWhole', () => {
  it.each([
    ['a: {{quote v}}', true],
    ['{{#each items}}- {{quote this}}\n{{/each}}', true],
    ['a: {{toJson v}} {{int n}}', true],
    ['a: {{concat (quote v) "x"}}', false],
    ['{{#if (quote v)}}a: 1{{/if}}', false],
    ['a: {{upper (quote v)}}', false],
    ['a: {{default quote v}}', false],
    ['{{#each items as |quote|}}- {{quote}}\n{{/each}}', false],
  ])('%j: %s', (text, expected) => {
    expect(quoteInsertedWhole(Handlebars.parse(text))).toBe(expected);
  });
});

describe('reading rendered YAML by shape gives what reading the text gives', () => {
  const templates: Array<[TemplateStage, string]> = [
    ['outputs', 'a: {{quote v}}\nb: [{{quote w}}, x]\nc: {k: {{quote v}} }\nd:\n  - {{quote w}}\n'],
    ['outputs', '{{quote v}}: 1\nz: {{quote w}}\n'],
    ['outputs', 'm: { {{quote v}}: 1, n: 2 }\n'],
    ['outputs', 'a: x{{quote v}}\nb: {{quote w}}\n'],
    ['outputs', "a: '{{quote v}}'\n"],
    ['outputs', 'a: |\n  {{quote v}}\nb: {{quote w}}\n'],
    ['outputs', 'a: |\n  requirepass {{quote v}}\n  appendonly yes\nb: {{quote w}}\n'],
    ['outputs', 'a: |-\n  {{quote v}} and {{quote w}}\n\n  # not a comment {{quote v}}\n'],
    ['outputs', 'a: >\n  x {{quote v}}\n  {{quote w}} y\n\n  z\n'],
    ['outputs', 'a: |2\n    {{quote v}}\n  b\n'],
    ['outputs', 'a:\n  - |\n    {{quote v}}: {{quote w}}\n'],
    ['outputs', 'a: x {{quote v}} y\nb: {{quote w}}\n'],
    ['outputs', 'a: x\n  {{quote v}}\n'],
    ['outputs', "a: 'x {{quote v}}'\n"],
    ['outputs', 'a: "x {{quote v}}"\n'],
    ['outputs', '{a: x {{quote v}}, b: {{quote w}} }\n'],
    ['outputs', 'a: 1 # {{quote v}}\nb: {{quote w}}\n'],
    ['outputs', 'a: &x {{quote v}}\nb: *x\n'],
    ['outputs', 'a: !!str {{quote v}}\nb: !!int {{quote w}}\n'],
    ['outputs', 'a: {{quote v}}\nb: {{toJson w}}\nc: {{w}}\n'],
    ['outputs', '{{quote v}}'],
    ['manifests', '{{#each items}}\n- kind: {{quote this}}\n  n: {{quote ../v}}\n{{/each}}'],
  ];
  const tricky = [
    '',
    'plain',
    'yes',
    '0755',
    'a: b',
    '# c',
    '&a',
    '*a',
    '"q"',
    "'s'",
    'x\ny',
    'tab\t',
    '\u0085',
    '\u2028',
    '\ufeff',
    '\x7f',
    '\ud800',
    '\ue000',
    '\ue0000\ue001',
    '"\ue0000\ue001"',
    '\ue001',
    'é😀',
    '⟦secret:db:password⟧',
    ' lead',
    'trail ',
  ];
  const value = fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 12 }));
  const context = fc.record({ v: value, w: value, items: fc.array(value, { maxLength: 3 }) });

  it.each(templates)('%s: %j', (stage, text) => {
    fc.assert(
      fc.property(fc.array(context, { minLength: 2, maxLength: 6 }), (contexts) => {
        for (const { byShape, plain } of bothWays(stage, text, contexts)) expect(byShape).toEqual(plain);
      }),
      { numRuns: 150, seed: 7001 },
    );
  });

  it('a __proto__ key stays an own key of the copy and reaches no prototype', () => {
    const template = compileTemplate({ text: 'm:\n  __proto__:\n    polluted: {{quote v}}\n', firstLine: 1 });
    const values = ['1', '2', '3'].map((v) => renderStage('outputs', template, { v }, data()) as { m: Record<string, unknown> });
    for (const [i, value] of values.entries()) {
      expect(Object.getOwnPropertyDescriptor(value.m, '__proto__')?.value).toEqual({ polluted: String(i + 1) });
      expect(Object.getPrototypeOf(value.m)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('each render gets its own copy: changing one result changes no other', () => {
    const template = compileTemplate({ text: 'a: {{quote v}}\nm: {k: 1}\n', firstLine: 1 });
    const [first, second, third] = ['1', '2', '3'].map(
      (v) => renderStage('outputs', template, { v }, data()) as { a: string; m: { k: number } },
    );
    second!.m.k = 99;
    expect([first, second, third]).toEqual([
      { a: '1', m: { k: 1 } },
      { a: '2', m: { k: 99 } },
      { a: '3', m: { k: 1 } },
    ]);
  });
});

describe('a shape that comes back is not parsed again', () => {
  const parsesFor = (text: string, renders: number) => {
    const template = compileTemplate({ text, firstLine: 1 });
    const before = renderedTextParses();
    const values = Array.from({ length: renders }, (_, i) => renderStage('outputs', template, { v: `value-${i}` }, data()));
    return { parses: renderedTextParses() - before, values };
  };

  it('quoted values only: the first render and the shape are parsed, then never again', () => {
    const { parses, values } = parsesFor('name: {{quote v}}\nport: 5432\n', 50);
    expect(parses).toBe(2);
    expect(values[49]).toEqual({ name: 'value-49', port: 5432 });
  });

  it('a quoted value inside a block scalar (a config file) is a shape too: its JSON string stands where it was', () => {
    const { parses, values } = parsesFor('conf: |\n  requirepass {{quote v}}\n  appendonly yes\nname: {{quote v}}\n', 50);
    expect(parses).toBe(2);
    expect(values[49]).toEqual({ conf: 'requirepass "value-49"\nappendonly yes\n', name: 'value-49' });
  });

  it('a value with a character YAML refuses in a block scalar is read as text, and refused as the text is', () => {
    const template = compileTemplate({ text: 'conf: |\n  pass {{quote v}}\n', firstLine: 1 });
    for (const v of ['a', 'b', 'c']) renderStage('outputs', template, { v }, data());
    const before = renderedTextParses();
    expect(() => renderStage('outputs', template, { v: 'x\x7fy' }, data())).toThrow('a control character that YAML does not allow');
    expect(renderedTextParses() - before).toBe(1);
  });

  it('a value inserted raw changes the shape each time: after a few tries, the template is read as text', () => {
    const { parses, values } = parsesFor('name: {{quote v}}\nraw: {{v}}\n', 50);
    expect(parses).toBeGreaterThanOrEqual(50);
    expect(parses).toBeLessThanOrEqual(58);
    expect(values[49]).toEqual({ name: 'value-49', raw: 'value-49' });
  });

  it('a quoted key cannot be a shape: every render is read as text, with the same result', () => {
    const { parses, values } = parsesFor('{{quote v}}: 1\n', 20);
    expect(parses).toBeGreaterThanOrEqual(20);
    expect(values[19]).toEqual({ 'value-19': 1 });
  });
});

/**
 * Each template runs in an environment with only the score-ts helpers it names (handlebars-envs.ts): every
 * way of calling a helper must still find it, in compiled and precompiled templates alike.
 */
import { createRequire } from 'node:module';
import type HandlebarsNamespace from 'handlebars';
import { describe, expect, it } from 'vitest';
import { compilerWith, helpersNamed, runtimeWith } from '../../src/templates/handlebars-envs.js';
import { compileTemplate, precompileTemplate, templateFromSpec } from '../../src/templates/template-engine.js';
import { TEMPLATE_HELPERS } from '../../src/templates/template-helpers.js';
import { templateData, thrown } from './builders.js';

const require = createRequire(import.meta.url);
const handlebars = require('handlebars') as typeof HandlebarsNamespace;
/** Handlebars with every helper of ours, as every template had before. */
const everyHelper = handlebars.create();
for (const [name, helper] of Object.entries(TEMPLATE_HELPERS)) everyHelper.registerHelper(name, helper);

const CONTEXT = { name: 'Web', list: ['a', 'b'], params: { quote: 'q' }, empty: '' };

const FORMS: { name: string; text: string; helpers: string[] }[] = [
  { name: 'a mustache', text: '{{quote name}}', helpers: ['quote'] },
  { name: 'a subexpression', text: '{{quote (upper name)}}', helpers: ['quote', 'upper'] },
  { name: 'a string literal as the helper', text: '{{"lower" name}}', helpers: ['lower'] },
  { name: 'a bracketed name', text: '{{[upper] name}}', helpers: ['upper'] },
  { name: 'a block condition', text: '{{#if (eq name "Web")}}yes{{else if (ne name "x")}}no{{/if}}', helpers: ['eq', 'ne'] },
  { name: 'inside each', text: '{{#each list}}{{concat this "-" @index}}{{/each}}', helpers: ['concat'] },
  { name: 'unless calls if by name', text: '{{#unless empty}}set{{else}}{{default empty "unset"}}{{/unless}}', helpers: ['default'] },
  { name: 'a section over a list calls each by name', text: '{{#list}}<{{upper this}}>{{/list}}', helpers: ['upper'] },
  { name: 'a field named like a helper', text: '{{params.quote}}', helpers: ['quote'] },
  { name: 'no helper at all', text: '{{name}}', helpers: [] },
];

describe('a template gets the helpers it names', () => {
  it.each(FORMS)('$name', ({ text, helpers }) => {
    const ast = handlebars.parse(text);
    expect(helpersNamed(ast)).toEqual(helpers);
    const expected = everyHelper.compile(text, { noEscape: true, strict: true })(CONTEXT);
    expect(compileTemplate({ text, firstLine: 1 })(CONTEXT, templateData())).toBe(expected);
    const { code, quoteInsertedWhole, helpers: named } = precompileTemplate(text);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- precompiled template source, as the build's generated module holds it
    const spec = new Function(`return ${code}`) as () => unknown;
    expect(templateFromSpec(() => spec(), 1, quoteInsertedWhole, named)(CONTEXT, templateData())).toBe(expected);
  });

  it('an environment holds only the helpers asked for, besides Handlebars own', () => {
    const own = ['blockHelperMissing', 'each', 'helperMissing', 'if', 'log', 'lookup', 'unless', 'with'];
    for (const env of [compilerWith(['quote', 'upper']), runtimeWith(['quote', 'upper'])]) {
      expect(Object.keys(env.helpers).sort()).toEqual([...own, 'quote', 'upper'].sort());
    }
    expect(runtimeWith(['quote', 'upper'])).toBe(runtimeWith(['quote', 'upper']));
    expect(runtimeWith(['quote'])).not.toBe(runtimeWith(['quote', 'upper']));
  });

  it('log still fails, and a helper the template does not have is still missing', () => {
    expect(thrown(() => compileTemplate({ text: '{{log name}}', firstLine: 1 })(CONTEXT, templateData())).message).toMatch(
      /the log helper is not available/,
    );
    expect(thrown(() => compileTemplate({ text: '{{nosuch name}}', firstLine: 1 })(CONTEXT, templateData())).message).toMatch(/nosuch/);
  });
});

/**
 * Template work is bounded while it renders: `{{#each}}` iterations, the text one block gives, the text
 * helpers take and give, and the text a render gives. The bounded `each` is Handlebars' own, counted, so
 * templates render exactly as before: each row is checked against a plain Handlebars environment too.
 */
import { createRequire } from 'node:module';
import type HandlebarsNamespace from 'handlebars';
import { describe, expect, it } from 'vitest';
import { PATCH_LIMITS, STAGE_LIMITS } from '../../src/templates/render-budget.js';
import { compileTemplate, precompileTemplate, TemplateError, templateFromSpec } from '../../src/templates/template-engine.js';
import { TEMPLATE_HELPERS } from '../../src/templates/template-helpers.js';
import { templateData, thrown } from './builders.js';

const require = createRequire(import.meta.url);
/** Handlebars with its own each and our helpers as they are, without any budget. */
const plainHandlebars = (require('handlebars') as typeof HandlebarsNamespace).create();
for (const [name, helper] of Object.entries(TEMPLATE_HELPERS)) plainHandlebars.registerHelper(name, helper);

const render = (text: string, context: object) => compileTemplate({ text, firstLine: 1 })(context, templateData());

const CONTEXT = {
  list: ['a', 'b', 'c'],
  map: { x: 1, y: 2 },
  empty: [],
  emptyMap: {},
  nested: [
    { name: 'n1', items: [1, 2] },
    { name: 'n2', items: [] },
  ],
  sparse: ['first', , 'third'], // eslint-disable-line no-sparse-arrays
  name: 'outer',
};

describe('the bounded each renders as Handlebars does', () => {
  it.each([
    {
      name: 'list with @index, @first, @last',
      text: '{{#each list}}{{@index}}:{{this}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}};{{/each}}',
      expected: '0:aF;1:b;2:cL;',
    },
    {
      name: 'map with @key and @index',
      text: '{{#each map}}{{@key}}={{this}}@{{@index}}{{#if @last}}!{{/if}} {{/each}}',
      expected: 'x=1@0 y=2@1! ',
    },
    { name: 'else on an empty list', text: '{{#each empty}}x{{else}}none{{/each}}', expected: 'none' },
    { name: 'else on an empty map', text: '{{#each emptyMap}}x{{else}}none{{/each}}', expected: 'none' },
    { name: 'else on a missing value (dig)', text: '{{#each (dig map "nope")}}x{{else}}none{{/each}}', expected: 'none' },
    { name: 'parent context with ../', text: '{{#each list}}{{../name}}-{{this}} {{/each}}', expected: 'outer-a outer-b outer-c ' },
    {
      name: 'nested each with @../index',
      text: '{{#each nested}}{{name}}[{{#each items}}{{@../index}}.{{@index}}={{this}},{{else}}-{{/each}}]{{/each}}',
      expected: 'n1[0.0=1,0.1=2,]n2[-]',
    },
    { name: 'block params', text: '{{#each list as |item i|}}{{i}}{{item}}{{/each}}', expected: '0a1b2c' },
    { name: 'sparse list skips holes', text: '{{#each sparse}}{{@index}}{{this}}|{{/each}}', expected: '0first|2third|' },
    { name: 'a section over a list (blockHelperMissing calls each)', text: '{{#list}}<{{this}}>{{/list}}', expected: '<a><b><c>' },
    { name: 'helpers inside', text: '{{#each list}}{{quote (upper this)}}{{/each}}', expected: '"A""B""C"' },
  ])('$name', ({ text, expected }) => {
    expect(render(text, CONTEXT)).toBe(expected);
    expect(plainHandlebars.compile(text, { noEscape: true, strict: true })(CONTEXT)).toBe(expected);
  });

  it('the precompiled form (built-in provisioners) renders the same and calls the bounded each', () => {
    const text = '{{#each nested}}{{name}}:{{#each items}}{{this}}{{/each}};{{/each}}';
    const { code, quoteInsertedWhole, helpers } = precompileTemplate(text);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- precompiled template source, loaded here as the generated module of the build holds it
    const spec = new Function(`return ${code}`) as () => unknown;
    const template = templateFromSpec(() => spec(), 10, quoteInsertedWhole, helpers);
    expect(template(CONTEXT, templateData())).toBe('n1:12;n2:;');
    const big = { nested: [{ name: 'x', items: Array.from({ length: 2_000_000 }, () => 1) }] };
    expect(thrown(() => template(big, templateData())).message).toMatch(/^loops more than 1,000,000 times/);
  });
});

/** A list of `n` short strings, as a params list of a Score file would be. */
const items = (n: number) => Array.from({ length: n }, (_, i) => `item-${i}`);

describe('a render stops at its limits, with the line of the block or helper', () => {
  it.each([
    {
      name: 'nested each over a 25,000-item list: 625 million iterations',
      text: 'a: 1\n{{#each list}}\n{{#each ../list}}x{{/each}}\n{{/each}}',
      context: { list: items(25_000) },
      message: 'loops more than 1,000,000 times ({{#each}} iterations of one render); iterate over less data',
      line: 12,
    },
    {
      name: 'a big value written in every iteration',
      text: '{{#each list}}\n{{toJson ../list}}\n{{/each}}',
      context: { list: items(25_000) },
      message: 'renders more than 4 MiB of text; render less (a provisioner is not meant to copy large data)',
      line: 10,
    },
    {
      name: 'a big value given to a helper in every iteration, without output',
      text: '{{#each list}}{{#if (eq (toJson ../list) "")}}x{{/if}}{{/each}}',
      context: { list: items(25_000) },
      message: 'passes more than 64 MiB of text through helpers in one render; use helpers on less data',
      line: 10,
    },
    {
      name: 'replace that multiplies the text',
      text: 'a: 1\nb: {{replace value "" value}}',
      context: { value: 'v'.repeat(10_000) },
      message: 'renders more than 4 MiB of text; render less (a provisioner is not meant to copy large data)',
      line: 11,
    },
    {
      name: 'join with a big separator',
      text: '{{join list value}}',
      context: { list: items(1_000), value: 'v'.repeat(10_000) },
      message: 'renders more than 4 MiB of text; render less (a provisioner is not meant to copy large data)',
      line: 10,
    },
    {
      name: 'a render bigger than 4 MiB without a loop',
      text: 'a: 1\nb: {{value}}{{value}}',
      context: { value: 'v'.repeat(3 * 1024 * 1024) },
      message: 'renders more than 4 MiB of text; render less (a provisioner is not meant to copy large data)',
      line: 10,
    },
  ])('$name', ({ text, context, message, line }) => {
    const template = compileTemplate({ text, firstLine: 10 });
    const error = thrown(() => template(context, templateData()));
    expect(error).toBeInstanceOf(TemplateError);
    expect({ message: error.message, line: (error as TemplateError).line }).toEqual({ message, line });
  });

  it('stops the nested each long before its memory grows: within the iteration limit', () => {
    const template = compileTemplate({ text: '{{#each list}}{{#each ../list}}x{{/each}}{{/each}}', firstLine: 1 });
    const before = process.memoryUsage().heapUsed;
    expect(() => template({ list: items(25_000) }, templateData())).toThrow(TemplateError);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(256 * 1024 * 1024);
  });

  it('the limits are per render: a template renders its limit again and again', () => {
    const template = compileTemplate({ text: '{{#each list}}x{{/each}}', firstLine: 1 });
    const context = { list: items(STAGE_LIMITS.maxIterations) };
    for (let i = 0; i < 3; i++) expect(template(context, templateData()).length).toBe(STAGE_LIMITS.maxIterations);
  });

  it('patch templates, which see every manifest, have larger limits', () => {
    const value = 'v'.repeat(5 * 1024 * 1024);
    expect(PATCH_LIMITS.maxOutput).toBeGreaterThan(value.length);
    expect(compileTemplate({ text: '{{value}}', firstLine: 1 }, PATCH_LIMITS)({ value }, templateData())).toBe(value);
    expect(() => compileTemplate({ text: '{{value}}', firstLine: 1 })({ value }, templateData())).toThrow('renders more than 4 MiB');
  });
});

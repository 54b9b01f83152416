/**
 * The helpers as templates see them: each call spends from the render's budget (render-budget.ts), so a
 * template over hostile params stops while it renders. Handlebars' own `each` is kept, not rewritten, so every
 * template renders exactly as before (@index, @key, @first, @last, {{else}}, lists and maps); only each
 * iteration and the text it gives are counted. Precompiled templates, and `{{#list}}...{{/list}}` sections,
 * call the registered `each` by name, so they are counted too.
 */
import type { HelperOptions } from 'handlebars';
import { budgetOf, type TemplateLocation } from './render-budget.js';

type Helper = (...args: unknown[]) => unknown;
type BlockOptions = HelperOptions & { readonly loc?: TemplateLocation };
type Block = HelperOptions['fn'];

/** A helper that spends the text it takes (string arguments) and gives (a string result). */
export function withTextBudget(helper: Helper): Helper {
  return function (this: unknown, ...a: unknown[]): unknown {
    const options = a[a.length - 1] as BlockOptions | undefined;
    const budget = budgetOf(options?.data);
    if (!budget) return helper.apply(this, a);
    let taken = 0;
    for (let i = 0; i < a.length - 1; i++) if (typeof a[i] === 'string') taken += (a[i] as string).length;
    budget.spendHelperText(taken, options?.loc);
    const result = helper.apply(this, a);
    if (typeof result === 'string') budget.spendHelperText(result.length, options?.loc);
    return result;
  };
}

/** Handlebars' `each`, counting each iteration and the text the block has given so far. */
export function boundedEach(each: Helper): Helper {
  return function (this: unknown, ...a: unknown[]): unknown {
    const options = a[a.length - 1] as BlockOptions | undefined;
    const budget = budgetOf(options?.data);
    // Without an argument, Handlebars' own each says what is wrong.
    if (!budget || a.length < 2 || typeof options?.fn !== 'function') return each.apply(this, a);
    const block = options.fn;
    let given = 0;
    const counted: Block = Object.assign((value: unknown, frame?: Parameters<Block>[1]) => {
      budget.iterate(options.loc);
      const text = block(value, frame);
      given += text.length;
      budget.checkOutput(given, options.loc);
      return text;
    }, block);
    return each.call(this, a[0], { ...options, fn: counted });
  };
}

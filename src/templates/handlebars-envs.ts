/**
 * The Handlebars environments templates run in, one for each set of score-ts helpers a template names.
 * Handlebars wraps every helper of its environment again on each render; a template that names three of
 * our thirty helpers gets an environment with just those three, and renders faster. Handlebars' own helpers
 * (each, if, unless, with, lookup, log and the missing-helper hooks) are in every environment: some of them
 * call others by name, and `{{#list}}` sections call `each`.
 */
import { createRequire } from 'node:module';
import type HandlebarsNamespace from 'handlebars';
import handlebarsRuntime from 'handlebars/runtime.js';
import { TEMPLATE_HELPERS, TemplateFailure } from './template-helpers.js';
import { boundedEach, withTextBudget } from './bounded-helpers.js';

export type HandlebarsEnv = typeof HandlebarsNamespace;

const require = createRequire(import.meta.url);
const compilers = new Map<string, HandlebarsEnv>();
const runtimes = new Map<string, HandlebarsEnv>();

/**
 * The score-ts helpers a template's parse tree names, sorted: every string in the tree that is a helper's
 * name, wherever it stands, so a helper called in any form (`{{quote x}}`, `(quote x)`, `{{"quote" x}}`) is kept.
 */
export function helpersNamed(ast: unknown): string[] {
  const named = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      if (Object.hasOwn(TEMPLATE_HELPERS, node)) named.add(node);
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) if (key !== 'loc') visit(child);
    }
  };
  visit(ast);
  return [...named].sort();
}

/** The full Handlebars (parser and compiler) with these helpers, made on first use. */
export function compilerWith(helpers: readonly string[]): HandlebarsEnv {
  return envFor(compilers, helpers, () => (require('handlebars') as HandlebarsEnv).create());
}

/** The Handlebars runtime alone with these helpers, enough for precompiled templates. */
export function runtimeWith(helpers: readonly string[]): HandlebarsEnv {
  return envFor(runtimes, helpers, () => (handlebarsRuntime as HandlebarsEnv).create());
}

function envFor(envs: Map<string, HandlebarsEnv>, helpers: readonly string[], create: () => HandlebarsEnv): HandlebarsEnv {
  const key = helpers.join(' ');
  let env = envs.get(key);
  if (env === undefined) {
    env = withHelpers(create(), helpers);
    envs.set(key, env);
  }
  return env;
}

/**
 * The named helpers, and Handlebars' own `each`, each spending from the render's budget (render-budget.ts).
 * Handlebars' `log` would print rendered values on the console (stdout, where the manifests may go): it fails.
 */
function withHelpers(env: HandlebarsEnv, helpers: readonly string[]): HandlebarsEnv {
  for (const name of helpers) env.registerHelper(name, withTextBudget(TEMPLATE_HELPERS[name]!));
  env.registerHelper('each', boundedEach(env.helpers.each as (...args: unknown[]) => unknown));
  env.registerHelper('log', () => {
    throw new TemplateFailure(
      'the log helper is not available in score-ts templates (it would print values); use fail to stop with a message',
    );
  });
  return env;
}

/**
 * A patch template in its language (provision/score-k8s/template-language.ts): Handlebars (score-ts's, see
 * patch-templates.ts) or a Go template (score-k8s's, see go-patch-templates.ts, loaded on first use). Either
 * is compiled when it is installed and when a run loads it; a syntax error says which rule chose the language.
 */
import { goPatchTemplates } from './go-patch-gate.js';
import { chooseLanguage, languageHint, LanguageError } from '../templates/template-language.js';
import { compileTemplate, TemplateError, type CompiledTemplate } from '../templates/template-engine.js';
import { PATCH_LIMITS } from '../templates/render-budget.js';
import type { GoTemplate } from '../templates/go/index.js';

/** A compiled patch template: Handlebars in `render`, or a Go template in `go` (then `render` is never called). */
export function compilePatchTemplate(text: string): { render: CompiledTemplate; go?: GoTemplate } {
  let choice;
  try {
    choice = chooseLanguage('patch template', text, [text]);
  } catch (e) {
    if (e instanceof LanguageError) throw new TemplateError(e.message, undefined);
    throw e;
  }
  if (choice.language === 'go-template')
    return { render: notHandlebars, go: goPatchTemplates().compileGoPatchTemplate(text, languageHint('patch template', choice)) };
  try {
    return { render: compileTemplate({ text, firstLine: 1 }, PATCH_LIMITS) };
  } catch (e) {
    if (e instanceof TemplateError && choice.unsure)
      throw new TemplateError(`${e.message} (${languageHint('patch template', choice)})`, e.line);
    throw e;
  }
}

const notHandlebars: CompiledTemplate = Object.assign(
  () => {
    throw new Error('internal error: a Go patch template was rendered as Handlebars');
  },
  { firstLine: 1 },
);

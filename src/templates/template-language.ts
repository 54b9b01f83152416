/**
 * Which language a provisioner file or patch template is written in: score-ts's Handlebars, or score-k8s's
 * Go templates. A file is in one language, decided from its text before any template is parsed:
 *
 * 1. A marker decides: a comment line `# score-ts: go-template` or `# score-ts: handlebars` among the leading
 *    comment lines of a provisioner file; `{{/* score-ts: go-template *\/}}` or `{{!-- score-ts: handlebars --}}`
 *    among the leading comments of a patch template.
 * 2. Without one, the actions decide. Go templates read data as `.Field` or `$variable`, and use pipes (`|`),
 *    `:=`, trim markers (`{{- `, ` -}}`), `{{/* *\/}}` comments, keywords (`if`, `range`, `with`, `end` ...) in
 *    plain actions and functions score-ts's helpers do not have (`randAlphaNum`, `encodeSecretRef` ...);
 *    Handlebars uses blocks and partials (`{{#`, `{{/`, `{{^`, `{{>`, `{{!`, `{{{`, `{{~`) and `@key`,
 *    and never a leading `.` or `$`. A file with Go signs only is Go; with Handlebars signs, or with neither
 *    (plain text, or helper calls only), Handlebars (what every score-ts file was before Go templates came).
 *    A file of cmd:// entries only has no templates: it is score-k8s's when an entry follows score-k8s's
 *    conventions (a uri such as `cmd://bash#name`, whose `#name` only tells entries apart, or a `<mode>` arg).
 * 3. A file with signs of both is refused: mark it.
 *
 * The built-in files are Handlebars. Every error about a template's syntax says which rule chose its language.
 */

import { TEMPLATE_HELPERS } from './template-helpers.js';

export type TemplateLanguage = 'handlebars' | 'go-template';

/** The language of a file, and why, in words for messages. */
export interface LanguageChoice {
  readonly language: TemplateLanguage;
  readonly reason: string;
  /** True when a marker chose it (rule 1). */
  readonly marked: boolean;
  /** True when the file shows no sign of either language (Handlebars by default). */
  readonly unsure: boolean;
}

export type LanguageFileKind = 'provisioner file' | 'patch template';

const MARKERS: Readonly<Record<LanguageFileKind, Readonly<Record<TemplateLanguage, string>>>> = {
  'provisioner file': { 'go-template': '# score-ts: go-template', handlebars: '# score-ts: handlebars' },
  'patch template': { 'go-template': '{{/* score-ts: go-template */}}', handlebars: '{{!-- score-ts: handlebars --}}' },
};

/** The first line that marks a file of this kind as written in `language`. */
function languageMarker(kind: LanguageFileKind, language: TemplateLanguage): string {
  return MARKERS[kind][language];
}

/**
 * A file's language: its marker, else the signs in its templates (throws LanguageError for mixed signs).
 * `formatSigns` are signs of score-k8s's format outside templates (a cmd:// uri's `#name`, a `<mode>` arg):
 * they count as Go signs, so a file of cmd:// entries only is score-k8s's when it follows its conventions.
 */
export function chooseLanguage(
  kind: LanguageFileKind,
  fileText: string,
  templates: readonly string[],
  formatSigns: readonly string[] = [],
): LanguageChoice {
  const marked = markedLanguage(kind, fileText);
  if (marked) return { language: marked, reason: `it is marked \`${languageMarker(kind, marked)}\``, marked: true, unsure: false };
  const found = languageSigns(templates);
  const signs = { go: found.go ?? formatSigns[0], handlebars: found.handlebars };
  if (signs.go && signs.handlebars) {
    throw new LanguageError(
      `its templates look like both Go templates (score-k8s's format: ${signs.go}) and Handlebars (score-ts's format: ${signs.handlebars}); ` +
        `make \`${languageMarker(kind, 'go-template')}\` or \`${languageMarker(kind, 'handlebars')}\` its first line`,
    );
  }
  if (signs.go)
    return {
      language: 'go-template',
      reason: `it has no marker and ${found.go ? `its templates use Go template syntax (${signs.go})` : `it follows score-k8s's conventions (${signs.go})`}`,
      marked: false,
      unsure: false,
    };
  const why = signs.handlebars
    ? `its templates use Handlebars syntax (${signs.handlebars})`
    : 'none of its templates uses Go template syntax';
  return { language: 'handlebars', reason: `it has no marker and ${why}`, marked: false, unsure: !signs.handlebars };
}

/** What to add to a template error: the rule that chose the language, and how to choose the other one. */
export function languageHint(kind: LanguageFileKind, choice: LanguageChoice): string {
  const other: TemplateLanguage = choice.language === 'go-template' ? 'handlebars' : 'go-template';
  const name = (l: TemplateLanguage) => (l === 'go-template' ? "a Go template (score-k8s's format)" : "Handlebars (score-ts's format)");
  const change = choice.marked
    ? `remove the marker or change it to \`${languageMarker(kind, other)}\``
    : `make \`${languageMarker(kind, other)}\` its first line`;
  return `read as ${name(choice.language)} because ${choice.reason}; if it is ${name(other)}, ${change}`;
}

/** A file whose language cannot be told. */
export class LanguageError extends Error {}

function markedLanguage(kind: LanguageFileKind, text: string): TemplateLanguage | undefined {
  const found = kind === 'provisioner file' ? leadingYamlComments(text) : leadingTemplateComments(text);
  for (const comment of found) {
    for (const language of ['go-template', 'handlebars'] as const) if (comment === MARKERS[kind][language]) return language;
  }
  return undefined;
}

/** The comment lines before a file's first YAML line, trimmed. */
function leadingYamlComments(text: string): string[] {
  const out: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('#')) break;
    out.push(trimmed);
  }
  return out;
}

/** The template comments (`{{!-- --}}`, `{{! }}`, `{{/* *\/}}`) at the start of a template, each as written. */
function leadingTemplateComments(text: string): string[] {
  const out: string[] = [];
  const comment = /^\s*(\{\{!--[\s\S]*?--\}\}|\{\{![^}]*\}\}|\{\{-? ?\/\*[\s\S]*?\*\/ ?-?\}\})/;
  let rest = text.replace(/^\uFEFF/, '');
  for (let m = comment.exec(rest); m; m = comment.exec(rest)) {
    out.push(m[1]!.trim());
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** The first sign of each language found in the templates, as a short example for messages. */
function languageSigns(templates: readonly string[]): { go: string | undefined; handlebars: string | undefined } {
  const signs: { go: string | undefined; handlebars: string | undefined } = { go: undefined, handlebars: undefined };
  for (const text of templates) {
    for (const action of actionsOf(text)) {
      signs.handlebars ??= handlebarsSign(action);
      signs.go ??= goSign(action);
      if (signs.go && signs.handlebars) return signs;
    }
  }
  return signs;
}

/** Each `{{...}}` of a text, from its `{{` to its `}}` (or the end). */
function* actionsOf(text: string): Generator<string> {
  for (let start = text.indexOf('{{'); start >= 0; start = text.indexOf('{{', start + 2)) {
    const end = text.indexOf('}}', start + 2);
    yield text.slice(start, end < 0 ? text.length : end + 2);
    if (end < 0) return;
    start = end;
  }
}

const GO_KEYWORDS = new Set(['if', 'range', 'with', 'end', 'define', 'template', 'block', 'break', 'continue']);

/** What a score-ts Handlebars template can call: its helpers, and Handlebars' own. */
const HANDLEBARS_CALLS = new Set([...Object.keys(TEMPLATE_HELPERS), 'if', 'unless', 'each', 'with', 'lookup', 'log', 'else']);

function handlebarsSign(action: string): string | undefined {
  if (/^\{\{[#^>!&{~]/.test(action) || /^\{\{\/(?!\*)/.test(action)) return shortened(action);
  if (/^\{\{\s*@/.test(action) || /\s@(index|key|first|last|root)\b/.test(withoutStrings(action))) return shortened(action);
  return undefined;
}

function goSign(action: string): string | undefined {
  if (/^\{\{-?\s*\/\*/.test(action) || /^\{\{- /.test(action) || / -\}\}$/.test(action)) return shortened(action);
  const body = withoutStrings(action.slice(2, action.endsWith('}}') ? -2 : undefined)).trim();
  const first = /^[A-Za-z_]\w*/.exec(body)?.[0];
  if (first !== undefined && GO_KEYWORDS.has(first)) return shortened(action);
  if (/(^|[\s(])(\.[A-Za-z_]|\$)/.test(body) || body.includes('|') || body.includes(':=')) return shortened(action);
  // A call of a function that no score-ts template can call (sprig's randAlphaNum, score-k8s's encodeSecretRef).
  const call = /^([A-Za-z_]\w*)\s+\S/.exec(body)?.[1];
  if (call !== undefined && !HANDLEBARS_CALLS.has(call)) return shortened(action);
  return undefined;
}

/** An action with its string literals emptied (their text is no sign of anything). */
function withoutStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'/g, '""');
}

function shortened(action: string): string {
  const oneLine = action.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine;
}

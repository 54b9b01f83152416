/**
 * The engine's entry point: a template text parsed once (and cached) into a set of named templates, then
 * executed on data as many times as needed. Mirrors Go's template.New(name).Funcs(f).Option(o).Parse(text)
 * followed by Execute or ExecuteTemplate.
 */
import { BUILTINS } from './builtins.js';
import { GoTemplateError } from './errors.js';
import { executeTemplate } from './exec.js';
import type { ExecLimits, GoVersion, MissingKey, TemplateSet } from './exec-state.js';
import { quote } from './fmt/quote.js';
import type { FuncMap } from './funcs.js';
import { parseTrees } from './parse.js';
import type { GoValue } from './values.js';

export interface GoTemplateOptions {
  /** Functions beyond the built-ins (sprig, score-k8s's); they take precedence over built-ins of the same name. */
  readonly funcs?: FuncMap;
  /** Option("missingkey=..."): `default` and `invalid` print <no value>, `zero` gives the zero value, `error` fails. */
  readonly missingKey?: 'default' | MissingKey;
  /**
   * The Go release whose language to follow: `1.19` (the default, the oracle's) or `1.23` (score-k8s 0.6.1's),
   * which adds `{{range}}` over an integer (Go 1.22) and `{{else with}}` (Go 1.23).
   */
  readonly goVersion?: GoVersion;
}

const NO_FUNCS: FuncMap = new Map();

export class GoTemplate {
  private constructor(
    private readonly set: TemplateSet,
    /** The name the text was parsed as (score-k8s uses the empty name). */
    readonly name: string,
  ) {}

  /** Parses a template text; throws GoTemplateError with Go's parse error text. */
  static parse(name: string, text: string, options: GoTemplateOptions = {}): GoTemplate {
    const funcs = options.funcs ?? NO_FUNCS;
    const goVersion = options.goVersion ?? '1.19';
    const trees = parseTrees(name, text, (f) => funcs.has(f) || BUILTINS.has(f), goVersion);
    const missingKey = options.missingKey === 'default' || options.missingKey === undefined ? 'invalid' : options.missingKey;
    return new GoTemplate({ trees, parseName: name, text, funcs, missingKey, goVersion }, name);
  }

  /** The names of the templates in the set: the main one and each {{define}} and {{block}}. */
  templateNames(): string[] {
    return [...this.set.trees.keys()];
  }

  /**
   * Executes the main template (or the named associated one) on data; returns its output or throws
   * GoTemplateError with Go's text (what was written before the error is in its partialOutput). With
   * `limits`, an execution that writes or loops more stops with an error (Go has no such bounds).
   */
  execute(data: GoValue, templateName: string = this.name, limits?: ExecLimits): string {
    if (templateName !== this.name && !this.set.trees.has(templateName)) {
      throw new GoTemplateError(
        `template: no template ${quote(templateName)} associated with template ${quote(this.name)}`,
        'exec',
        templateName,
        undefined,
        undefined,
      );
    }
    return executeTemplate(this.set, templateName, data, limits);
  }
}

const CACHE_LIMIT = 1000;
const cache = new WeakMap<FuncMap, Map<string, GoTemplate | GoTemplateError>>();

/** GoTemplate.parse with a cache: the same text, name, functions and options are parsed once. */
export function compileGoTemplate(name: string, text: string, options: GoTemplateOptions = {}): GoTemplate {
  const funcs = options.funcs ?? NO_FUNCS;
  let byText = cache.get(funcs);
  if (!byText) cache.set(funcs, (byText = new Map<string, GoTemplate | GoTemplateError>()));
  const key = `${options.missingKey ?? 'default'}\u0000${options.goVersion ?? '1.19'}\u0000${name}\u0000${text}`;
  let entry = byText.get(key);
  if (!entry) {
    try {
      entry = GoTemplate.parse(name, text, options);
    } catch (e) {
      if (!(e instanceof GoTemplateError)) throw e;
      entry = e;
    }
    if (byText.size >= CACHE_LIMIT) byText.delete(byText.keys().next().value!);
    byText.set(key, entry);
  }
  if (entry instanceof GoTemplateError) throw entry;
  return entry;
}

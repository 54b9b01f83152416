/**
 * Isolated Handlebars environments for provisioner templates: compiled with noEscape and strict (a missing
 * field is an error, not an empty string), prototype access off, all templates compiled when their
 * provisioner file loads so syntax errors show before anything is provisioned. The built-in templates are
 * precompiled at build time and need only the small Handlebars runtime; the compiler loads only for
 * provisioner files of the user's.
 */
import type HandlebarsNamespace from 'handlebars';
import { parseYamlData } from '../yaml/yaml-source.js';
import { TemplateFailure } from './template-helpers.js';
import { compilerWith, helpersNamed, runtimeWith, type HandlebarsEnv } from './handlebars-envs.js';
import { RenderBudget, RenderLimitError, renderTooLarge, STAGE_LIMITS, type RenderLimits } from './render-budget.js';
import { renderedYamlProblem } from './yaml-problem.js';
import { syntaxDetail } from './template-syntax-error.js';
import { explainRuntimeError } from './runtime-error.js';
import type { RandomSource } from '../base/random.js';
import type { EnvAllowList } from './env-allow-list.js';
import type { SecretRefCodec } from '../base/secret-ref.js';
import { quoteInsertedWhole, RenderedShapes } from './rendered-shapes.js';

const TEMPLATE_STAGES = ['init', 'state', 'shared', 'outputs', 'manifests'] as const;
/** Templates a provisioner may have: the stages, and wait_for (rendered last, a map of host and port). */
export const TEMPLATE_FIELDS = [...TEMPLATE_STAGES, 'wait_for'] as const;
export type TemplateStage = (typeof TEMPLATE_FIELDS)[number];

let compilations = 0;
let parses = 0;
let renderedLength = 0;

/** How many templates have been compiled in this process (a guard against compiling per resource). */
export function templateCompilations(): number {
  return compilations;
}

/** How many characters templates have rendered in this process (a guard against work that grows with the run's size). */
export function renderedCharacters(): number {
  return renderedLength;
}

/** How many rendered texts have been parsed as YAML in this process (a guard against parsing per resource). */
export function renderedTextParses(): number {
  return parses;
}

/** Where a template sits in its file: lines of errors are reported as lines of the file. */
export interface TemplateSource {
  readonly text: string;
  /** The file line of the template's first line. */
  readonly firstLine: number;
}

/** A template failure, with the line in the provisioner file when known, and each problem a `failAll` block gave. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

export interface CompiledTemplate {
  (context: object, data: TemplateData): string;
  /** The file line of the template's first line (where messages about its rendered text point). */
  readonly firstLine: number;
  /** The template's text, to locate a problem of what it rendered; absent for the precompiled built-ins. */
  readonly text?: string;
  /** Set when the template's `quote`s are all inserted whole, so its renders can be read by shape (rendered-shapes.ts). */
  readonly shapes?: RenderedShapes;
}

/** Per-run data the helpers read: the random source and the environment of the generate run. */
export interface TemplateData {
  readonly random: RandomSource;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** While set, `quote` records each value here and inserts a marker in its place. */
  readonly quoted?: string[];
  /** Writes the secretRef helper's markers; unset where templates may not make secret references. */
  readonly secretRefs?: SecretRefCodec;
  /** The variables the allowedEnv helper (the built-in environment provisioner) may read: --allow-env. */
  readonly envAllowList?: EnvAllowList;
}

/** Compiles a template now; syntax errors throw TemplateError with the file line. */
export function compileTemplate(source: TemplateSource, limits: RenderLimits = STAGE_LIMITS): CompiledTemplate {
  const parser = compilerWith([]);
  compilations++;
  let ast: unknown;
  try {
    ast = parser.parse(source.text);
  } catch (e) {
    const err = e as Error & { lineNumber?: number };
    const line = Number(/on line (\d+)/.exec(err.message)?.[1] ?? / - (\d+):\d+$/.exec(err.message)?.[1] ?? err.lineNumber ?? 1);
    throw new TemplateError(`template syntax error: ${syntaxDetail(err.message)}`, source.firstLine + line - 1);
  }
  const handlebars = compilerWith(helpersNamed(ast));
  return Object.assign(wrapTemplate(handlebars.compile(source.text, COMPILE_OPTIONS), source.firstLine, quoteInsertedWhole(ast), limits), {
    text: source.text,
  });
}

const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/**
 * The JavaScript source of a precompiled template, for the build's cache of the built-in provisioners, and
 * whether its `quote`s are all inserted whole (see rendered-shapes.ts).
 */
export function precompileTemplate(text: string): { code: string; quoteInsertedWhole: boolean; helpers: string[] } {
  const handlebars = compilerWith([]);
  const ast = handlebars.parse(text);
  return {
    code: handlebars.precompile(text, COMPILE_OPTIONS) as string,
    quoteInsertedWhole: quoteInsertedWhole(ast),
    helpers: helpersNamed(ast),
  };
}

/** A template from a precompiled spec (see precompileTemplate), run by the Handlebars runtime. */
export function templateFromSpec(
  spec: () => unknown,
  firstLine: number,
  quoteWhole: boolean,
  helpers: readonly string[],
): CompiledTemplate {
  // Made on first use: a run touches only the templates of the provisioners it matches.
  let template: CompiledTemplate | undefined;
  const render = (context: object, data: TemplateData): string => {
    template ??= wrapTemplate(
      runtimeWith(helpers).template(spec() as Parameters<HandlebarsEnv['template']>[0]),
      firstLine,
      false,
      STAGE_LIMITS,
    );
    return template(context, data);
  };
  return withShapes(render, firstLine, quoteWhole);
}

/** Each render gets its own budget (render-budget.ts); a failure names the file line when Handlebars knows it. */
function wrapTemplate(
  template: HandlebarsNamespace.TemplateDelegate,
  firstLine: number,
  quoteWhole: boolean,
  limits: RenderLimits,
): CompiledTemplate {
  const fileLine = (line: number | undefined) => (line !== undefined ? firstLine + line - 1 : undefined);
  const render = (context: object, data: TemplateData): string => {
    let text: string;
    try {
      text = template(context, {
        data: { ...data, budget: new RenderBudget(limits) },
        allowProtoPropertiesByDefault: false,
        allowProtoMethodsByDefault: false,
      });
    } catch (e) {
      if (e instanceof RenderLimitError) throw new TemplateError(e.message, fileLine(e.line) ?? firstLine);
      const message = explainRuntimeError(e);
      throw new TemplateError(
        message,
        fileLine((e as { lineNumber?: number }).lineNumber),
        e instanceof TemplateFailure ? e.problems : [message],
      );
    }
    if (text.length > limits.maxOutput) throw new TemplateError(renderTooLarge(limits), firstLine);
    renderedLength += text.length;
    return text;
  };
  return withShapes(render, firstLine, quoteWhole);
}

/** The render function, with its first line, and a cache of its shapes when its `quote`s are all inserted whole. */
function withShapes(render: (context: object, data: TemplateData) => string, firstLine: number, quoteWhole: boolean): CompiledTemplate {
  return Object.assign(render, { firstLine }, quoteWhole ? { shapes: new RenderedShapes() } : {});
}

/** Renders a stage and reads its YAML (by shape when the template allows it, see rendered-shapes.ts). */
export function renderStage(stage: TemplateStage, template: CompiledTemplate, context: object, data: TemplateData): unknown {
  const shapes = template.shapes;
  if (!shapes?.worthMarking()) return parseStageOutput(stage, template(context, data), template.firstLine);
  const quoted: string[] = [];
  const text = template(context, { ...data, quoted });
  // A parse error is reported from the real text (never parsed by shape), so its line is a real line.
  return readStageValue(stage, template.firstLine, (parse) =>
    shapes.parse({ text, quoted, renderPlain: () => template(context, data) }, parse),
  );
}

/** Parses a stage's rendered text: a map for init/state/shared/outputs, a list for manifests. */
export function parseStageOutput(stage: TemplateStage, rendered: string, firstLine?: number): unknown {
  return readStageValue(stage, firstLine, (parse) => parse(rendered));
}

/**
 * A stage's value (`read` parses its rendered YAML with the parse function it is given), checked to be what the
 * stage must give. A parse error names the rendered line and a reason, never the text (yaml-problem.ts).
 */
function readStageValue(stage: TemplateStage, firstLine: number | undefined, read: (parse: (text: string) => unknown) => unknown): unknown {
  let value: unknown;
  try {
    value = read((text) => {
      try {
        return parseRendered(text);
      } catch (e) {
        throw new TemplateError(`rendered ${stage} is not valid YAML${renderedYamlProblem(e, text)}`, firstLine);
      }
    });
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    throw new TemplateError(`rendered ${stage} is not valid YAML${renderedYamlProblem(e, '')}`, firstLine);
  }
  if (value === null || value === undefined) return stage === 'manifests' ? [] : {};
  const wantList = stage === 'manifests';
  if (wantList !== Array.isArray(value) || typeof value !== 'object') {
    throw new TemplateError(`rendered ${stage} must be a YAML ${wantList ? 'list of manifests' : 'map'}`, firstLine);
  }
  return value;
}

/**
 * Rendered template text as data (yaml-source.ts): js-yaml with the YAML 1.2 core schema, about ten times
 * faster than the full parser on the hot path of large projects; duplicate keys are errors. Anchors and
 * aliases take the full parser, whose alias limit stops "billion laughs" output.
 */
export function parseRendered(rendered: string): unknown {
  parses++;
  return parseYamlData(rendered);
}

/**
 * Provisioner files: a YAML list of entries (schemas/provisioners.schema.json). Every template is compiled
 * when the file loads; problems are reported with file:line and the entry's uri.
 */
import type { ValidateFunction } from 'ajv';
import type { Scalar } from 'yaml';
import { yamlLibrary } from '../yaml/yaml-library.js';
import { InputError, type Diagnostic } from '../base/errors.js';
import { locateKey, locateValue, type YamlSource } from '../yaml/yaml-source.js';
import { precompiled } from '../base/precompiled.js';
import { isPlainMap } from '../base/plain-data.js';
import { schemaErrorsToDiagnostics } from '../validate/schema-errors.js';
import type { GoStage, GoStageTemplate } from './score-k8s/provisioner-entries.js';
import type { CmdBinary } from './score-k8s/cmd-uri.js';
import {
  compileTemplate,
  TEMPLATE_FIELDS,
  TemplateError,
  templateFromSpec,
  type CompiledTemplate,
  type TemplateStage,
} from '../templates/template-engine.js';

/** Where a provisioner file comes from: --provisioners for this run, the project, or score-ts itself. */
export type ProvisionerOrigin = 'run' | 'project' | 'built-in';

/** What every provisioner has, whatever runs it: what it serves, what it promises, where it is written. */
interface ProvisionerBase {
  readonly uri: string;
  readonly type: string;
  readonly class?: string;
  readonly id?: string;
  readonly description?: string;
  readonly expectedOutputs?: readonly string[];
  readonly supportedParams?: readonly string[];
  readonly file: string;
  readonly line: number;
  readonly origin: ProvisionerOrigin;
  /**
   * Read from a path or URL that score-ts.yaml lists: the repository chose it, not the person running
   * generate, so its cmd:// programs run only with --allow-project-cmd (see provision.ts).
   */
  readonly chosenByRepository?: boolean;
}

/** template:// of score-ts's format: Handlebars templates, compiled when the file loads. */
export interface TemplateProvisioner extends ProvisionerBase {
  readonly kind: 'template';
  readonly templates: Partial<Record<TemplateStage, CompiledTemplate>>;
}

/** cmd:// of score-ts's format: a program that answers score-ts's JSON (run-cmd-provisioner.ts). */
export interface CmdProvisioner extends ProvisionerBase {
  readonly kind: 'cmd';
  /** As written after cmd://: a path relative to the project folder, or a name looked up on PATH. */
  readonly program: string;
  readonly args: readonly string[];
}

/** template:// of score-k8s's format: Go templates (run-go-template-provisioner.ts). */
export interface GoTemplateProvisioner extends ProvisionerBase {
  readonly kind: 'go-template';
  readonly templates: Partial<Record<GoStage, GoStageTemplate>>;
}

/** cmd:// of score-k8s's format: a program that answers score-k8s's JSON (score-k8s/run-cmd.ts). */
export interface ScoreK8sCmdProvisioner extends ProvisionerBase {
  readonly kind: 'score-k8s-cmd';
  readonly binary: CmdBinary;
  readonly args: readonly string[];
}

/** A loaded provisioner: one kind per engine, each run by its runner (run-by-kind.ts). */
export type Provisioner = TemplateProvisioner | CmdProvisioner | GoTemplateProvisioner | ScoreK8sCmdProvisioner;

/** The program a cmd:// provisioner runs, as messages name it; undefined for a provisioner of templates. */
export function programOf(provisioner: Provisioner): string | undefined {
  if (provisioner.kind === 'cmd') return provisioner.program;
  if (provisioner.kind === 'score-k8s-cmd') return provisioner.binary.display;
  return undefined;
}

/** True for a provisioner that runs a program (cmd://, in score-ts's format or score-k8s's). */
export function runsProgram(provisioner: Provisioner): boolean {
  return programOf(provisioner) !== undefined;
}

/** An entry as written in the file (after schema validation). */
export interface RawProvisioner {
  uri: string;
  type: string;
  class?: string;
  id?: string;
  description?: string;
  expected_outputs?: string[];
  supported_params?: string[];
  args?: string[];
  [stage: string]: unknown;
}

let validator: ValidateFunction | undefined;

/** The validator the build precompiled from schemas/provisioners.schema.json. */
function provisionerValidator(): ValidateFunction {
  validator ??= precompiled().validator('provisioners');
  return validator;
}

export function loadProvisioners(source: YamlSource, origin: ProvisionerOrigin): Provisioner[] {
  const locate = (path: ReadonlyArray<string | number>, key: boolean) => (key ? locateKey(source, path) : locateValue(source, path));
  const value = source.value ?? [];
  const validate = provisionerValidator();
  if (!validate(value)) {
    const diagnostics = schemaErrorsToDiagnostics(validate.errors ?? [], locate, value).map((d) => withUri(d, value));
    throw new InputError(`${source.file} is not a valid provisioner file`, diagnostics);
  }
  const problems: Diagnostic[] = [];
  const entries = (value as RawProvisioner[]).map((raw, index) => toProvisioner(raw, index, source, origin, problems));
  checkUniqueUris(entries, source, problems);
  if (problems.length > 0) throw new InputError(`${source.file} has provisioners that cannot be used`, problems);
  return entries;
}

function toProvisioner(
  raw: RawProvisioner,
  index: number,
  source: YamlSource,
  origin: ProvisionerOrigin,
  problems: Diagnostic[],
): Provisioner {
  const templates: Partial<Record<TemplateStage, CompiledTemplate>> = {};
  for (const stage of TEMPLATE_FIELDS) {
    const text = raw[stage];
    if (typeof text !== 'string') continue;
    try {
      templates[stage] = compileTemplate({ text, firstLine: templateFirstLine(source, [index, stage]) });
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      problems.push({
        location: { file: source.file, ...(e.line ? { line: e.line, column: 1 } : {}) },
        field: `[${index}].${stage}`,
        message: `${raw.uri}: ${e.message}`,
      });
    }
  }
  const isCmd = raw.uri.startsWith('cmd://');
  if (isCmd && Object.keys(templates).length > 0) {
    problems.push({
      location: locateValue(source, [index, 'uri']),
      field: `[${index}].uri`,
      message: `${raw.uri}: a cmd:// provisioner runs a program and takes no templates`,
    });
  }
  if (!isCmd && raw.args)
    problems.push({
      location: locateKey(source, [index, 'args']),
      field: `[${index}].args`,
      message: `${raw.uri}: args are for cmd:// provisioners`,
    });
  return provisionerFrom(raw, { file: source.file, line: locateValue(source, [index]).line ?? 1, origin, templates });
}

/** A built-in entry from the build's cache: checked at build time, templates precompiled. */
export interface CachedProvisioner {
  readonly raw: RawProvisioner;
  readonly file: string;
  readonly line: number;
  /** The generated module that holds this entry's precompiled templates. */
  readonly module: string;
  readonly templates: Partial<Record<TemplateStage, { firstLine: number; quoteInsertedWhole: boolean; helpers: readonly string[] }>>;
}

/** `loadSpecs` gives the precompiled templates of a cached entry; it is called on first use only. */
export function provisionerFromCache(cached: CachedProvisioner, loadSpecs: (module: string) => Record<string, unknown>): Provisioner {
  const templates: Partial<Record<TemplateStage, CompiledTemplate>> = {};
  for (const [stage, t] of Object.entries(cached.templates)) {
    templates[stage as TemplateStage] = templateFromSpec(
      () => loadSpecs(cached.module)[stage],
      t.firstLine,
      t.quoteInsertedWhole,
      t.helpers,
    );
  }
  return provisionerFrom(cached.raw, { file: cached.file, line: cached.line, origin: 'built-in', templates });
}

/** Where each template of an entry starts in its file (for the build's cache). */
export function templateFirstLines(source: YamlSource, index: number): Partial<Record<TemplateStage, number>> {
  const raw = (source.value as RawProvisioner[])[index]!;
  return Object.fromEntries(
    TEMPLATE_FIELDS.filter((stage) => typeof raw[stage] === 'string').map((stage) => [stage, templateFirstLine(source, [index, stage])]),
  );
}

export function entryLine(source: YamlSource, index: number): number {
  return locateValue(source, [index]).line ?? 1;
}

interface Placement {
  readonly file: string;
  readonly line: number;
  readonly origin: ProvisionerOrigin;
  readonly templates: Partial<Record<TemplateStage, CompiledTemplate>>;
}

/** A checked entry as a provisioner: cmd:// runs a program, any other uri renders its templates. */
function provisionerFrom(raw: RawProvisioner, { file, line, origin, templates }: Placement): Provisioner {
  const base: ProvisionerBase = {
    uri: raw.uri,
    type: raw.type,
    ...(raw.class !== undefined ? { class: raw.class } : {}),
    ...(raw.id !== undefined ? { id: raw.id } : {}),
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    ...(raw.expected_outputs ? { expectedOutputs: raw.expected_outputs } : {}),
    ...(raw.supported_params ? { supportedParams: raw.supported_params } : {}),
    file,
    line,
    origin,
  };
  if (raw.uri.startsWith('cmd://')) return { kind: 'cmd', ...base, program: raw.uri.slice('cmd://'.length), args: raw.args ?? [] };
  return { kind: 'template', ...base, templates };
}

/** A block scalar (`|`) starts on the line after its indicator; other scalars on their own line. */
function templateFirstLine(source: YamlSource, path: ReadonlyArray<string | number>): number {
  const node = source.doc.getIn(path, true) as Scalar | undefined;
  const line = locateValue(source, path).line ?? 1;
  return yamlLibrary().isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') ? line + 1 : line;
}

function checkUniqueUris(entries: readonly Provisioner[], source: YamlSource, problems: Diagnostic[]): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.uri))
      problems.push({
        location: locateValue(source, [index, 'uri']),
        field: `[${index}].uri`,
        message: `${entry.uri} is defined twice in this file`,
      });
    seen.add(entry.uri);
  });
}

/** Adds the entry's uri to a diagnostic, so the user knows which provisioner is meant. */
function withUri(d: Diagnostic, value: unknown): Diagnostic {
  const index = /^\[(\d+)\]/.exec(d.field)?.[1];
  const entry = index === undefined || !Array.isArray(value) ? undefined : (value[Number(index)] as unknown);
  const uri = isPlainMap(entry) && typeof entry.uri === 'string' ? entry.uri : undefined;
  return uri ? { ...d, message: `${d.message} (provisioner ${uri})` } : d;
}

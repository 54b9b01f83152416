/**
 * score-k8s's provisioner file format, loaded unchanged: a YAML list of `template://` entries (uri, type,
 * class, id, description, init, state, shared, outputs, manifests, supported_params, expected_outputs) and
 * `cmd://` entries (uri, type, class, id, description, args, supported_params, expected_outputs). Like
 * score-k8s, an unknown field is an error, and `class: null` or `id: null` match any. Every Go template is
 * parsed when the file loads; one that does not parse fails the resources that use it (see GoStageTemplate).
 */
import type { Scalar } from 'yaml';
import { InputError, type Diagnostic } from '../../base/errors.js';
import { fieldProblem } from '../../base/diagnostics.js';
import type { Locator } from '../../base/types.js';
import { locateKey, locateValue, type YamlSource } from '../../yaml/yaml-source.js';
import { yamlLibrary } from '../../yaml/yaml-library.js';
import { compileGoTemplate, GoTemplateError, type GoTemplate } from '../../templates/go/index.js';
import { provisionerFuncs } from '../../templates/go/sprig-funcs.js';
import type { Provisioner, ProvisionerOrigin, ScoreK8sCmdProvisioner } from '../provisioner-file.js';
import { parseCmdUri } from './cmd-uri.js';
import { languageHint, type LanguageChoice } from '../../templates/template-language.js';

const GO_STAGES = ['init', 'state', 'shared', 'outputs', 'manifests'] as const;
export type GoStage = (typeof GO_STAGES)[number];

/**
 * A stage's parsed template, and the file line before its first line (error lines are relative to it). A
 * template that does not parse keeps its error instead: as in score-k8s, which parses a template when it
 * runs, the file still loads and the error stops only a resource that uses the provisioner.
 */
export interface GoStageTemplate {
  readonly template?: GoTemplate;
  readonly lineOffset: number;
  readonly parseError?: { readonly message: string; readonly line: number | undefined };
}

const COMMON = ['uri', 'type', 'class', 'id', 'description', 'supported_params', 'expected_outputs'];
const TEMPLATE_FIELDS = new Set([...COMMON, ...GO_STAGES]);
const CMD_FIELDS = new Set([...COMMON, 'args']);

/** The entries of a score-k8s provisioner file; every problem of the file is reported together. */
export function loadScoreK8sProvisioners(source: YamlSource, origin: ProvisionerOrigin, choice: LanguageChoice): Provisioner[] {
  const value = source.value ?? [];
  const problems: Diagnostic[] = [];
  const locate: Locator = (path, key) => (key ? locateKey(source, path) : locateValue(source, path));
  if (!Array.isArray(value)) {
    throw new InputError(`${source.file} is not a valid provisioner file`, [
      fieldProblem(locate, [], 'a provisioner file is a YAML list of provisioners'),
    ]);
  }
  const seen = new Set<string>();
  const entries = value.flatMap((raw, index) => {
    const entry = new EntryReader(source, locate, index, raw, problems, choice).read(origin);
    if (!entry) return [];
    if (seen.has(entry.uri)) problems.push(fieldProblem(locate, [index, 'uri'], `${entry.uri} is defined twice in this file`));
    seen.add(entry.uri);
    return [entry];
  });
  if (problems.length > 0) throw new InputError(`${source.file} has provisioners that cannot be used`, problems);
  return entries;
}

class EntryReader {
  constructor(
    private readonly source: YamlSource,
    private readonly locate: Locator,
    private readonly index: number,
    private readonly raw: unknown,
    private readonly problems: Diagnostic[],
    private readonly choice: LanguageChoice,
  ) {}

  read(origin: ProvisionerOrigin): Provisioner | undefined {
    const raw = this.raw;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return this.fail([], 'each provisioner must be a map with uri and type');
    const map = raw as Record<string, unknown>;
    const uri = this.text(map, 'uri', true);
    const type = this.text(map, 'type', true);
    if (uri === undefined || type === undefined) return undefined;
    const isCmd = uri.startsWith('cmd://');
    if (!isCmd && !uri.startsWith('template://')) return this.fail(['uri'], `${uri}: the uri must start with template:// or cmd://`);
    const allowed = isCmd ? CMD_FIELDS : TEMPLATE_FIELDS;
    for (const key of Object.keys(map)) {
      if (!allowed.has(key))
        this.fail(
          [key],
          `${uri}: unknown field ${key}: a ${isCmd ? 'cmd://' : 'template://'} provisioner of score-k8s's format has ${[...allowed].join(', ')}`,
          true,
        );
    }
    const klass = this.text(map, 'class', false);
    const id = this.text(map, 'id', false);
    const description = this.text(map, 'description', false);
    const supportedParams = this.list(map, 'supported_params');
    const expectedOutputs = this.list(map, 'expected_outputs');
    const base = {
      uri,
      type,
      ...(klass !== undefined ? { class: klass } : {}),
      ...(id !== undefined ? { id } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(supportedParams ? { supportedParams } : {}),
      ...(expectedOutputs ? { expectedOutputs } : {}),
      file: this.source.file,
      line: locateValue(this.source, [this.index]).line ?? 1,
      origin,
    };
    if (!isCmd) return { kind: 'go-template', ...base, templates: this.templates(uri, map) };
    const command = this.command(uri, map);
    return command && { kind: 'score-k8s-cmd', ...base, ...command };
  }

  /** The program of a cmd:// entry and its args. */
  private command(uri: string, map: Record<string, unknown>): Pick<ScoreK8sCmdProvisioner, 'binary' | 'args'> | undefined {
    const args = this.list(map, 'args') ?? [];
    const binary = parseCmdUri(uri);
    if (typeof binary === 'string') return this.fail(['uri'], `${uri}: ${binary}`);
    return { binary, args };
  }

  private templates(uri: string, map: Record<string, unknown>): Partial<Record<GoStage, GoStageTemplate>> {
    const out: Partial<Record<GoStage, GoStageTemplate>> = {};
    for (const stage of GO_STAGES) {
      const text = this.text(map, stage, false);
      if (text === undefined) continue;
      // score-k8s parses the template with its surrounding white space trimmed; an empty one is no stage.
      const trimmed = goTrimSpace(text);
      if (trimmed === '') continue;
      const lineOffset = templateFirstLine(this.source, [this.index, stage]) - 1 + countLines(text.slice(0, text.indexOf(trimmed)));
      try {
        out[stage] = { template: compileGoTemplate('', trimmed, { funcs: provisionerFuncs(), goVersion: '1.23' }), lineOffset };
      } catch (e) {
        if (!(e instanceof GoTemplateError)) throw e;
        const message = `the template does not parse: ${goErrorText(e)} (${languageHint('provisioner file', this.choice)})`;
        out[stage] = { lineOffset, parseError: { message, line: e.line ? lineOffset + e.line : undefined } };
      }
    }
    return out;
  }

  /** A string field; null or absent is undefined (`class: null` matches any class, as in score-k8s). */
  private text(map: Record<string, unknown>, key: string, required: boolean): string | undefined {
    const v = map[key];
    if (v === undefined || v === null) {
      if (required) this.fail([], `${typeof map.uri === 'string' ? `${map.uri}: ` : ''}${key} is required`);
      return undefined;
    }
    if (typeof v !== 'string' || (required && v === '')) return this.fail([key], `${key} must be a ${required ? 'non-empty ' : ''}string`);
    return v;
  }

  private list(map: Record<string, unknown>, key: string): string[] | undefined {
    const v = map[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return this.fail([key], `${key} must be a list of strings`);
    return v;
  }

  private fail(path: ReadonlyArray<string>, message: string, atKey = false): undefined {
    this.problems.push(fieldProblem(this.locate, [this.index, ...path], message, atKey));
    return undefined;
  }
}

/** A Go template error's message without Go's `template: NAME:LINE:COL:` prefix (the file line is given). */
export function goErrorText(e: GoTemplateError): string {
  const rest = e.message.replace(/^template: [^:]*:\d+(?::\d+)?: /, '');
  const exec = /^executing "[^"]*" at <(.*?)>: ([\s\S]*)$/.exec(rest);
  if (!exec) return rest;
  const [, node, message] = exec;
  return message!.startsWith('error calling fail: ') ? message!.slice('error calling fail: '.length) : `at <${node}>: ${message}`;
}

/** strings.TrimSpace: the white space unicode.IsSpace knows, at both ends. */
function goTrimSpace(text: string): string {
  return text.replace(
    /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g,
    '',
  );
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A block scalar (`|`) starts on the line after its indicator; other scalars on their own line. */
function templateFirstLine(source: YamlSource, path: ReadonlyArray<string | number>): number {
  const node = source.doc.getIn(path, true) as Scalar | undefined;
  const line = locateValue(source, path).line ?? 1;
  return yamlLibrary().isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') ? line + 1 : line;
}

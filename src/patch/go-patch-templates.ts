/**
 * score-k8s's patch templates (Go templates), applied as score-k8s applies them: the template renders on a
 * `patching.patchTemplateInput` (`.Manifests`, `.Workloads`, `.Namespace`) into a YAML list of operations
 * (`op` set or delete, `path`, `value`, `description`; any other field is an error), applied one by one with
 * sjson's paths (sjson-path.ts) to the JSON of the manifest list. Text that renders only white space
 * changes nothing. As in score-k8s, the list goes through JSON once operations are applied, so the next
 * template sees its numbers as float64.
 */
import { isDecodedMap } from '../base/merge-patch.js';
import {
  GoTemplateError,
  T,
  compileGoTemplate,
  fromDecoded,
  sliceOf,
  sliceValue,
  structType,
  structValue,
  type GoTemplate,
  type GoValue,
} from '../templates/go/index.js';
import { patchFuncs, systemClock, withGoRun, type GoRun } from '../templates/go/sprig-funcs.js';
import { TemplateError, type TemplateData } from '../templates/template-engine.js';
import type { PatchContext } from './patch-templates.js';
import { PATCH_LIMITS } from '../templates/render-budget.js';
import { goErrorText } from '../provision/score-k8s/provisioner-entries.js';
import { decodeRenderedYaml } from '../provision/score-k8s/rendered-yaml.js';
import { goData, plainData } from '../provision/score-k8s/template-data.js';
import { renderedYamlProblem } from '../templates/yaml-problem.js';
import { SjsonError, sjsonDelete, sjsonSet } from './sjson-path.js';

const PATCH_INPUT = structType('patching.patchTemplateInput', [
  { name: 'Manifests', type: sliceOf(T.mapAny) },
  { name: 'Workloads', type: T.mapAny },
  { name: 'Namespace', type: T.string },
]);

const OPERATION_FIELDS = new Set(['op', 'path', 'value', 'description']);

/**
 * The runs (by their patch context) whose manifest list went through JSON in a Go patch template: from then
 * on, as in score-k8s, the next templates see every number as a float64.
 */
const throughJson = new WeakSet<object>();

export interface GoPatchInput {
  readonly manifests: readonly unknown[];
  readonly workloads: Readonly<Record<string, unknown>>;
  readonly namespace: string;
  /** The run's patch context, which remembers whether the list went through JSON. */
  readonly run: object;
}

/** Why a template failed: a message, and the template line when known. */
export type PatchFail = (message: string, line?: number) => never;

/** Parses a Go patch template as score-k8s does (with sprig and substituteValue); `hint` ends a syntax error. */
export function compileGoPatchTemplate(text: string, hint: string): GoTemplate {
  try {
    return compileGoTemplate('', text, { funcs: patchFuncs(), goVersion: '1.23' });
  } catch (e) {
    if (e instanceof GoTemplateError) throw new TemplateError(`${goErrorText(e)} (${hint})`, e.line);
    throw e;
  }
}

/** Applies a Go patch template with the run's random source and the context's substituteValue. */
export function applyGoTemplate(
  manifests: unknown[],
  template: GoTemplate,
  context: PatchContext,
  data: TemplateData,
  fail: PatchFail,
  display: string,
  trace: (line: string) => void,
): unknown[] {
  const run = { random: data.random, now: systemClock, substitute: context.substitute };
  const input = { manifests, workloads: context.workloads, namespace: context.namespace ?? '', run: context };
  return applyGoPatchTemplate(template, input, run, fail, (where, target, description) =>
    trace(`${display}: ${where} ${target}${description ? `: ${description}` : ''}`),
  );
}

/** The manifest list after one Go patch template; `trace` hears each operation (-vv). */
function applyGoPatchTemplate(
  template: GoTemplate,
  input: GoPatchInput,
  run: GoRun,
  fail: PatchFail,
  trace: (where: string, target: string, description?: string) => void,
): unknown[] {
  let text: string;
  try {
    text = withGoRun(run, () => template.execute(patchData(input), '', PATCH_LIMITS));
  } catch (e) {
    if (e instanceof GoTemplateError) return fail(goErrorText(e), e.line);
    throw e;
  }
  if (text.trim() === '') return [...input.manifests];
  let decoded: GoValue;
  try {
    decoded = decodeRenderedYaml(text);
  } catch (e) {
    return fail(`the rendered text is not valid YAML${renderedYamlProblem(e, text)}`);
  }
  if (decoded !== null && decoded !== undefined && !Array.isArray(decoded))
    return fail('it must render a YAML list of operations (- op: set, path: ..., value: ...)');
  let doc: unknown = JSON.parse(JSON.stringify(input.manifests));
  ((decoded as GoValue[] | null) ?? []).forEach((item, i) => {
    const operation = toOperation(item, i, fail);
    const where = `operation ${i + 1} (${operation.op})`;
    const target = describeTarget(doc, operation.path);
    try {
      doc =
        operation.op === 'set'
          ? sjsonSet(doc, operation.path, JSON.parse(JSON.stringify(plainData(operation.value) ?? null)))
          : sjsonDelete(doc, operation.path);
    } catch (e) {
      if (e instanceof SjsonError) fail(`${where}: ${e.message}`);
      throw e;
    }
    trace(where, target, operation.description);
  });
  if (!Array.isArray(doc)) return fail('after its operations, the manifests are not a list');
  throughJson.add(input.run);
  return doc;
}

function patchData(input: GoPatchInput): GoValue {
  const floats = throughJson.has(input.run);
  const manifests = input.manifests.map((m) => (floats ? fromDecoded(m) : goData(m)));
  return structValue(PATCH_INPUT, {
    Manifests: sliceValue(sliceOf(T.mapAny), manifests),
    Workloads: goData(input.workloads),
    Namespace: input.namespace,
  });
}

interface Operation {
  readonly op: 'set' | 'delete';
  readonly path: string;
  readonly value: GoValue;
  readonly description?: string;
}

/** One rendered item as score-k8s's PatchOperation (yaml.v3 reads a scalar into a string field as written). */
function toOperation(item: GoValue, i: number, fail: PatchFail): Operation {
  const where = `operation ${i + 1}`;
  if (!isDecodedMap(item)) return fail(`${where}: each operation must be a map with op and path`);
  const map = item as Record<string, GoValue>;
  const extra = Object.keys(map).filter((k) => !OPERATION_FIELDS.has(k)).length;
  if (extra > 0)
    fail(
      `${where}: an operation has only the fields op, path, value and description (it has ${extra} other field${extra === 1 ? '' : 's'})`,
    );
  const op = scalarText(map.op);
  if (op !== 'set' && op !== 'delete') return fail(`${where}: op must be 'set' or 'delete'`);
  const path = scalarText(map.path) ?? '';
  if (path === '') return fail(`${where} (${op}): the path is empty`);
  const description = scalarText(map.description);
  return { op, path, value: map.value ?? null, ...(description ? { description } : {}) };
}

function scalarText(v: GoValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** The manifest an operation changes, for the -vv trace: its kind and name, never the rendered path. */
function describeTarget(doc: unknown, path: string): string {
  const first = /^(-?\d+)(?:\.|$)/.exec(path)?.[1];
  if (first === '-1') return 'on a new manifest';
  const manifest =
    first === undefined || !Array.isArray(doc)
      ? undefined
      : (doc[Number(first)] as { kind?: unknown; metadata?: { name?: unknown } } | undefined);
  if (typeof manifest !== 'object' || manifest === null || typeof manifest.metadata !== 'object' || manifest.metadata === null)
    return 'on the manifest list';
  return `on ${String(manifest.kind)} ${String(manifest.metadata.name)}`;
}

/**
 * Patch templates: Handlebars templates installed with `init --patch-templates` into `.score-ts/` as
 * `NAME.patch.tpl`, applied in name order on every generate. Each renders a YAML list of operations (see
 * patch-operations.ts) with `manifests`, `workloads` (name to Score spec) and `namespace` in its context.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../base/errors.js';
import { expandFileOrFolder, readTextFile } from '../base/read-file.js';
import { NO_LISTED_SOURCES, sameNameProblems, type FileToInstall } from '../provision/provisioner-files.js';
import { INSTALL_NOTE } from '../sources/listed-sources.js';
import { installBaseName, type FetchedText } from '../sources/fetched-text.js';
import type { SourceItem } from '../sources/fetch-sources.js';
import { parseRendered, TemplateError, type CompiledTemplate, type TemplateData } from '../templates/template-engine.js';
import { renderedYamlProblem } from '../templates/yaml-problem.js';
import { isPlainMap } from '../base/plain-data.js';
import { Diagnostics } from '../base/diagnostics.js';
import type { Manifest, ScoreWorkload } from '../base/types.js';
import { applyOperation, PatchError, toOperation } from './patch-operations.js';
import { compilePatchTemplate } from './patch-language.js';
import { goPatchTemplates } from './go-patch-gate.js';
import { checkObjects } from '../check/check-objects.js';
import type { GoTemplate } from '../templates/go/index.js';
import { projectPath, STATE_DIR } from '../base/file-paths.js';

const PATCH_TEMPLATE_SUFFIX = '.patch.tpl';

export interface PatchTemplate {
  /** How messages name it: `.score-ts/NAME.patch.tpl`. */
  readonly display: string;
  readonly render: CompiledTemplate;
  /** A template of score-k8s's format (Go), applied by go-patch-templates.ts instead of `render`. */
  readonly go?: GoTemplate;
}

export interface PatchContext {
  readonly workloads: Readonly<Record<string, ScoreWorkload>>;
  readonly namespace?: string | undefined;
  /** score-k8s's substituteValue: a workload's `${...}` placeholders expanded. */
  readonly substitute?: ((workload: string, value: string) => string) | undefined;
}

/**
 * The project's templates, compiled: those score-ts.yaml lists, in its order (a folder's files in name order),
 * then the other installed ones in name order.
 */
export function loadPatchTemplates(projectDir: string, listed = NO_LISTED_SOURCES): PatchTemplate[] {
  const dir = path.join(projectDir, STATE_DIR);
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith(PATCH_TEMPLATE_SUFFIX) && !listed.covered.has(n))
        .sort()
    : [];
  const copies = readAll(names.map((name) => ({ absolute: path.join(dir, name), display: `${STATE_DIR}/${name}` })));
  return compileAll([...readSources(projectDir, listed.items), ...copies]).map(({ template }) => template);
}

/** A file, the files of a folder, or fetched text. */
function readSources(projectDir: string, given: readonly SourceItem[]): Array<{ file: TemplateFile; text: string }> {
  return given.flatMap((g) =>
    typeof g === 'string'
      ? readAll(expandFileOrFolder(projectDir, g, 'patch templates', (name) => !name.startsWith('.')))
      : [fetchedTemplate(g)],
  );
}

/**
 * Reads and compiles the files to install (a file, the files of a folder, or text fetched from a URL or
 * standard input); nothing is installed if one is broken. A fetched template is installed under the name it
 * had there, after a first line, a Handlebars comment that renders nothing, saying where it came from.
 */
export function readPatchTemplatesToInstall(projectDir: string, given: readonly SourceItem[]): FileToInstall[] {
  const compiled = compileAll(readSources(projectDir, given)).map(({ file, text, template }) => ({
    ...installed(projectDir, file, text, template.go !== undefined),
    display: file.display,
  }));
  const clashes = sameNameProblems(compiled);
  if (clashes.length > 0) throw new InputError('invalid patch templates: nothing was installed', clashes);
  return compiled.map(({ display: _display, ...file }) => file);
}

const TEMPLATE_NAME = /(\.patch)?\.[^.]*$/;

interface TemplateFile {
  readonly absolute?: string;
  readonly display: string;
  readonly fetched?: FetchedText;
}

function fetchedTemplate(fetched: FetchedText): { file: TemplateFile; text: string } {
  return { file: { display: fetched.display, fetched }, text: fetched.text };
}

/** The copy starts with a comment that renders nothing, naming where it came from (a local path too: see listed-sources.ts). */
function installed(projectDir: string, file: TemplateFile, text: string, go: boolean): FileToInstall {
  const withNote = (origin: string) => `${go ? `{{/* ${INSTALL_NOTE}${origin} */}}` : `{{!-- ${INSTALL_NOTE}${origin} --}}`}\n${text}`;
  if (!file.fetched)
    return {
      name: `${path.basename(file.absolute!).replace(TEMPLATE_NAME, '')}${PATCH_TEMPLATE_SUFFIX}`,
      text: withNote(projectPath(projectDir, file.absolute!)),
    };
  const name = `${installBaseName(file.fetched.fileName, TEMPLATE_NAME, 'downloaded')}${PATCH_TEMPLATE_SUFFIX}`;
  return { name, text: withNote(file.fetched.origin), from: file.fetched.origin };
}

function readAll(files: readonly TemplateFile[]): Array<{ file: TemplateFile; text: string }> {
  return files.map((file) => ({ file, text: readTextFile(file.absolute!, file.display, 'patch template') }));
}

/** Compiles every file, reporting all syntax errors together. */
function compileAll(
  files: ReadonlyArray<{ file: TemplateFile; text: string }>,
): Array<{ file: TemplateFile; text: string; template: PatchTemplate }> {
  const problems = new Diagnostics();
  const compiled = files.flatMap(({ file, text }) => {
    const atLine = (e: TemplateError) => [
      { location: { file: file.display, ...(e.line ? { line: e.line } : {}) }, field: '', message: e.message },
    ];
    const template = problems.catching(TemplateError, atLine, () => ({ display: file.display, ...compilePatchTemplate(text) }));
    return template ? [{ file, text, template }] : [];
  });
  if (problems.list.length > 0) throw new InputError('invalid patch templates', problems.list);
  return compiled;
}

/**
 * Applies every template in order to a copy of the manifests; the next template sees the previous one's result,
 * checked against the Kubernetes schemas (`unchecked` collects the kinds that have none).
 */
export function applyPatchTemplates(
  manifests: readonly Manifest[],
  templates: readonly PatchTemplate[],
  context: PatchContext,
  data: TemplateData,
  trace: (line: string) => void = () => {},
  unchecked: Set<string> = new Set(),
): Manifest[] {
  let current: unknown[] = structuredClone([...manifests]);
  for (const template of templates) current = checkedObjects(applyTemplate(current, template, context, data, trace), template, unchecked);
  return current as Manifest[];
}

/** The objects after a template, each checked against its kind's schema; every problem is reported. */
function checkedObjects(manifests: unknown[], template: PatchTemplate, unchecked: Set<string>): unknown[] {
  const check = checkObjects(manifests);
  for (const kind of check.unchecked) unchecked.add(kind);
  if (check.problems.length === 0) return manifests;
  const location = { file: template.display };
  throw new InputError(
    `patch template ${template.display} made objects that Kubernetes would refuse`,
    check.problems.map(({ message }) => ({ location, field: '', message })),
  );
}

function applyTemplate(
  manifests: unknown[],
  template: PatchTemplate,
  context: PatchContext,
  data: TemplateData,
  trace: (line: string) => void,
): unknown[] {
  const fail = (message: string, line?: number): never => {
    throw new InputError(`patch template ${template.display} failed`, [
      { location: { file: template.display, ...(line ? { line } : {}) }, field: '', message },
    ]);
  };
  if (template.go)
    return checkedManifests(goPatchTemplates().applyGoTemplate(manifests, template.go, context, data, fail, template.display, trace), fail);
  let rendered: string;
  try {
    rendered = template.render({ manifests, workloads: context.workloads, namespace: context.namespace ?? '' }, data);
  } catch (e) {
    if (e instanceof TemplateError) return fail(e.message, e.line);
    throw e;
  }
  const operations = parseOperations(rendered, fail);
  operations.forEach((item, i) => {
    // Only the op, once it is one of the two words, is shown: the path is rendered text (see patch-operations.ts).
    const where = `operation ${i + 1}${isPlainMap(item) && (item.op === 'set' || item.op === 'delete') ? ` (${item.op})` : ''}`;
    try {
      const operation = toOperation(item);
      const target = describeTarget(manifests, operation.path);
      applyOperation(manifests, operation);
      trace(`${template.display}: ${where} ${target}${operation.description ? `: ${operation.description}` : ''}`);
    } catch (e) {
      if (e instanceof PatchError) fail(`${where}: ${e.message}`);
      throw e;
    }
  });
  return checkedManifests(manifests, fail);
}

/** Every manifest must still be an object with kind and metadata.name. */
function checkedManifests(manifests: unknown[], fail: (message: string) => never): unknown[] {
  manifests.forEach((m, i) => {
    if (!isPlainMap(m) || typeof m.kind !== 'string' || !isPlainMap(m.metadata) || typeof m.metadata.name !== 'string') {
      fail(`after its operations, manifest ${i} is not an object with kind and metadata.name`);
    }
  });
  return manifests;
}

/**
 * The manifest an operation changes, for the -vv trace: its kind and name (public, as in the output), never
 * the rendered path, which could hold any value of the manifests, Secrets' among them.
 */
function describeTarget(manifests: readonly unknown[], operationPath: string): string {
  const first = /^(-?\d+)(?:\.|$)/.exec(operationPath)?.[1];
  if (first === '-1') return 'on a new manifest';
  const manifest = first === undefined ? undefined : manifests[Number(first)];
  if (!isPlainMap(manifest) || !isPlainMap(manifest.metadata)) return 'on the manifest list';
  return `on ${String(manifest.kind)} ${String(manifest.metadata.name)}`;
}

function parseOperations(rendered: string, fail: (message: string) => never): unknown[] {
  let value: unknown;
  try {
    value = parseRendered(rendered);
  } catch (e) {
    return fail(`the rendered text is not valid YAML${renderedYamlProblem(e, rendered)}`);
  }
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return fail('it must render a YAML list of operations (- op: set, path: ..., value: ...)');
  return value;
}

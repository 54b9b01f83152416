/**
 * generate(): load -> validate -> override -> validate again -> provision -> convert -> render.
 * Every stage reports all of its problems, and the run stops before the next stage. Convert and render run
 * as the output is written unless patch templates or a Secrets file need every object first
 * (output-objects.ts). Writing the result: write-generated.ts.
 */
import type { Logger } from './base/logger.js';
import { keepHeapNearLiveData, LARGE_RUN_WORKLOADS } from './base/heap-growth.js';
import { emptyState, loadState, type ProjectState } from './project/state.js';
import { provisionResources, type ProvisionedResources } from './provision/provision.js';
import { resourceUid } from './provision/resource-graph.js';
import { SecretRefCodec } from './base/secret-ref.js';
import type { EnvAllowList } from './templates/env-allow-list.js';
import { openStateSecretRefs, sealStateSecretRefs } from './project/state-secret-refs.js';
import { loadProvisionersFor, type ListedSourceItems, type ProvisionerSource } from './provision/provisioner-files.js';
import { checkNamespace } from './render/assemble.js';
import type { OutputFormat } from './yaml/output-formats.js';
import { outputTexts, type OutputText, type SecretsText } from './render/output-text.js';
import { protectedFiles, rememberedOutputs } from './project/output-files.js';
import { outputObjects } from './output-objects.js';
import { logUncheckedKinds } from './check/unchecked-kinds.js';
import { reviewWarnings } from './render/review-warnings.js';
import { counted } from './base/text-lists.js';
import { loadProjectWorkloads, workloadRecords, type LoadedWorkload } from './load/project-workloads.js';
import type { LoadedProjectFile } from './project/project-file.js';
import { checkProjectFilePaths, knownWorkloads, projectKind, projectLabel, type ProjectKind } from './project/project-definition.js';
import { planProjectFileUpdate, wantsSave, type ProjectFileUpdate, type SaveRequest } from './project/project-file-save.js';

export interface GenerateOptions {
  /** The project folder (holds `.score-ts/`); Score file paths are relative to it. */
  readonly projectDir: string;
  readonly scoreFiles: readonly string[];
  readonly image?: string | undefined;
  readonly overridesFile?: string | undefined;
  readonly overrideProperties?: readonly string[] | undefined;
  readonly namespace?: string | undefined;
  readonly generateNamespace?: boolean | undefined;
  /** Provisioner files or folders for this run only, matched before the project's, or their fetched text (a URL, `-`). */
  readonly provisionerFiles?: readonly ProvisionerSource[] | undefined;
  /** A secret to derive generated values from when there is no state (CI). */
  readonly seed?: string | undefined;
  /** The project label's value; by default the one in the state, or the project folder's name. */
  readonly project?: string | undefined;
  /** The output format (yaml by default). */
  readonly format?: OutputFormat | undefined;
  /** Let `files.*.source` read outside the project and Score file folders (off: a Score file may come from anyone). */
  readonly allowFilesOutsideProject?: boolean | undefined;
  /** The -o target (`-` for stdout): like the state and earlier outputs, never read as a file source. */
  readonly output?: string | undefined;
  /** The file the v1 Secrets go to instead of the output (--secrets-output); never read as a file source either. */
  readonly secretsOutput?: string | undefined;
  /** The environment of the run, for provisioners that read it (getenv). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The variables the built-in environment provisioner may read (--allow-env); none when unset. */
  readonly envAllowList?: EnvAllowList | undefined;
  /** Let cmd:// provisioners from the sources score-ts.yaml lists run (--allow-project-cmd). */
  readonly allowProjectCmd?: boolean | undefined;
  /** The text of the Score file given as `-` (standard input), read for this run only. */
  readonly stdinScoreFile?: string | undefined;
  /** score-ts.yaml, when the project has one: its workloads are generated with the files given. */
  readonly projectFile?: LoadedProjectFile | undefined;
  /** The provisioner files and patch templates score-ts.yaml lists, ready to load. */
  readonly listedProvisioners?: ListedSourceItems | undefined;
  readonly listedPatchTemplates?: ListedSourceItems | undefined;
  /** What to record in score-ts.yaml when the run succeeds (never set for --check, or -o - without --save). */
  readonly save?: SaveRequest | undefined;
}

export interface GenerateResult {
  /** The output file: its objects (without the Secrets when they go to their own file), and its text when asked. */
  readonly output: OutputText;
  /** With --secrets-output: the Secrets, written to their own file in the same format. */
  readonly secrets?: SecretsText;
  /** The state to save once the output is written. */
  readonly state: ProjectState;
  /** True when the project had no state before this run. */
  readonly newState: boolean;
  readonly workloads: readonly string[];
  /** For the run's summary: params a provisioner does not list, and objects to review before applying (cluster-scoped, or in another namespace). */
  readonly warnings: readonly string[];
  /** Where the project is defined: score-ts.yaml, the state (an older score-ts), or nowhere yet. */
  readonly kind: ProjectKind;
  /** score-ts.yaml's new text, when the run changes it (written with the output). */
  readonly projectFileUpdate?: ProjectFileUpdate;
  /** What score-ts.yaml could not record, and why. */
  readonly projectFileWarnings: readonly string[];
}

export function generate(options: GenerateOptions, log: Logger): GenerateResult {
  if (options.namespace !== undefined) checkNamespace(options.namespace);
  // The run's own secret reference token: never saved, never printed (the state's references are rewritten).
  const secretRefs = SecretRefCodec.fresh();
  const { state: saved, isNew: newState } = loadOrInitState(options.projectDir);
  const kind = projectKind(options.projectFile, saved);
  const state = openStateSecretRefs(saved, secretRefs);
  const guarded = protectedFiles(options.projectDir, state.outputFiles, options.output, options.secretsOutput);
  const scope = { projectDir: options.projectDir, allowOutside: options.allowFilesOutsideProject === true, protectedFiles: guarded };
  checkProjectFilePaths(options.projectFile, scope);
  const loadOptions = { ...options, readFileSources: true, protectedFiles: guarded, command: 'generate', projectFile: kind === 'file' };
  const workloads = loadProjectWorkloads(loadOptions, knownWorkloads(options.projectFile, state), log);
  log.debug?.(`workloads: ${workloads.map((w) => `${w.name} (${w.file})`).join(', ')}`);
  if (workloads.length >= LARGE_RUN_WORKLOADS) keepHeapNearLiveData();
  const provisioners = loadProvisionersFor(options.projectDir, workloads, options.provisionerFiles ?? [], options.listedProvisioners);
  log.trace?.(
    provisioners.length === 0
      ? 'no provisioners loaded: no workload has resources'
      : `${counted(provisioners.length, 'provisioner')} loaded, matched in this order: ${provisioners.map((p) => p.uri).join(', ')}`,
  );
  const resources = provisionResources(workloads, {
    provisioners,
    previous: state.resources,
    sharedState: state.sharedState,
    projectDir: options.projectDir,
    namespace: options.namespace,
    seed: options.seed,
    env: options.env,
    envAllowList: options.envAllowList,
    allowProjectCmd: options.allowProjectCmd,
    secretRefs,
  });
  logResources(workloads, resources, log);
  logUncheckedKinds('objects of custom provisioners', resources.uncheckedKinds, log);
  const project = projectLabel(options.projectDir, options.project, options.projectFile, state);
  const { objects, patched } = outputObjects(workloads, resources, project, options, log);
  const warnings = [...resources.warnings, ...reviewWarnings(resources.sourcedManifests, options.namespace, patched)];
  const plan = wantsSave(kind, options.save) ? planProjectFileUpdate(options.projectFile, options.save!, scope, project) : { warnings: [] };
  // With score-ts.yaml the state keeps generated values only: what the project is lives in the committed file.
  const defined = kind === 'file' || plan.update?.created === true;
  const { project: _label, workloads: _records, ...kept } = state;
  const nextState = sealStateSecretRefs(
    {
      ...kept,
      ...(kind === 'state' ? { project } : !defined && state.project !== undefined ? { project: state.project } : {}),
      workloads: kind === 'state' ? workloadRecords(state.workloads, workloads) : {},
      resources: resources.records,
      sharedState: resources.sharedState,
      ...outputFilesField(rememberedOutputs(options.projectDir, state.outputFiles, options.output, options.secretsOutput)),
    },
    secretRefs,
  );
  const update = plan.update ? { projectFileUpdate: plan.update } : {};
  const files = outputTexts(objects, options.format ?? 'yaml', options.secretsOutput, secretRefs, ({ count }) =>
    log.debug?.(`${counted(count, 'object')}, labelled score-ts.dev/project=${project}`),
  );
  return {
    ...files,
    state: nextState,
    newState,
    workloads: workloads.map((w) => w.name),
    warnings,
    kind,
    ...update,
    projectFileWarnings: plan.warnings,
  };
}

/** -v: which provisioner served each resource of each workload (no outputs: they may hold secrets). */
function logResources(workloads: readonly LoadedWorkload[], resources: ProvisionedResources, log: Logger): void {
  if (!log.debug) return;
  for (const w of workloads) {
    for (const [name, spec] of Object.entries(w.spec.resources ?? {})) {
      const uid = resourceUid(w.name, name, spec);
      log.debug(`resource ${w.name}.${name} (${uid}): ${resources.records[uid]?.provisioner ?? 'not provisioned'}`);
    }
  }
}

/** The state's list of output files, left out when empty (most projects write only to one place). */
function outputFilesField(files: string[]): { outputFiles?: string[] } {
  return files.length > 0 ? { outputFiles: files } : {};
}

/** The saved state, or a new one (written only when the run succeeds). */
function loadOrInitState(projectDir: string): { state: ProjectState; isNew: boolean } {
  const existing = loadState(projectDir);
  return existing ? { state: existing, isNew: false } : { state: emptyState(), isNew: true };
}

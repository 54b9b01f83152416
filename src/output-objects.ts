/**
 * The objects of a generate run, for its output: converted, placed and labelled. Without patch templates or a
 * Secrets file they are made as the output is written, each workload's in its turn, and the resources' are let
 * go as they are written, so a large project's objects are never all alive at once.
 */
import type { Logger } from './base/logger.js';
import type { Manifest } from './base/types.js';
import { ConvertError } from './base/errors.js';
import { Diagnostics } from './base/diagnostics.js';
import { sourced, workloadSource, type SourcedManifest } from './base/manifest-source.js';
import { convertWorkload, type ConvertOptions } from './convert/workload.js';
import { resourceVolume } from './convert/resource-volume.js';
import type { LoadedWorkload } from './load/project-workloads.js';
import type { ProvisionedResources } from './provision/provision.js';
import { assembleObjects } from './render/assemble.js';
import { withResourceLabels } from './render/resource-labels.js';
import { withProjectLabel } from './project/project-label.js';
import { patchManifests, type PatchRun } from './patch/patch-stage.js';
import { loadPatchTemplates } from './patch/patch-templates.js';
import type { AssembleOptions } from './render/assemble.js';
import type { ListedSourceItems } from './provision/provisioner-files.js';

/** What the objects depend on besides the workloads and resources. */
export interface OutputObjectsOptions extends AssembleOptions, PatchRun {
  readonly projectDir: string;
  readonly listedPatchTemplates?: ListedSourceItems | undefined;
  readonly secretsOutput?: string | undefined;
}

/**
 * The output's objects, labelled, as a function that gives them. Streamed (made as they are read, once) unless
 * patch templates, which see them all, or a Secrets file, which splits them from the rest, need them all first:
 * then they are all made here, and `patched` holds them as the patch templates left them.
 */
export function outputObjects(
  workloads: readonly LoadedWorkload[],
  resources: ProvisionedResources,
  project: string,
  options: OutputObjectsOptions,
  log: Logger,
): { objects: () => Iterable<Manifest>; patched?: SourcedManifest[] } {
  const placed = (resourceObjects: Iterable<SourcedManifest>) => placedObjects(resourceObjects, workloads, resources, options);
  const templates = loadPatchTemplates(options.projectDir, options.listedPatchTemplates);
  if (templates.length === 0 && options.secretsOutput === undefined) {
    let made = false;
    const objects = () => {
      if (made) throw new Error('the objects of this run were made already');
      made = true;
      return mapped(placed(taken(resources.sourcedManifests)), (o) => withProjectLabel(withResourceLabels(o).manifest, project));
    };
    return { objects };
  }
  const all = [...mapped(placed(resources.sourcedManifests), withResourceLabels)];
  const patched = patchManifests(templates, all, workloads, resources, options, log);
  const final = patched.map((o) => withProjectLabel(o.manifest, project));
  return { objects: () => final, patched };
}

/**
 * The run's objects in output order, placed (assemble.ts); each workload's converted when its turn comes.
 * Every workload is converted before a problem stops the run, and conversion problems come before the
 * assembly's own.
 */
function* placedObjects(
  resourceObjects: Iterable<SourcedManifest>,
  workloads: readonly LoadedWorkload[],
  resources: ProvisionedResources,
  options: AssembleOptions,
): Generator<SourcedManifest> {
  const problems = new Diagnostics();
  const lazily = workloads.map((workload) => ({
    name: workload.name,
    objects: () =>
      sourced(problems.collect(() => convertWorkload(workload, conversionOf(workload, resources))) ?? [], workloadSource(workload)),
  }));
  try {
    yield* assembleObjects(resourceObjects, lazily, options);
  } catch (e) {
    throwIfUnconverted(problems, resources);
    throw e;
  }
  throwIfUnconverted(problems, resources);
}

function conversionOf(workload: LoadedWorkload, resources: ProvisionedResources): ConvertOptions {
  return {
    image: workload.record.image,
    resourceOutputs: (name) => resources.outputs(workload.name, name),
    resourceVolume: (name) => resourceVolume(resources.outputs(workload.name, name), name),
    secretValue: (ref) => resources.secretValues.get(ref),
    secretRefs: resources.secretRefs,
    waits: Object.keys(workload.spec.resources ?? {}).flatMap((resource) => {
      const waitFor = resources.waitFor(workload.name, resource);
      return waitFor ? [{ resource, waitFor }] : [];
    }),
  };
}

function throwIfUnconverted(problems: Diagnostics, resources: ProvisionedResources): void {
  if (problems.list.length === 0) return;
  // A message may quote an expanded value that holds a secret reference: show where it points, never its token.
  throw new ConvertError(
    'some workloads cannot be converted',
    problems.list.map((d) => ({ ...d, message: resources.secretRefs.mask(d.message) })),
  );
}

function* mapped<T, U>(items: Iterable<T>, fn: (item: T) => U): Generator<U> {
  for (const item of items) yield fn(item);
}

/** The items of a list in order, each let go of by the list as it is given (the list ends empty). */
function* taken<T>(list: T[]): Generator<T> {
  list.reverse();
  while (list.length > 0) yield list.pop()!;
}

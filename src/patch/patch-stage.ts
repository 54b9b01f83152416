/** The patch stage of generate: the project's patch templates (patch-templates.ts loads them), applied in order to the assembled manifests. */
import type { Logger } from '../base/logger.js';
import type { SourcedManifest } from '../base/manifest-source.js';
import { cryptoRandom, seededRandom } from '../base/random.js';
import { logUncheckedKinds } from '../check/unchecked-kinds.js';
import { expandText } from '../convert/expand.js';
import type { LoadedWorkload } from '../load/project-workloads.js';
import type { ProvisionedResources } from '../provision/provision.js';
import { applyPatchTemplatesWithSources } from './patch-sources.js';
import type { PatchContext, PatchTemplate } from './patch-templates.js';

export interface PatchRun {
  readonly namespace?: string | undefined;
  readonly seed?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

export function patchManifests(
  templates: readonly PatchTemplate[],
  manifests: SourcedManifest[],
  workloads: readonly LoadedWorkload[],
  resources: ProvisionedResources,
  run: PatchRun,
  log: Logger,
): SourcedManifest[] {
  if (templates.length === 0) return manifests;
  log.debug?.(`patch templates: ${templates.map((t) => t.display).join(', ')}`);
  const context = {
    workloads: Object.fromEntries(workloads.map((w) => [w.name, w.spec])),
    namespace: run.namespace,
    substitute: substituteFor(workloads, resources),
  };
  const random = run.seed ? seededRandom(run.seed, 'patch-templates') : cryptoRandom();
  const unchecked = new Set<string>();
  const patched = applyPatchTemplatesWithSources(
    manifests,
    templates,
    context,
    { random, env: run.env ?? {} },
    (line) => log.trace?.(line),
    unchecked,
  );
  logUncheckedKinds('objects after the patch templates', [...unchecked].sort(), log);
  return patched;
}

/** score-k8s's substituteValue for patch templates: a workload's placeholders, expanded as in its variables. */
function substituteFor(workloads: readonly LoadedWorkload[], resources: ProvisionedResources): PatchContext['substitute'] {
  return (name, value) => {
    const workload = workloads.find((w) => w.name === name);
    if (!workload) throw new Error(`no workload named '${name}'`);
    return expandText(value, {
      metadata: workload.spec.metadata,
      resourceOutputs: (resource) => resources.outputs(name, resource),
      secretRefs: resources.secretRefs,
    });
  };
}

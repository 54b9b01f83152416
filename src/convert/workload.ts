/**
 * One workload -> its Kubernetes objects: files ConfigMap, Service, and the object that runs its pods (a
 * Deployment, a StatefulSet with its headless Service, a Job or a CronJob; see workload-kind.ts).
 */
import { ConvertError } from '../base/errors.js';
import type { Manifest, WorkloadInput } from '../base/types.js';
import { convertContainers } from './containers.js';
import type { ExpandContext } from './expand.js';
import { convertFiles } from './files.js';
import { Diagnostics } from '../base/diagnostics.js';
import { convertHeadlessService, convertService } from './service.js';
import { convertVolumes, type ResourceVolumeSource } from './volumes.js';
import { waitContainers, type WaitFor, waitsEnabled } from './wait-for.js';
import { planWorkloadKind } from './workload-kind.js';
import { convertWorkloadObject } from './workload-object.js';

export interface ConvertOptions {
  /** Replaces `image: .` in every container. */
  readonly image?: string | undefined;
  /** Outputs of the workload's provisioned resources, by resource name. */
  readonly resourceOutputs: ExpandContext['resourceOutputs'];
  readonly resourceVolume: ResourceVolumeSource;
  readonly secretValue?: ExpandContext['secretValue'];
  readonly secretRefs?: ExpandContext['secretRefs'];
  /** Resources to wait for before the containers start, in the workload's resource order. */
  readonly waits?: ReadonlyArray<{ resource: string; waitFor: WaitFor }>;
}

/** Converts a workload, reporting every problem in it together. */
export function convertWorkload(workload: WorkloadInput, options: ConvertOptions): Manifest[] {
  const problems = new Diagnostics(workload.locate);
  const { spec, name } = workload;
  const plan = planWorkloadKind(workload, problems);
  const ctx: ExpandContext = {
    metadata: spec.metadata,
    resourceOutputs: options.resourceOutputs,
    secretValue: options.secretValue,
    secretRefs: options.secretRefs,
  };
  const files = convertFiles(workload, ctx, problems);
  const volumes = convertVolumes(spec.containers, ctx, options.resourceVolume, problems);
  const mounts = mergeMounts(files.mounts, volumes.mounts);
  const containers = convertContainers(workload, ctx, { mounts, image: options.image }, problems);
  if (problems.list.length > 0 || !plan) {
    throw new ConvertError(`${workload.file}: workload '${name}' cannot be converted`, problems.list);
  }
  const waits = waitsEnabled(spec.metadata.annotations) ? waitContainers(options.waits ?? [], new Set(Object.keys(spec.containers))) : [];
  const initContainers = [...waits, ...containers.initContainers];
  const podSpec = {
    ...(initContainers.length > 0 ? { initContainers } : {}),
    containers: containers.containers,
    ...(files.volumes.length + volumes.volumes.length > 0 ? { volumes: [...files.volumes, ...volumes.volumes] } : {}),
  };
  const service = convertService(name, spec);
  const manifests = [...files.manifests, ...(service ? [service] : [])];
  if (plan.kind === 'StatefulSet') manifests.push(convertHeadlessService(name, spec));
  manifests.push(convertWorkloadObject(plan, workload, podSpec));
  return manifests;
}

function mergeMounts<T>(...maps: ReadonlyArray<ReadonlyMap<string, T[]>>): Map<string, T[]> {
  const merged = new Map<string, T[]>();
  for (const map of maps) for (const [k, v] of map) merged.set(k, [...(merged.get(k) ?? []), ...v]);
  return merged;
}

/**
 * Container `volumes` -> pod volumes and mounts. A source of the form `${resources.NAME}` takes the volume
 * a resource provides; any other source (after placeholders) names an existing PersistentVolumeClaim.
 */
import type { Container, ContainerVolume, FieldPath } from '../base/types.js';
import { entriesByTarget } from '../base/container-entries.js';
import { expandText, PlaceholderError, type ExpandContext } from './expand.js';
import { dnsLabel, shortHash } from './names.js';
import type { Diagnostics } from '../base/diagnostics.js';
import type { PodVolume, VolumeMount } from './pod-types.js';
import { canonicalJson } from '../base/plain-data.js';

/** Gives the pod volume source a resource provides, e.g. `{ emptyDir: {} }`; throws PlaceholderError if none. */
export type ResourceVolumeSource = (resourceName: string) => Record<string, unknown>;

export interface VolumesResult {
  readonly volumes: PodVolume[];
  readonly mounts: ReadonlyMap<string, VolumeMount[]>;
}

const RESOURCE_REF = /^\$\{resources\.([^.}]+)\}$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function convertVolumes(
  containers: Readonly<Record<string, Container>>,
  ctx: ExpandContext,
  resourceVolume: ResourceVolumeSource,
  problems: Diagnostics,
): VolumesResult {
  const volumes = new Map<string, PodVolume>();
  const mounts = new Map<string, VolumeMount[]>();
  for (const [containerName, container] of Object.entries(containers)) {
    const entries = entriesByTarget<ContainerVolume>(container.volumes, ['containers', containerName, 'volumes'], (path) =>
      problems.add(path, 'a volume in the list form needs a target path; better, use the map form keyed by target'),
    );
    for (const { target, value, path } of entries) {
      const volume = problems.attempt([...path, 'source'], PlaceholderError, () =>
        podVolumeFor(value.source, path, ctx, resourceVolume, problems),
      );
      if (!volume) continue;
      const taken = volumes.get(volume.name);
      if (taken && canonicalJson(taken) !== canonicalJson(volume)) {
        // Derived names can meet (a claim named like another claim's hashed volume name): never mount the wrong one.
        problems.add(
          [...path, 'source'],
          `its pod volume would be named '${volume.name}', like another volume of this workload; use another claim or resource name`,
        );
        continue;
      }
      volumes.set(volume.name, volume);
      const list = mounts.get(containerName) ?? [];
      list.push(volumeMount(volume.name, target, value));
      mounts.set(containerName, list);
    }
  }
  return { volumes: [...volumes.values()], mounts };
}

function podVolumeFor(
  source: string,
  path: FieldPath,
  ctx: ExpandContext,
  resourceVolume: ResourceVolumeSource,
  problems: Diagnostics,
): PodVolume | undefined {
  const ref = RESOURCE_REF.exec(source);
  if (ref) {
    const name = ref[1]!;
    return { name: dnsLabel(`vol-${name}`), ...resourceVolume(name) };
  }
  const claimName = expandText(source, ctx);
  if (!DNS_SUBDOMAIN.test(claimName) || claimName.length > 253) {
    problems.add(
      [...path, 'source'],
      `'${claimName}' is neither \${resources.NAME} nor the name of a PersistentVolumeClaim (lowercase letters, digits, '-' and '.')`,
    );
    return undefined;
  }
  // Dots become dashes in volume names: a hash keeps `data.v1` and `data-v1` apart.
  const suffix = /^[a-z0-9-]+$/.test(claimName) ? '' : `-${shortHash(claimName)}`;
  return { name: dnsLabel(`pvc-${claimName}`, suffix), persistentVolumeClaim: { claimName } };
}

function volumeMount(name: string, target: string, volume: ContainerVolume): VolumeMount {
  const mount: VolumeMount = { name, mountPath: target };
  // Kubernetes wants subPath relative; Score examples write it with a leading slash.
  const subPath = volume.path?.replace(/^\/+/, '');
  if (subPath) mount.subPath = subPath;
  if (volume.readOnly) mount.readOnly = true;
  return mount;
}

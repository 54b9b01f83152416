/** Score containers -> Kubernetes containers and init containers, in start order. */
import type { Container, WorkloadInput } from '../base/types.js';
import { convertVariables, escapeKubernetesExpansion } from './env.js';
import type { ExpandContext } from './expand.js';
import type { K8sContainer, VolumeMount } from './pod-types.js';
import { convertProbe } from './probes.js';
import type { Diagnostics } from '../base/diagnostics.js';
import { compareStrings } from '../base/sorted.js';
import { planStartOrder, type StartRole } from './start-order.js';

export interface ContainersResult {
  readonly containers: K8sContainer[];
  readonly initContainers: K8sContainer[];
}

export interface ContainerOptions {
  /** Replaces `image: .` (the image built from this project). */
  readonly image?: string | undefined;
  /** Volume mounts per container name (files and volumes). */
  readonly mounts: ReadonlyMap<string, VolumeMount[]>;
}

export function convertContainers(
  workload: WorkloadInput,
  ctx: ExpandContext,
  options: ContainerOptions,
  problems: Diagnostics,
): ContainersResult {
  const specs = workload.spec.containers;
  const order = planStartOrder(specs, problems);
  const build = (name: string) => convertContainer(name, specs[name]!, ctx, options, problems);
  return {
    initContainers: order.init.map(({ name, role }) => asInitContainer(build(name), role)),
    containers: order.main.map(build),
  };
}

function convertContainer(
  name: string,
  spec: Container,
  ctx: ExpandContext,
  options: ContainerOptions,
  problems: Diagnostics,
): K8sContainer {
  const env = convertVariables(name, spec, ctx, problems);
  const mounts = [...(options.mounts.get(name) ?? [])].sort((a, b) => compareStrings(a.mountPath, b.mountPath));
  const liveness = convertProbe(spec.livenessProbe, ['containers', name, 'livenessProbe'], problems);
  const readiness = convertProbe(spec.readinessProbe, ['containers', name, 'readinessProbe'], problems);
  return {
    name,
    image: resolveImage(name, spec.image, options.image, problems),
    // Kubernetes expands $(VAR) and $$ here as in env; the Score spec has no placeholders here: kept as written.
    ...(spec.command ? { command: spec.command.map(escapeKubernetesExpansion) } : {}),
    ...(spec.args ? { args: spec.args.map(escapeKubernetesExpansion) } : {}),
    ...(env.length > 0 ? { env } : {}),
    ...(spec.resources && (spec.resources.limits || spec.resources.requests) ? { resources: structuredClone(spec.resources) } : {}),
    ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
    ...(liveness ? { livenessProbe: liveness } : {}),
    ...(readiness ? { readinessProbe: readiness } : {}),
  };
}

function resolveImage(name: string, image: string, override: string | undefined, problems: Diagnostics): string {
  if (image !== '.') return image;
  if (override) return override;
  problems.add(['containers', name, 'image'], "is '.', the image built from this project: pass it with --image IMAGE");
  return image;
}

function asInitContainer(container: K8sContainer, role: StartRole): K8sContainer {
  if (role === 'complete') return container;
  const sidecar: K8sContainer = { ...container, restartPolicy: 'Always' };
  // Kubelet starts the next container once a sidecar's startup probe passes: that is "healthy".
  if (role === 'healthy' && container.readinessProbe) sidecar.startupProbe = structuredClone(container.readinessProbe);
  return sidecar;
}

/** `service.ports` -> a Service selecting the workload's pods; StatefulSets also get a headless Service. */
import type { Manifest, ScoreWorkload } from '../base/types.js';
import { sortedEntries } from '../base/sorted.js';
import { carriedAnnotations, selectorLabels, serviceName, workloadLabels } from './names.js';

export function convertService(name: string, spec: ScoreWorkload): Manifest | undefined {
  const ports = sortedEntries(spec.service?.ports);
  if (ports.length === 0) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMetadata(serviceName(name), name, spec),
    spec: {
      selector: selectorLabels(name),
      ports: ports.map(([portName, p]) => ({
        name: portName,
        port: p.port,
        targetPort: p.targetPort ?? p.port,
        protocol: p.protocol ?? 'TCP',
      })),
    },
  };
}

/** The headless Service a StatefulSet needs for stable pod DNS names. */
export function convertHeadlessService(name: string, spec: ScoreWorkload): Manifest {
  const ports = sortedEntries(spec.service?.ports);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMetadata(headlessServiceName(name), name, spec),
    spec: {
      clusterIP: 'None',
      selector: selectorLabels(name),
      // A headless Service needs no ports for DNS; list the workload's ports when it has them.
      ...(ports.length > 0
        ? { ports: ports.map(([portName, p]) => ({ name: portName, port: p.targetPort ?? p.port, protocol: p.protocol ?? 'TCP' })) }
        : {}),
    },
  };
}

export function headlessServiceName(workloadName: string): string {
  return serviceName(workloadName, '-headless');
}

export function objectMetadata(objectName: string, workloadName: string, spec: ScoreWorkload): Manifest['metadata'] {
  const annotations = carriedAnnotations(spec.metadata.annotations);
  return { name: objectName, labels: workloadLabels(workloadName), ...(annotations ? { annotations } : {}) };
}

/**
 * No CrashLoopBackOff while a database starts: for each resource whose provisioner names a host and port to
 * wait for, an init container waits until the port accepts connections before the workload's containers
 * start. The workload annotation `score-ts.dev/wait-for-resources: "false"` turns this off.
 */
import { dnsLabel } from './names.js';
import type { K8sContainer } from './pod-types.js';

/** Where a workload can check that a resource accepts connections before its containers start. */
export interface WaitFor {
  readonly host: string;
  readonly port: number;
}

const WAIT_ANNOTATION = 'score-ts.dev/wait-for-resources';
/** Pinned: the init container must be the same on every run and every cluster. */
const WAIT_IMAGE = 'busybox:1.36.1';

const WAIT_SCRIPT = 'until nc -z -w 2 "$HOST" "$PORT"; do echo "waiting for $HOST:$PORT"; sleep 2; done';

export function waitsEnabled(annotations: Readonly<Record<string, string>> | undefined): boolean {
  return annotations?.[WAIT_ANNOTATION] !== 'false';
}

/** One init container per resource to wait for, named so as not to clash with the workload's containers. */
export function waitContainers(waits: ReadonlyArray<{ resource: string; waitFor: WaitFor }>, taken: ReadonlySet<string>): K8sContainer[] {
  const used = new Set(taken);
  return waits.map(({ resource, waitFor }) => {
    let name = dnsLabel(`wait-for-${resource}`);
    for (let n = 2; used.has(name); n++) name = dnsLabel(`wait-for-${resource}`, `-${n}`);
    used.add(name);
    return {
      name,
      image: WAIT_IMAGE,
      command: ['sh', '-c', WAIT_SCRIPT],
      env: [
        { name: 'HOST', value: waitFor.host },
        { name: 'PORT', value: String(waitFor.port) },
      ],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 65534,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      },
    };
  });
}

/** What a provisioner is given for one resource, and what it gives back. */
import type { WaitFor } from '../convert/wait-for.js';
import type { Manifest } from '../base/types.js';

export interface WorkloadService {
  readonly serviceName: string;
  /** The service ports by name. */
  readonly ports: Readonly<Record<string, { port: number; targetPort: number; protocol: string }>>;
  /** The same ports by port number (the first by name when two share a number). */
  readonly portsByNumber: Readonly<Record<string, { port: number; targetPort: number; protocol: string }>>;
}

export interface ProvisionRequest {
  readonly uid: string;
  readonly guid: string;
  readonly type: string;
  readonly class: string;
  readonly id: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The resource's state from the previous run ({} the first time). */
  readonly state: Readonly<Record<string, unknown>>;
  /** The state all resources share, as the resources before this one left it: read only (see ProvisionResult.shared). */
  readonly shared: Readonly<Record<string, unknown>>;
  readonly sourceWorkload: string;
  readonly workloadServices: Readonly<Record<string, WorkloadService>>;
  /** The target namespace, or '' when none is set. */
  readonly namespace: string;
  /** The output names the workloads read from this resource (for providers such as `environment`). */
  readonly references: readonly string[];
}

export interface ProvisionResult {
  readonly state: Record<string, unknown>;
  /** The provisioner's patch to the shared state (RFC 7386: null deletes), merged by provision.ts alone. */
  readonly shared: Readonly<Record<string, unknown>>;
  readonly outputs: Record<string, unknown>;
  readonly manifests: Manifest[];
  readonly waitFor?: WaitFor;
}

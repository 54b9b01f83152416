/**
 * The resource stage: gives each workload resource its outputs and manifests. No provisioners exist yet,
 * so every declared resource is reported (with its file and line) rather than left unresolved.
 */
import { ProvisionError, type Diagnostic } from '../errors.js';
import type { Manifest, WorkloadInput } from '../types.js';
import { fieldName } from '../validate/schema-errors.js';

export interface ProvisionedResources {
  readonly manifests: readonly Manifest[];
  /** Outputs of a workload's resource, or undefined if the workload declares no such resource. */
  outputs(workload: string, resource: string): Readonly<Record<string, unknown>> | undefined;
}

export function provisionResources(workloads: readonly WorkloadInput[]): ProvisionedResources {
  const problems: Diagnostic[] = [];
  for (const workload of workloads) {
    for (const [name, resource] of Object.entries(workload.spec.resources ?? {})) {
      const path = ['resources', name];
      problems.push({
        location: workload.locate(path, true),
        field: fieldName(path),
        message: `no provisioner supports resource type '${resource.type}'; this version of score-ts has no provisioners, so remove the resource or wait for provisioner support`,
      });
    }
  }
  if (problems.length > 0) throw new ProvisionError('some resources cannot be provisioned', problems);
  return { manifests: [], outputs: () => undefined };
}

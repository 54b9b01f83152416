/**
 * The failures of a run's resources, reported together: every resource is provisioned unless it reads the
 * outputs of one that failed (its params could not be expanded), and the run then stops with one error
 * holding every failure. A resource that was not tried is not a problem of its own: it is counted in the
 * error's headline, not listed.
 */
import { ProvisionError, type Diagnostic } from '../base/errors.js';
import type { ResourceNode } from './resource-graph.js';

export class ProvisionFailures {
  private readonly failures: Array<{ readonly node: ResourceNode; readonly error: ProvisionError }> = [];
  /** Resources that failed or were not tried. */
  private readonly stopped = new Set<string>();
  private notTried = 0;

  /** True (and counted) when the resource reads outputs of a resource that failed or was not tried. */
  skips(node: ResourceNode): boolean {
    for (const uid of node.dependsOn) {
      if (!this.stopped.has(uid)) continue;
      this.stopped.add(node.uid);
      this.notTried++;
      return true;
    }
    return false;
  }

  add(node: ResourceNode, error: ProvisionError): void {
    this.failures.push({ node, error });
    this.stopped.add(node.uid);
  }

  /** One failure is thrown as it is; several become one error listing all of their problems. */
  throwIfAny(): void {
    const first = this.failures[0];
    if (first === undefined) return;
    const one = this.notTried === 1;
    const whose = this.failures.length === 1 ? 'its' : 'their';
    const skipped =
      this.notTried === 0
        ? ''
        : `; ${this.notTried} resource${one ? ' that reads' : 's that read'} ${whose} outputs ${one ? 'was' : 'were'} not provisioned`;
    if (this.failures.length === 1) throw new ProvisionError(`${first.error.message}${skipped}`, first.error.diagnostics);
    const diagnostics = this.failures.flatMap(({ node, error }) => error.diagnostics.map((d) => namingResource(node, d)));
    throw new ProvisionError(`${this.failures.length} resources cannot be provisioned${skipped}`, diagnostics);
  }
}

/**
 * A problem located in a provisioner file (a template line) names its resource, which the headline of a
 * single failure does; one located in the resource's Score file already says which resource it is.
 */
function namingResource(node: ResourceNode, d: Diagnostic): Diagnostic {
  const { workload, name } = node.declarations[0]!;
  if (d.location.file === workload.file) return d;
  return { ...d, message: `resource '${name}' of workload '${workload.name}' (${node.uid}): ${d.message}` };
}

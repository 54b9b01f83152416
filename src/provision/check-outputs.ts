/**
 * Before anything is provisioned: every `${resources.NAME.OUTPUT}` a workload reads must be an output
 * its provisioner promises (when the provisioner lists expected_outputs).
 */
import { resourcePlaceholders } from '../convert/placeholders.js';
import { placeholderFields } from '../convert/placeholder-fields.js';
import { ProvisionError, type Diagnostic } from '../base/errors.js';
import type { WorkloadInput } from '../base/types.js';
import { fieldProblem } from '../base/diagnostics.js';
import type { Provisioner } from './provisioner-file.js';
import type { ResourceGraph } from './resource-graph.js';

/** Checks the references and returns, per resource uid, the output names the workloads read. */
export function checkOutputReferences(
  workloads: readonly WorkloadInput[],
  graph: ResourceGraph,
  matched: ReadonlyMap<string, Provisioner>,
): Map<string, Set<string>> {
  const problems: Diagnostic[] = [];
  const referenced = new Map<string, Set<string>>();
  for (const workload of workloads) {
    for (const [text, path] of placeholderFields(workload)) {
      for (const ref of resourcePlaceholders(text)) {
        const [, resource, output] = ref.ref;
        const uid = resource === undefined ? undefined : graph.uidOf(workload.name, resource);
        if (uid !== undefined && output !== undefined) referenced.set(uid, (referenced.get(uid) ?? new Set<string>()).add(output));
        const expected = uid === undefined ? undefined : matched.get(uid)?.expectedOutputs;
        if (!expected || output === undefined || expected.includes(output)) continue;
        problems.push(
          fieldProblem(
            workload.locate,
            path,
            `${ref.source}: ${matched.get(uid!)!.uri} gives no output '${output}' (it gives: ${expected.join(', ')})`,
          ),
        );
      }
    }
  }
  if (problems.length > 0) throw new ProvisionError('workloads read outputs their resources do not give', problems);
  return referenced;
}

/**
 * Before anything is provisioned: every variable the workloads read through the built-in `environment`
 * provisioner must be allowed by --allow-env. Every read the run does not allow is reported together, each at
 * its placeholder, and the message gives the flags that would allow them.
 */
import { ProvisionError, type Diagnostic } from '../base/errors.js';
import type { WorkloadInput } from '../base/types.js';
import { fieldProblem } from '../base/diagnostics.js';
import { resourcePlaceholders } from '../convert/placeholders.js';
import { placeholderFields } from '../convert/placeholder-fields.js';
import { allowEnvFlags, envAllowed, isOwnVariable, type EnvAllowList } from '../templates/env-allow-list.js';
import type { Provisioner } from './provisioner-file.js';
import type { ResourceGraph } from './resource-graph.js';

/** The built-in provisioner that reads the run's environment through the allowedEnv helper. */
const ENVIRONMENT_PROVISIONER = 'template://score-ts/environment';
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkEnvironmentReads(
  workloads: readonly WorkloadInput[],
  graph: ResourceGraph,
  matched: ReadonlyMap<string, Provisioner>,
  allowList: EnvAllowList,
): void {
  if (![...matched.values()].some(readsAllowedEnv)) return;
  const problems: Diagnostic[] = [];
  const unallowed = new Set<string>();
  for (const workload of workloads) {
    for (const [text, path] of placeholderFields(workload)) {
      for (const ref of resourcePlaceholders(text)) {
        const [, resource, variable] = ref.ref;
        const uid = resource === undefined ? undefined : graph.uidOf(workload.name, resource);
        const provisioner = uid === undefined ? undefined : matched.get(uid);
        // A name that is no variable name is left to the provisioner, which says so.
        if (
          !provisioner ||
          !readsAllowedEnv(provisioner) ||
          variable === undefined ||
          !VARIABLE_NAME.test(variable) ||
          envAllowed(allowList, variable)
        )
          continue;
        const own = isOwnVariable(variable);
        if (!own) unallowed.add(variable);
        const message = own
          ? `${ref.source}: ${variable} is score-ts's own variable, which is never readable`
          : `${ref.source} reads the environment variable ${variable}, which this run does not allow`;
        problems.push(fieldProblem(workload.locate, path, message));
      }
    }
  }
  if (problems.length === 0) return;
  const names = [...unallowed].sort();
  const remedy = names.length > 0 ? `; the person running score-ts decides which to allow: ${allowEnvFlags(names)}` : '';
  throw new ProvisionError(`workloads read environment variables this run does not allow${remedy}`, problems);
}

function readsAllowedEnv(provisioner: Provisioner): boolean {
  return provisioner.origin === 'built-in' && provisioner.uri === ENVIRONMENT_PROVISIONER;
}

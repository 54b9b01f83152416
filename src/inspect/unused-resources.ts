/** `score-ts resources prune`: resources the state keeps that no current workload asks for any more. */
import { compareStrings } from '../base/sorted.js';
import type { ProjectState } from '../project/state.js';
import { resourceUid } from '../provision/resource-graph.js';
import type { WorkloadInput } from '../base/types.js';

export function unusedResources(state: ProjectState, workloads: readonly WorkloadInput[]): string[] {
  const used = new Set(
    workloads.flatMap((w) => Object.entries(w.spec.resources ?? {}).map(([name, spec]) => resourceUid(w.name, name, spec))),
  );
  return Object.keys(state.resources)
    .filter((uid) => !used.has(uid))
    .sort(compareStrings);
}

/** The state without those resources (their generated values are gone for good). */
export function withoutResources(state: ProjectState, uids: readonly string[]): ProjectState {
  const resources = { ...state.resources };
  for (const uid of uids) delete resources[uid];
  return { ...state, resources };
}

/** Rows for `score-ts resources list` and the outputs of `resources get-outputs`, from the project state. */
import { InputError } from '../base/errors.js';
import type { ProjectState } from '../project/state.js';
import { compareStrings } from '../base/sorted.js';
import { stateSecretRefs } from '../project/state-secret-refs.js';
import { replaceStrings } from '../base/plain-data.js';
import { shortList, SUMMARY_NAMES } from '../base/text-lists.js';

export interface ResourceRow {
  uid: string;
  type: string;
  class: string;
  id: string;
  workload: string;
  provisioner: string;
  outputs: string[];
}

export function resourceRows(state: ProjectState): ResourceRow[] {
  return Object.keys(state.resources)
    .sort(compareStrings)
    .map((uid) => {
      const r = state.resources[uid]!;
      return {
        uid,
        type: r.type,
        class: r.class,
        id: r.id,
        workload: r.sourceWorkload,
        provisioner: r.provisioner,
        outputs: Object.keys(r.outputs).sort(compareStrings),
      };
    });
}

/** A resource's outputs; secret values are shown as `<secret NAME/KEY>` unless `showSecrets`. */
export function resourceOutputs(state: ProjectState, uid: string, showSecrets: boolean): Record<string, unknown> {
  const record = state.resources[uid];
  if (!record) {
    const known = Object.keys(state.resources).sort(compareStrings);
    throw new InputError(
      `no resource '${uid}' in the project state; known: ${shortList(known) || 'none (run score-ts generate first)'}${known.length > SUMMARY_NAMES ? ' (score-ts resources list shows them all)' : ''}`,
    );
  }
  const values = record.secretValues ?? {};
  const secretRefs = stateSecretRefs(state);
  const reveal = (text: string) =>
    secretRefs.fill(
      text,
      (ref) => values[`${ref.name}/${ref.key}`],
      () => {},
    );
  return replaceStrings(record.outputs, (text) => (showSecrets ? reveal(text) : secretRefs.mask(text))) as Record<string, unknown>;
}

/**
 * Secret references kept in the project state (in resource outputs, resource state and shared state) are
 * written with the state's own token, which never leaves the state file; a run works with a token of its own.
 * So a reference that a template or a program lets slip into a message or a manifest is useless to any later
 * run, and text copied out of a state file is never a reference in a run.
 */
import { replaceStrings } from '../base/plain-data.js';
import { newSecretRefToken, SecretRefCodec } from '../base/secret-ref.js';
import type { ProjectState, ResourceRecord } from './state.js';

/** The references saved in a state (none for a state saved before tokens: its old markers read as text). */
export function stateSecretRefs(state: ProjectState): SecretRefCodec {
  return new SecretRefCodec(state.secretRefToken);
}

/** The state as a run reads it: its saved references rewritten with the run's token. */
export function openStateSecretRefs(state: ProjectState, run: SecretRefCodec): ProjectState {
  return recodeState(state, stateSecretRefs(state), run);
}

/** The state to save: the run's references rewritten with the state's token (a new one for a new state). */
export function sealStateSecretRefs(state: ProjectState, run: SecretRefCodec): ProjectState {
  const saved = new SecretRefCodec(state.secretRefToken ?? newSecretRefToken());
  return { ...recodeState(state, run, saved), secretRefToken: saved.tokenForState()! };
}

/** The state with its references rewritten; what holds none is shared with the state given, not copied. */
function recodeState(state: ProjectState, from: SecretRefCodec, to: SecretRefCodec): ProjectState {
  const recode = <T>(value: T): T => replaceStrings(value, (text) => from.recode(text, to)) as T;
  const resources = Object.fromEntries(
    Object.entries(state.resources).map(([uid, record]): [string, ResourceRecord] => [
      uid,
      { ...record, state: recode(record.state), outputs: recode(record.outputs) },
    ]),
  );
  return { ...state, resources, sharedState: recode(state.sharedState) };
}

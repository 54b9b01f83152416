/**
 * `--secrets-output`: the Secrets (generated passwords) go to a file of their own, kept out of git, and the
 * manifests file keeps every other object in its order, so it can be committed and checked in CI.
 */
import type { Manifest } from '../base/types.js';

export interface SplitManifests {
  /** Every object but the Secrets, in order. */
  readonly others: readonly Manifest[];
  /** The v1 Secrets, in order. */
  readonly secrets: readonly Manifest[];
}

function isSecret(manifest: Manifest): boolean {
  return manifest.kind === 'Secret' && manifest.apiVersion === 'v1';
}

export function splitSecrets(manifests: readonly Manifest[]): SplitManifests {
  return { others: manifests.filter((m) => !isSecret(m)), secrets: manifests.filter(isSecret) };
}

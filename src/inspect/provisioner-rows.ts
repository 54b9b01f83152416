/** Rows for `score-ts provisioners list`: what each loaded provisioner serves, in matching order. */
import type { Provisioner } from '../provision/provisioner-file.js';

export interface ProvisionerRow {
  type: string;
  /** null: any class (or id) matches. */
  class: string | null;
  id: string | null;
  params: string[];
  outputs: string[];
  description: string;
  uri: string;
  source: string;
}

export function provisionerRows(provisioners: readonly Provisioner[]): ProvisionerRow[] {
  return provisioners.map((p) => ({
    type: p.type,
    class: p.class ?? null,
    id: p.id ?? null,
    params: [...(p.supportedParams ?? [])],
    outputs: [...(p.expectedOutputs ?? [])],
    description: p.description ?? '',
    uri: p.uri,
    source: `${p.file}:${p.line}`,
  }));
}

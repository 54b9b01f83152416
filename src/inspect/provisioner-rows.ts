/** Rows for `score-ts provisioners list`: what each loaded provisioner serves, in matching order. */
import type { Provisioner } from '../provision/provisioner-file.js';

export interface ProvisionerRow {
  type: string;
  class: string;
  id: string;
  params: string[];
  outputs: string[];
  description: string;
  uri: string;
  source: string;
}

export function provisionerRows(provisioners: readonly Provisioner[]): ProvisionerRow[] {
  return provisioners.map((p) => ({
    type: p.type,
    class: p.class ?? '(any)',
    id: p.id ?? '(any)',
    params: [...(p.supportedParams ?? [])],
    outputs: [...(p.expectedOutputs ?? [])],
    description: p.description ?? '',
    uri: p.uri,
    source: `${p.file}:${p.line}`,
  }));
}

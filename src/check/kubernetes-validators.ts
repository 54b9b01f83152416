/**
 * The precompiled validators of the Kubernetes kinds score-ts checks (made by the build: see
 * src/build/k8s-schemas.ts), loaded on first use: a run whose objects all come from built-in provisioners
 * never loads them.
 */
import type { ValidateFunction } from 'ajv';
import { precompiled } from '../base/precompiled.js';

export const KUBERNETES_VALIDATORS = 'kubernetes-validators.cjs';

/** Validators by `apiVersion/kind` (`apps/v1/Deployment`). */
export type KindValidators = Readonly<Record<string, ValidateFunction>>;

/** Each object type's fields and the type each leads to, from each kind's root (see fieldTable in k8s-schemas.ts). */
export interface FieldTable {
  readonly roots: Readonly<Record<string, string>>;
  readonly types: Readonly<Record<string, { readonly f?: Readonly<Record<string, string | null>>; readonly m?: string }>>;
}

export function loadKindValidators(): { validators: KindValidators; fields: FieldTable } {
  return precompiled().kubernetes() as { validators: KindValidators; fields: FieldTable };
}

/**
 * What the build precompiles (src/build/generate-artifacts.ts writes dist/generated/): the JSON schemas as
 * validators and the built-in provisioners, parsed and checked, with their templates. Run-time modules take
 * them from here and never compile them. They are provided once, before the CLI runs: by the bundle's entry
 * (src/build/bundle-entry.cjs) for users and by the test setup (test/support/precompiled-setup.ts) for the
 * tests, both from the same dist/generated/ modules.
 */
import type { ValidateFunction } from 'ajv';

export type SchemaName = 'score' | 'project' | 'provisioners';

export interface Precompiled {
  validator(schema: SchemaName): ValidateFunction;
  /** CachedProvisioner records (provision/provisioner-file.ts), as generated code gives them. */
  builtInProvisioners(): readonly unknown[];
  /** The precompiled templates of one built-in provisioner (CachedProvisioner.module), by stage. */
  builtInTemplates(module: string): Record<string, unknown>;
  /** The Kubernetes validators and field table (check/kubernetes-validators.ts), as generated code gives them. */
  kubernetes(): unknown;
}

let provided: Precompiled | undefined;

export function providePrecompiled(precompiled: Precompiled): void {
  provided = precompiled;
}

export function precompiled(): Precompiled {
  if (!provided) throw new Error('score-ts was started without its precompiled validators and provisioners: run `npm run build`');
  return provided;
}

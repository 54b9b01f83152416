/**
 * Build time only: where generate-artifacts.ts writes what the build precompiles (dist/generated/), which the
 * bundle includes and the tests load (see src/base/precompiled.ts).
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../base/package-path.js';

export const ARTIFACTS_DIR = ['dist', 'generated'] as const;

export function artifactPath(name: string): string {
  return packagePath(...ARTIFACTS_DIR, name);
}

export function readPackageFile(...segments: string[]): string {
  return readFileSync(packagePath(...segments), 'utf8');
}

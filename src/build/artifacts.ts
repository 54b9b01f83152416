/**
 * Build-time artifacts that make every run start fast: the two JSON schemas as precompiled ajv validators
 * and the built-in provisioner files parsed, checked and precompiled. Each carries the hash of the file it
 * was made from; a stale or missing artifact is ignored and the source is compiled at run time instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from '../package-path.js';

export const ARTIFACTS_DIR = ['dist', 'generated'] as const;
const require = createRequire(import.meta.url);

export function sourceHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function artifactPath(name: string): string {
  return packagePath(...ARTIFACTS_DIR, name);
}

/** A generated CommonJS module, when it exists and was made from `sourceText`. */
export function loadArtifact<T>(name: string, sourceText: string): T | undefined {
  const file = artifactPath(name);
  if (!existsSync(file)) return undefined;
  const artifact = require(file) as { sourceHash: string; value: T };
  return artifact.sourceHash === sourceHash(sourceText) ? artifact.value : undefined;
}

/** A generated module written by the same build as an artifact that was checked with loadArtifact. */
export function loadArtifactModule<T>(name: string): T {
  return require(artifactPath(name)) as T;
}

export function readPackageFile(...segments: string[]): string {
  return readFileSync(packagePath(...segments), 'utf8');
}

/**
 * Build-time artifacts that make every run start fast: the JSON schemas as precompiled ajv validators
 * and the built-in provisioner files parsed, checked and precompiled. Beside each is a copy of the source text
 * it was made from (`NAME.source`): an artifact is used only while its source is that exact text, so a stale
 * or missing artifact is ignored and the source is compiled at run time instead. (A comparison, not a hash:
 * hashing would load node:crypto, which a usual run does not need.)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { packagePath } from './package-path.js';

export const ARTIFACTS_DIR = ['dist', 'generated'] as const;

/** Loaded artifacts, with the scripts they were compiled from (for their code caches). */
const loaded = new Map<string, { exports: unknown; script: vm.Script }>();

/**
 * Requires a generated module with V8's code cache beside it (`FILE.cache`, written by the build after a sample
 * run, as for the bundle), so its functions need not be compiled again; a stale cache is rejected by V8.
 */
function requireWithCodeCache(file: string): unknown {
  const known = loaded.get(file);
  if (known) return known.exports;
  const cacheFile = `${file}.cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  loaded.set(file, { exports: module.exports, script });
  return module.exports;
}

/** Writes the code cache of every artifact this process loaded (the build calls it after its sample run). */
export function saveArtifactCodeCaches(): void {
  for (const [file, { script }] of loaded) writeFileSync(`${file}.cache`, script.createCachedData());
}

export function artifactPath(name: string): string {
  return packagePath(...ARTIFACTS_DIR, name);
}

/** Where the build keeps the source text an artifact was made from. */
export function artifactSourcePath(name: string): string {
  return `${artifactPath(name)}.source`;
}

/** A generated CommonJS module's `value`, when it exists and was made from `sourceText`. */
export function loadArtifact<T>(name: string, sourceText: string): T | undefined {
  const file = artifactPath(name);
  const source = artifactSourcePath(name);
  if (!existsSync(file) || !existsSync(source) || readFileSync(source, 'utf8') !== sourceText) return undefined;
  return (requireWithCodeCache(file) as { value: T }).value;
}

/** A generated module written by the same build as an artifact that was checked with loadArtifact. */
export function loadArtifactModule<T>(name: string): T {
  return requireWithCodeCache(artifactPath(name)) as T;
}

export function readPackageFile(...segments: string[]): string {
  return readFileSync(packagePath(...segments), 'utf8');
}

/**
 * Build-time artifacts that make every run start fast: the two JSON schemas as precompiled ajv validators
 * and the built-in provisioner files parsed, checked and precompiled. Each carries the hash of the file it
 * was made from; a stale or missing artifact is ignored and the source is compiled at run time instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { packagePath } from '../package-path.js';

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
  const artifact = requireWithCodeCache(file) as { sourceHash: string; value: T };
  return artifact.sourceHash === sourceHash(sourceText) ? artifact.value : undefined;
}

/** A generated module written by the same build as an artifact that was checked with loadArtifact. */
export function loadArtifactModule<T>(name: string): T {
  return requireWithCodeCache(artifactPath(name)) as T;
}

export function readPackageFile(...segments: string[]): string {
  return readFileSync(packagePath(...segments), 'utf8');
}

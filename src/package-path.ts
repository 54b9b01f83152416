/** Files shipped with the package (schemas, built-in provisioners), found relative to this module. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This file is src/package-path.ts (tests) or dist/package-path.js (built): the package root is one level up.
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function packagePath(...segments: string[]): string {
  return path.join(packageRoot, ...segments);
}

/** The version of this score-ts (package.json's). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

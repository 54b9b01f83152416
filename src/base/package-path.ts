/** Files shipped with the package (schemas, built-in provisioners), found relative to this module. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This module runs as src/base/package-path.ts (tests), dist/base/package-path.js (built) or inside the bundle
// dist/score-ts.cjs: the package root is the nearest folder above it with a package.json.
const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) || dir === path.dirname(dir)) return dir;
  }
}

export function packagePath(...segments: string[]): string {
  return path.join(packageRoot, ...segments);
}

/** The version of this score-ts (package.json's). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

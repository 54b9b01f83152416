/**
 * The full YAML library (positions, anchors with limits, exact diagnostics), loaded on first use: a run that
 * meets no error, alias or override flag never needs it, and loading it is a noticeable part of a short run.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let library: typeof import('yaml') | undefined;

export function yamlLibrary(): typeof import('yaml') {
  library ??= require('yaml') as typeof import('yaml');
  return library;
}

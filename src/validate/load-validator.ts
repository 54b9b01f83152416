/**
 * A JSON-schema validator: the one precompiled by the build when it matches the schema file, otherwise the
 * schema compiled now with ajv (loaded only then, since loading and compiling cost most of a short run).
 */
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { loadArtifact, readPackageFile } from '../base/artifacts.js';

const require = createRequire(import.meta.url);

export function loadValidator(artifact: string, schemaFile: string, strict: boolean): ValidateFunction {
  const text = readPackageFile('schemas', schemaFile);
  const precompiled = loadArtifact<ValidateFunction>(artifact, text);
  if (precompiled) return precompiled;
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  return new Ajv2020({ allErrors: true, strict }).compile(JSON.parse(text) as object);
}

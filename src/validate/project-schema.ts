/** Validates score-ts.yaml against schemas/score-ts-project.schema.json. */
import type { ValidateFunction } from 'ajv';
import type { Diagnostic } from '../base/errors.js';
import { precompiled } from '../base/precompiled.js';
import { schemaErrorsToDiagnostics, type Locate } from './schema-errors.js';

let compiled: ValidateFunction | undefined;

/** Every schema violation in the project file, each located in it. */
export function checkProjectSchema(value: unknown, locate: Locate): Diagnostic[] {
  compiled ??= precompiled().validator('project');
  if (compiled(value)) return [];
  return schemaErrorsToDiagnostics(compiled.errors ?? [], locate, value);
}

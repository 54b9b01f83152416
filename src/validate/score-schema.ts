/** Validates a Score document against schemas/score-v1b1.json, the project's own schema. */
import type { ValidateFunction } from 'ajv';
import type { Diagnostic } from '../base/errors.js';
import { precompiled } from '../base/precompiled.js';
import { schemaErrorsToDiagnostics, type Locate } from './schema-errors.js';

let compiled: ValidateFunction | undefined;

function scoreValidator(): ValidateFunction {
  compiled ??= precompiled().validator('score');
  return compiled;
}

/** Every schema violation in the document, each located in the user's files. */
export function checkScoreSchema(value: unknown, locate: Locate): Diagnostic[] {
  const validate = scoreValidator();
  if (validate(value)) return [];
  return schemaErrorsToDiagnostics(validate.errors ?? [], locate, value);
}

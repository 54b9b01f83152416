/** Validates a Score document against schemas/score-v1b1.json, the project's own schema. */
import type { ValidateFunction } from 'ajv';
import type { Diagnostic } from '../base/errors.js';
import { loadValidator } from './load-validator.js';
import { schemaErrorsToDiagnostics, type Locate } from './schema-errors.js';

let compiled: ValidateFunction | undefined;

function scoreValidator(): ValidateFunction {
  compiled ??= loadValidator('score-validator.cjs', 'score-v1b1.json', false);
  return compiled;
}

/** Every schema violation in the document, each located in the user's files. */
export function checkScoreSchema(value: unknown, locate: Locate): Diagnostic[] {
  const validate = scoreValidator();
  if (validate(value)) return [];
  return schemaErrorsToDiagnostics(validate.errors ?? [], locate, value);
}

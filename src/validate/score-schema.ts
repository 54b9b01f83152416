/** Validates a Score document against schemas/score-v1b1.json, the project's own schema. */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../errors.js';
import { packagePath } from '../package-path.js';
import { schemaErrorsToDiagnostics, type Locate } from './schema-errors.js';

let compiled: ValidateFunction | undefined;

function scoreValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(packagePath('schemas', 'score-v1b1.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Every schema violation in the document, each located in the user's files. */
export function checkScoreSchema(value: unknown, locate: Locate): Diagnostic[] {
  const validate = scoreValidator();
  if (validate(value)) return [];
  return schemaErrorsToDiagnostics(validate.errors ?? [], locate);
}

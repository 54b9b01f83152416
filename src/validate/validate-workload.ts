/** Checks a Score document: the schema first, then the rules a schema cannot express. */
import type { Diagnostic } from '../base/errors.js';
import type { Locator, ScoreWorkload } from '../base/types.js';
import { checkScoreSchema } from './score-schema.js';
import { SECRET_HELPER_PREFIX } from '../base/secret-ref.js';
import { fieldProblem } from '../base/diagnostics.js';

export function validateWorkload(value: unknown, locate: Locator): Diagnostic[] {
  const problems = checkScoreSchema(value, locate);
  if (problems.length > 0) return problems;
  return checkRules(value as ScoreWorkload, locate);
}

/** Rules beyond the schema: each returns the problems it finds. */
function checkRules(spec: ScoreWorkload, locate: Locator): Diagnostic[] {
  return [...checkDuplicateTargets(spec, locate), ...checkReservedVariableNames(spec, locate)];
}

/** Helper variables carry secrets into mixed values (convert/env.ts): a variable of that name would replace one. */
function checkReservedVariableNames(spec: ScoreWorkload, locate: Locator): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [name, container] of Object.entries(spec.containers)) {
    for (const variable of Object.keys(container.variables ?? {})) {
      if (!variable.startsWith(SECRET_HELPER_PREFIX)) continue;
      const path = ['containers', name, 'variables', variable];
      problems.push(
        fieldProblem(
          locate,
          path,
          `the prefix ${SECRET_HELPER_PREFIX} is reserved for the variables score-ts adds to carry secrets into values: rename the variable`,
          true,
        ),
      );
    }
  }
  return problems;
}

/** The deprecated list form of files/volumes can name one target twice; Kubernetes rejects duplicate mounts. */
function checkDuplicateTargets(spec: ScoreWorkload, locate: Locator): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [name, container] of Object.entries(spec.containers)) {
    const seen = new Set<string>();
    for (const field of ['files', 'volumes'] as const) {
      const list = container[field];
      const targets = Array.isArray(list) ? list.map((e) => e.target) : Object.keys(list ?? {});
      targets.forEach((target, index) => {
        if (typeof target !== 'string') return;
        if (seen.has(target)) {
          const path = ['containers', name, field, Array.isArray(list) ? index : target];
          problems.push(
            fieldProblem(locate, path, `'${target}' is already mounted by another file or volume of this container`, !Array.isArray(list)),
          );
        }
        seen.add(target);
      });
    }
  }
  return problems;
}

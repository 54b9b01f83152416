/** Container `variables` -> env, sorted by name, placeholders expanded. */
import type { Container } from '../types.js';
import { expandText, PlaceholderError, type ExpandContext } from './expand.js';
import type { Problems } from './problems.js';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

export function convertVariables(containerName: string, container: Container, ctx: ExpandContext, problems: Problems): EnvVar[] {
  const env: EnvVar[] = [];
  for (const name of Object.keys(container.variables ?? {}).sort()) {
    const path = ['containers', containerName, 'variables', name];
    const value = problems.attempt(path, PlaceholderError, () => expandText(container.variables![name]!, ctx));
    if (value !== undefined) env.push({ name, value: escapeKubernetesExpansion(value) });
  }
  return env;
}

/**
 * Kubernetes expands `$(NAME)` in env values and turns `$$` into `$`. Score values are literal, so every
 * `$` is doubled: the container sees exactly the value the Score file meant.
 */
export function escapeKubernetesExpansion(value: string): string {
  return value.includes('$') ? value.replace(/\$/g, '$$$$') : value;
}

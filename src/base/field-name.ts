import type { FieldPath } from './types.js';

/**
 * Field names in the --override-property syntax, so a user can paste them: dots inside keys are escaped
 * (`metadata.annotations.k8s\.score\.dev/kind`) and list items are `[index]`.
 */
export function fieldName(path: FieldPath): string {
  return path
    .map((s) => (typeof s === 'number' ? `[${s}]` : s.replace(/\\/g, '\\\\').replace(/\./g, '\\.').replace(/\[/g, '\\[')))
    .join('.')
    .replace(/\.\[/g, '[');
}

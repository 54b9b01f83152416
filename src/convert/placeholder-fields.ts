/**
 * The fields of a workload where placeholders expand: container variables (env.ts), inline file content
 * unless noExpand (files.ts), volume sources (volumes.ts), and resource params (expanded when provisioning).
 */
import { entriesByTarget } from '../base/container-entries.js';
import { forEachString } from '../base/plain-data.js';
import type { ContainerFile, ContainerVolume, FieldPath, WorkloadInput } from '../base/types.js';

/** Every string of a workload where placeholders are expanded, with its path. */
export function placeholderFields(workload: WorkloadInput): Array<[string, FieldPath]> {
  const fields: Array<[string, FieldPath]> = [];
  for (const [name, container] of Object.entries(workload.spec.containers)) {
    for (const [key, value] of Object.entries(container.variables ?? {})) fields.push([value, ['containers', name, 'variables', key]]);
    for (const { value, path } of entriesByTarget<ContainerFile>(container.files, ['containers', name, 'files'], () => {})) {
      if (typeof value.content === 'string' && !value.noExpand) fields.push([value.content, [...path, 'content']]);
    }
    for (const { value, path } of entriesByTarget<ContainerVolume>(container.volumes, ['containers', name, 'volumes'], () => {})) {
      fields.push([value.source, [...path, 'source']]);
    }
  }
  for (const [name, resource] of Object.entries(workload.spec.resources ?? {})) {
    forEachString(resource.params, ['resources', name, 'params'], (text, path) => fields.push([text, path]));
  }
  return fields;
}

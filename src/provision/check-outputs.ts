/**
 * Before anything is provisioned: every `${resources.NAME.OUTPUT}` a workload reads must be an output
 * its provisioner promises (when the provisioner lists expected_outputs).
 */
import { entriesByTarget } from '../base/container-entries.js';
import { parsePlaceholders, PlaceholderSyntaxError } from '../convert/placeholders.js';
import { ProvisionError, type Diagnostic } from '../base/errors.js';
import type { ContainerFile, ContainerVolume, FieldPath, WorkloadInput } from '../base/types.js';
import { fieldName } from '../base/field-name.js';
import type { Provisioner } from './provisioner-file.js';
import type { ResourceGraph } from './resource-graph.js';
import { forEachString } from '../base/plain-data.js';

/** Checks the references and returns, per resource uid, the output names the workloads read. */
export function checkOutputReferences(workloads: readonly WorkloadInput[], graph: ResourceGraph, matched: ReadonlyMap<string, Provisioner>): Map<string, Set<string>> {
  const problems: Diagnostic[] = [];
  const referenced = new Map<string, Set<string>>();
  for (const workload of workloads) {
    for (const [text, path] of placeholderFields(workload)) {
      for (const ref of references(text)) {
        const [, resource, output] = ref.ref;
        const uid = resource === undefined ? undefined : graph.uidOf(workload.name, resource);
        if (uid !== undefined && output !== undefined) referenced.set(uid, (referenced.get(uid) ?? new Set<string>()).add(output));
        const expected = uid === undefined ? undefined : matched.get(uid)?.expectedOutputs;
        if (!expected || output === undefined || expected.includes(output)) continue;
        problems.push({
          location: workload.locate(path, false),
          field: fieldName(path),
          message: `${ref.source}: ${matched.get(uid!)!.uri} gives no output '${output}' (it gives: ${expected.join(', ')})`,
        });
      }
    }
  }
  if (problems.length > 0) throw new ProvisionError('workloads read outputs their resources do not give', problems);
  return referenced;
}

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

/** The `${resources...}` placeholders of a text (none when its placeholders do not parse). */
export function references(text: string) {
  try {
    return parsePlaceholders(text).flatMap((p) => ('ref' in p && p.ref[0] === 'resources' ? [p] : []));
  } catch (e) {
    if (e instanceof PlaceholderSyntaxError) return [];
    throw e;
  }
}

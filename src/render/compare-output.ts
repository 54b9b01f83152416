/**
 * `generate --check`: what differs between the manifests file on disk and what generate would write, as a
 * short list a person can read in a CI log (objects added, removed, changed, with the changed fields).
 */
import { parseYamlStream } from '../yaml/yaml-source.js';
import { isPlainMap } from '../base/plain-data.js';

const MAX_FIELDS = 4;

/** One line per object that differs; empty when only the formatting differs. */
export function describeDifferences(previousText: string, nextText: string): string[] {
  const before = indexObjects(readObjects(previousText));
  const after = indexObjects(readObjects(nextText));
  const lines: string[] = [];
  for (const [id, object] of after) {
    const old = before.get(id);
    if (old === undefined) lines.push(`+ ${id}: would be added`);
    else {
      const fields = changedFields(old, object, '');
      if (fields.length > 0)
        lines.push(
          `~ ${id}: ${fields.slice(0, MAX_FIELDS).join(', ')}${fields.length > MAX_FIELDS ? ` and ${fields.length - MAX_FIELDS} more` : ''}`,
        );
    }
  }
  for (const id of before.keys()) if (!after.has(id)) lines.push(`- ${id}: would be removed`);
  return lines;
}

/** The objects of a manifests file in any of the output formats (JSON and KYAML are YAML too). */
function readObjects(text: string): unknown[] {
  try {
    // A file that cannot be read as values (a circular alias makes a value contain itself) reads as no objects.
    return parseYamlStream(text).flatMap((v): unknown[] =>
      isPlainMap(v) && v.kind === 'List' && Array.isArray(v.items) ? v.items : v === null || v === undefined ? [] : [v],
    );
  } catch {
    return [];
  }
}

function indexObjects(objects: readonly unknown[]): Map<string, unknown> {
  const index = new Map<string, unknown>();
  objects.forEach((o, i) => index.set(objectId(o, i), o));
  return index;
}

function objectId(o: unknown, position: number): string {
  if (!isPlainMap(o) || !isPlainMap(o.metadata)) return `object #${position + 1}`;
  const namespace = typeof o.metadata.namespace === 'string' ? `${o.metadata.namespace}/` : '';
  return `${String(o.kind)} ${namespace}${String(o.metadata.name)}`;
}

/** The paths where two values differ (a whole subtree counts once). */
function changedFields(a: unknown, b: unknown, at: string): string[] {
  if (isPlainMap(a) && isPlainMap(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changedFields(a[k], b[k], at === '' ? k : `${at}.${k}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((v, i) => changedFields(v, b[i], `${at}[${i}]`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [at === '' ? '(the whole object)' : at];
}

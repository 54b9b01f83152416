/**
 * Patch templates applied one at a time, keeping track of who made each object: an object a template adds
 * (or renames, or moves to another namespace) is that template's; every other object keeps its maker. After
 * each template, identical objects are merged and two different objects with one name are refused, as in
 * assembly (render/same-objects.ts).
 */
import type { Manifest } from '../base/types.js';
import type { TemplateData } from '../templates/template-engine.js';
import type { ManifestSource, SourcedManifest } from '../base/manifest-source.js';
import { mergeSameObjects, objectIdentity } from '../render/same-objects.js';
import { applyPatchTemplates, type PatchContext, type PatchTemplate } from './patch-templates.js';

export function applyPatchTemplatesWithSources(
  objects: readonly SourcedManifest[],
  templates: readonly PatchTemplate[],
  context: PatchContext,
  data: TemplateData,
  trace: (line: string) => void,
  unchecked: Set<string> = new Set(),
): SourcedManifest[] {
  let current = [...objects];
  for (const template of templates) {
    const patched = applyPatchTemplates(
      current.map((o) => o.manifest),
      [template],
      context,
      data,
      trace,
      unchecked,
    );
    current = mergeSameObjects(
      withMakers(current, patched, { kind: 'patch', template: template.display, location: { file: template.display } }),
    );
  }
  return current;
}

/** The first object with an identity that existed before keeps that object's maker; any other is the template's. */
function withMakers(before: readonly SourcedManifest[], after: readonly Manifest[], template: ManifestSource): SourcedManifest[] {
  const makers = new Map(before.map((o) => [objectIdentity(o.manifest), o.source]));
  return after.map((manifest) => {
    const id = objectIdentity(manifest);
    const source = makers.get(id) ?? template;
    makers.delete(id);
    return { manifest, source };
  });
}

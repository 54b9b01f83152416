/**
 * Who made each object of the output: a workload's conversion, a provisioner for one resource, a patch
 * template, or the run itself (--generate-namespace). Kept with the object through assembly and patching so
 * that a name conflict names both makers, and the run's summary names the maker of an object to review.
 */
import { formatLocation, type Location } from './errors.js';
import type { Manifest, WorkloadInput } from './types.js';

export type ManifestSource =
  | { readonly kind: 'workload'; readonly workload: string; readonly location: Location }
  | { readonly kind: 'provisioner'; readonly uri: string; readonly uid: string; readonly workload: string; readonly location: Location }
  | { readonly kind: 'patch'; readonly template: string; readonly location: Location }
  | { readonly kind: 'run'; readonly flag: string; readonly location: Location };

export interface SourcedManifest {
  readonly manifest: Manifest;
  readonly source: ManifestSource;
}

/** `workload 'api'`, `provisioner template://pg (resource postgres.default#api.db)`, `patch template ...`. */
export function describeSource(source: ManifestSource): string {
  switch (source.kind) {
    case 'workload':
      return `workload '${source.workload}'`;
    case 'provisioner':
      return `provisioner ${source.uri} (resource ${source.uid})`;
    case 'patch':
      return `patch template ${source.template}`;
    case 'run':
      return source.flag;
  }
}

/** The source described with its place, for naming the other side of a conflict: `workload 'api' (api.yaml:3:9)`. */
export function describeSourceAt(source: ManifestSource): string {
  const where = source.kind === 'run' ? '' : formatLocation(source.location);
  return where === '' ? describeSource(source) : `${describeSource(source)} (${where})`;
}

/** The objects of one maker, each with that maker as its source. */
export function sourced(manifests: readonly Manifest[], source: ManifestSource): SourcedManifest[] {
  return manifests.map((manifest) => ({ manifest, source }));
}

/**
 * A provisioner's objects for one resource, located at the provisioner's entry in its file; `workload` is the
 * resource's source workload (the first of a shared resource's), whose label its objects carry.
 */
export function provisionerSource(
  provisioner: { readonly uri: string; readonly file: string; readonly line: number },
  uid: string,
  workload: string,
): ManifestSource {
  return {
    kind: 'provisioner',
    uri: provisioner.uri,
    uid,
    workload,
    location: { file: provisioner.file, line: provisioner.line, column: 1 },
  };
}

/**
 * A workload's own objects, located at its metadata.name. The location is found on first use: finding it parses
 * the Score file's positions, which a run needs only to report a conflict.
 */
export function workloadSource(workload: WorkloadInput): ManifestSource {
  let location: Location | undefined;
  return {
    kind: 'workload',
    workload: workload.name,
    get location() {
      return (location ??= workload.locate(['metadata', 'name'], false));
    },
  };
}

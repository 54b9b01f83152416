/**
 * `--format` as a Go template with sprig's functions, as score-k8s's `resources get-outputs` takes it (the
 * Score samples' Makefiles run `--format '{{ .host }}'` to find the app): a `--format` value with `{{` in it
 * is a template, executed once on the command's data (go-format.ts); any other value names a format.
 */
import { lazyModule } from '../base/lazy-module.js';
import type { ResourceRow } from './resource-rows.js';

/** go-format.ts, loaded on first use (base/lazy-module.ts). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a literal require() is how esbuild makes the module a lazy initialisation (base/lazy-module.ts)
const goFormat = lazyModule('go-format', () => require('./go-format.js') as typeof import('./go-format.js'));

/** Whether a `--format` value is a Go template rather than a format's name. */
export function isTemplateFormat(format: string): boolean {
  return format.includes('{{');
}

/** A resource's outputs through the template (`.` is the map of outputs, as in score-k8s). */
export function formatOutputs(format: string, outputs: Readonly<Record<string, unknown>>): string {
  return goFormat().renderFormatTemplate(format, outputs);
}

/**
 * The resource list through the template: `.` is the list of rows, each a map with score-ts's fields (uid,
 * type, class, id, workload, provisioner, outputs) and score-k8s's list fields (UID, Outputs).
 */
export function formatResourceRows(format: string, rows: readonly ResourceRow[]): string {
  return goFormat().renderFormatTemplate(
    format,
    rows.map((r) => ({ ...r, UID: r.uid, Outputs: r.outputs })),
  );
}

/**
 * The files that hold a project's manifests (with Secret data) or state: a Score file must never read them as
 * `files.*.source`. The state remembers every file generate wrote the manifests to, so a run that writes
 * elsewhere (or to stdout) still protects the files earlier runs wrote.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compareStrings } from '../base/sorted.js';
import { outputFileOf } from './output-target.js';
import { stateDir } from './state.js';

/** The default output, which most projects use. */
export const DEFAULT_OUTPUT = 'manifests.yaml';

/**
 * Absolute paths: the state file, the default output, the outputs the state remembers and this run's files
 * (`-o`, `--secrets-output`).
 */
export function protectedFiles(
  projectDir: string,
  remembered: readonly string[] | undefined,
  ...outputs: Array<string | undefined>
): string[] {
  const files = [path.join(stateDir(projectDir), 'state.yaml'), DEFAULT_OUTPUT, ...(remembered ?? [])].map((f) =>
    path.resolve(projectDir, f),
  );
  return [...files, ...currentFiles(projectDir, outputs)];
}

/**
 * The outputs to remember after this run: the earlier ones that still exist, and this run's files.
 * Relative to the project with '/' separators when inside it (the project folder may move), else absolute.
 */
export function rememberedOutputs(
  projectDir: string,
  remembered: readonly string[] | undefined,
  ...outputs: Array<string | undefined>
): string[] {
  const kept = (remembered ?? []).filter((f) => existsSync(path.resolve(projectDir, f)));
  const all = new Set([...kept, ...currentFiles(projectDir, outputs).map((f) => asRemembered(projectDir, f))]);
  return [...all].sort(compareStrings);
}

/** The files among this run's outputs (not stdout, not descriptors). */
function currentFiles(projectDir: string, outputs: ReadonlyArray<string | undefined>): string[] {
  return outputs
    .flatMap((output) => (output === undefined ? [] : [outputFileOf(output, projectDir)]))
    .filter((f): f is string => f !== undefined);
}

function asRemembered(projectDir: string, file: string): string {
  const relative = path.relative(path.resolve(projectDir), file);
  const inside = relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  return inside ? relative.split(path.sep).join('/') : file;
}

/**
 * The files that hold a project's manifests (with Secret data) or state: a Score file must never read them as
 * `files.*.source`. The state remembers every file generate wrote the manifests to, so a run that writes
 * elsewhere (or to stdout) still protects the files earlier runs wrote.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compareStrings } from '../convert/sorted.js';
import { outputFileOf } from '../render/output-target.js';
import { stateDir } from './state.js';

/** The default output, which most projects use. */
const DEFAULT_OUTPUT = 'manifests.yaml';

/** Absolute paths: the state file, the default output, the outputs the state remembers and this run's `-o` file. */
export function protectedFiles(projectDir: string, remembered: readonly string[] | undefined, output: string | undefined): string[] {
  const current = output === undefined ? undefined : outputFileOf(output, projectDir);
  const files = [path.join(stateDir(projectDir), 'state.yaml'), DEFAULT_OUTPUT, ...(remembered ?? [])].map((f) => path.resolve(projectDir, f));
  return current ? [...files, current] : files;
}

/**
 * The outputs to remember after this run: the earlier ones that still exist, and this run's `-o` file.
 * Relative to the project with '/' separators when inside it (the project folder may move), else absolute.
 */
export function rememberedOutputs(projectDir: string, remembered: readonly string[] | undefined, output: string | undefined): string[] {
  const current = output === undefined ? undefined : outputFileOf(output, projectDir);
  const kept = (remembered ?? []).filter((f) => existsSync(path.resolve(projectDir, f)));
  const all = new Set(current ? [...kept, asRemembered(projectDir, current)] : kept);
  return [...all].sort(compareStrings);
}

function asRemembered(projectDir: string, file: string): string {
  const relative = path.relative(path.resolve(projectDir), file);
  const inside = relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  return inside ? relative.split(path.sep).join('/') : file;
}

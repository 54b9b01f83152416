/** Writing what a generate run made: the state, score-ts.yaml when it changed, the Secrets file and the manifests, together. */
import path from 'node:path';
import type { GenerateResult } from './pipeline.js';
import type { SecretsText } from './render/output-text.js';
import { batches, stageFile, writeFilesTogether, type FileToWrite, type StagedFile } from './base/write-file.js';
import { resolveOutputTarget, SECRETS_ROLE } from './project/output-target.js';
import { PROJECT_FILE } from './project/project-file.js';
import { prepareStateDir, stateFile } from './project/state.js';

/**
 * Writes the state, the Secrets file (--secrets-output) and the manifests together: all are staged first, so a
 * failure leaves all as they were; then the state is renamed into place first (the source of truth: a run
 * interrupted between the renames is repaired by the next). The output is staged before anything else: its
 * objects may be made as it is written, and a problem found then leaves even the state folder untouched.
 * A descriptor (`-o /dev/fd/3`, `/dev/stderr`) is written directly, before the state, like a device.
 * Returns true when the state folder had to be made private again.
 */
export function writeGenerated(result: GenerateResult, output: string, projectDir: string, stdout: (text: string) => void): boolean {
  const target = resolveOutputTarget(output, projectDir);
  if (target.kind === 'stdout') {
    // Every piece is made (and checked) before the state is saved and anything is printed.
    const pieces = [...result.output.text()];
    const tightened = writeWithState(result, projectDir, []);
    for (const batch of batches(pieces)) stdout(batch);
    return tightened;
  }
  const staged = stageFile(
    target.kind === 'descriptor'
      ? { file: output, fd: target.fd, content: result.output.text(), displayPath: output }
      : { file: target.file, content: result.output.text(), displayPath: output, mode: () => outputMode(result), keepMode: true },
  );
  return writeWithState(result, projectDir, [staged]);
}

/** The state, score-ts.yaml and the Secrets file, staged and then committed with the output already staged. */
function writeWithState(result: GenerateResult, projectDir: string, output: readonly StagedFile[]): boolean {
  let tightened: boolean;
  let files: FileToWrite[];
  try {
    const secrets = result.secrets ? [secretsFile(result.secrets, projectDir)] : [];
    tightened = prepareStateDir(projectDir);
    const state = stateFile(projectDir, result.state);
    const update = result.projectFileUpdate;
    const project = update
      ? [{ file: path.join(projectDir, PROJECT_FILE), content: update.text, displayPath: PROJECT_FILE, keepMode: true }]
      : [];
    files = [state, ...project, ...secrets];
  } catch (e) {
    for (const staged of output) staged.discard();
    throw e;
  }
  writeFilesTogether(files, output);
  return tightened;
}

/** The Secrets file: like the output, but a new one is always private (it is there to hold passwords). */
function secretsFile(secrets: SecretsText, projectDir: string): FileToWrite {
  const target = resolveOutputTarget(secrets.file, projectDir, SECRETS_ROLE);
  if (target.kind === 'stdout') throw new Error('the Secrets file cannot be stdout (refused with the flags)');
  if (target.kind === 'descriptor') return { file: secrets.file, fd: target.fd, content: secrets.text(), displayPath: secrets.file };
  return { file: target.file, content: secrets.text(), displayPath: secrets.file, mode: 0o600, keepMode: true };
}

/** A new output file holding a Secret with data is made its owner's only (0600): it holds generated passwords. */
function outputMode(result: GenerateResult): number {
  return result.output.written().holdsSecretData ? 0o600 : 0o644;
}

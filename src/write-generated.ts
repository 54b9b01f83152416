/** Writing what a generate run made: the state, score-ts.yaml when it changed, the Secrets file and the manifests, together. */
import path from 'node:path';
import type { GenerateResult } from './pipeline.js';
import type { SecretsText } from './render/output-text.js';
import { batches, writeFilesTogether, type FileToWrite } from './base/write-file.js';
import { resolveOutputTarget, SECRETS_ROLE } from './project/output-target.js';
import type { Manifest } from './base/types.js';
import { PROJECT_FILE } from './project/project-file.js';
import { prepareStateDir, stateFile } from './project/state.js';

/**
 * Writes the state, the Secrets file (--secrets-output) and the manifests together: all are staged first, so a
 * failure leaves all as they were; then the state is renamed into place first (the source of truth: a run
 * interrupted between the renames is repaired by the next).
 * A descriptor (`-o /dev/fd/3`, `/dev/stderr`) is written directly, before the state, like a device.
 * Returns true when the state folder had to be made private again.
 */
export function writeGenerated(result: GenerateResult, output: string, projectDir: string, stdout: (text: string) => void): boolean {
  const target = resolveOutputTarget(output, projectDir);
  const secrets = result.secrets ? [secretsFile(result.secrets, projectDir)] : [];
  const tightened = prepareStateDir(projectDir);
  const state = stateFile(projectDir, result.state);
  const update = result.projectFileUpdate;
  const project = update
    ? [{ file: path.join(projectDir, PROJECT_FILE), content: update.text, displayPath: PROJECT_FILE, keepMode: true }]
    : [];
  const saved = [state, ...project, ...secrets];
  if (target.kind === 'stdout') {
    // Every piece is made (and checked) before the state is saved and anything is printed.
    const pieces = [...result.output.text()];
    writeFilesTogether(saved);
    for (const batch of batches(pieces)) stdout(batch);
  } else if (target.kind === 'descriptor') {
    writeFilesTogether([...saved, { file: output, fd: target.fd, content: result.output.text(), displayPath: output }]);
  } else {
    const mode = result.output.manifests.some(holdsSecretData) ? 0o600 : 0o644;
    writeFilesTogether([...saved, { file: target.file, content: result.output.text(), displayPath: output, mode, keepMode: true }]);
  }
  return tightened;
}

/** The Secrets file: like the output, but a new one is always private (it is there to hold passwords). */
function secretsFile(secrets: SecretsText, projectDir: string): FileToWrite {
  const target = resolveOutputTarget(secrets.file, projectDir, SECRETS_ROLE);
  if (target.kind === 'stdout') throw new Error('the Secrets file cannot be stdout (refused with the flags)');
  if (target.kind === 'descriptor') return { file: secrets.file, fd: target.fd, content: secrets.text(), displayPath: secrets.file };
  return { file: target.file, content: secrets.text(), displayPath: secrets.file, mode: 0o600, keepMode: true };
}

/**
 * A Secret with data: its output file, when new, is made readable by its owner only (0600), since it holds
 * generated passwords. Other new files get 0644 less the umask; an existing file keeps its mode.
 */
function holdsSecretData(manifest: Manifest): boolean {
  const { data, stringData } = manifest as { data?: unknown; stringData?: unknown };
  return manifest.kind === 'Secret' && [data, stringData].some((d) => typeof d === 'object' && d !== null && Object.keys(d).length > 0);
}

/** The last lines of generate: where the objects went, and (with --secrets-output) where the Secrets went. */
import type { GenerateResult } from '../pipeline.js';
import { gitignoreWarning } from '../project/secrets-gitignore.js';
import { counted, shortList } from '../base/text-lists.js';

/** `wrote 12 objects for shop to manifests.yaml and 2 Secrets to secrets.yaml (keep it out of git)`. */
export function writtenSummary(result: GenerateResult, where: string): string {
  const written = `wrote ${counted(result.output.written().count, 'object')} for ${shortList(result.workloads)} to ${where}`;
  const { secrets } = result;
  return secrets ? `${written} and ${counted(secrets.written().count, 'Secret')} to ${secrets.file} (keep it out of git)` : written;
}

/** The warnings of a written run, with the line the project's .gitignore lacks for the Secrets file. */
export function writtenWarnings(result: GenerateResult, projectDir: string): string[] {
  const gitignore = result.secrets ? gitignoreWarning(projectDir, result.secrets.file) : undefined;
  return [...result.warnings, ...result.projectFileWarnings, ...(gitignore !== undefined ? [gitignore] : [])];
}

/** --check compares the output file only: the Secrets file is kept out of git, so CI does not have it. */
export function upToDateLine(output: string, result: GenerateResult): string {
  const compared = counted(result.output.written().count, 'object');
  return `${output} is up to date (${result.secrets ? `${compared}; the Secrets in ${result.secrets.file} are not compared` : compared})`;
}

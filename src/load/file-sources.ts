/**
 * Reads the local files that `files.*.source` names, relative to the Score file's folder. A Score file may
 * come from anyone, so a source is read only when it is a regular file of at most 1 MiB inside the project
 * (unless the runner allows more), and never when it is one of score-ts's own secret stores.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { entriesByTarget } from '../base/container-entries.js';
import type { Diagnostic } from '../base/errors.js';
import { fileSourceKey, type ContainerFile, type Locator, type ScoreWorkload } from '../base/types.js';
import { describeIoError, readRegularFile, SOURCE_LIMIT_BYTES } from '../base/read-file.js';
import { fileId, fileIds, isInside, PRIVATE_FOLDERS, privateFolderIn } from '../base/file-paths.js';
import { fieldProblem } from '../base/diagnostics.js';

export interface FileSources {
  readonly sources: Map<string, Buffer>;
  readonly problems: Diagnostic[];
}

/** Where file sources may be read from: the project and Score file folders, or anywhere when the user allows it. */
export interface SourceScope {
  readonly projectDir: string;
  readonly allowOutside: boolean;
  /** Files score-ts writes (its state, the manifests of this and earlier runs): never read, wherever they are. */
  readonly protectedFiles?: readonly string[];
}

const NOT_EVEN_WITH_FLAG = 'score-ts never reads it as a file source, not even with --allow-files-outside-project';

export function readFileSources(spec: ScoreWorkload, scoreDir: string, locate: Locator, scope: SourceScope): FileSources {
  const sources = new Map<string, Buffer>();
  const problems: Diagnostic[] = [];
  // Found on first use: most workloads read no file source, and finding them takes a stat of each file.
  let guarded: ReadonlySet<string> | undefined;
  for (const [containerName, container] of Object.entries(spec.containers)) {
    const entries = entriesByTarget<ContainerFile>(container.files, ['containers', containerName, 'files'], () => {});
    for (const { target, value, path: at } of entries) {
      if (typeof value.source !== 'string') continue;
      const field = [...at, 'source'];
      guarded ??= fileIds(scope.protectedFiles ?? []);
      const result = readFileSource(value.source, scoreDir, scope, guarded);
      if (typeof result === 'string') problems.push(fieldProblem(locate, field, result));
      else sources.set(fileSourceKey(containerName, target), result);
    }
  }
  return { sources, problems };
}

/** The file's content, or why it is not read. */
function readFileSource(source: string, scoreDir: string, scope: SourceScope, guarded: ReadonlySet<string>): Buffer | string {
  try {
    const real = realpathSync.native(path.resolve(scoreDir, source));
    const refusal = refusalByPlace(real, source, scoreDir, scope);
    if (refusal) return refusal;
    return readRegularFile(
      real,
      SOURCE_LIMIT_BYTES,
      (stat) =>
        guarded.has(fileId(stat))
          ? `'${source}' is a file score-ts writes (its state or a manifests output, with Secret data); ${NOT_EVEN_WITH_FLAG}`
          : undefined,
      source,
    );
  } catch (e) {
    return `cannot read '${source}': ${describeIoError(e)} (a relative source is read from the Score file's folder)`;
  }
}

/** Why the file at real path `real` may not be read, by where it lies; undefined when it may. */
function refusalByPlace(real: string, source: string, scoreDir: string, scope: SourceScope): string | undefined {
  const project = realpathSync.native(scope.projectDir);
  const found = privateFolderIn(isInside(real, project) ? path.relative(project, real) : real);
  if (found) {
    const where = found.isLeaf ? `is ${found.name} itself` : `is inside ${found.name}/`;
    return `'${source}' ${where} (after following links), which holds ${PRIVATE_FOLDERS.get(found.name)}; ${NOT_EVEN_WITH_FLAG}`;
  }
  if (!scope.allowOutside && !isInside(real, project) && !isInside(real, realpathSync.native(scoreDir))) {
    return `'${source}' is outside the project folder (after following links); score-ts reads file sources only from the project or the Score file's folder, unless you pass --allow-files-outside-project`;
  }
  return undefined;
}

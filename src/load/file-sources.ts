/** Reads the local files that `files.*.source` names, relative to the Score file's folder. */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { entriesByTarget } from '../convert/container-entries.js';
import type { Diagnostic } from '../errors.js';
import { fieldName } from '../validate/schema-errors.js';
import { fileSourceKey, type ContainerFile, type Locator, type ScoreWorkload } from '../types.js';
import { describeIoError } from './score-file.js';

export interface FileSources {
  readonly sources: Map<string, Buffer>;
  readonly problems: Diagnostic[];
}

/** Where file sources may be read from: the project and Score file folders, or anywhere when the user allows it. */
export interface SourceScope {
  readonly projectDir: string;
  readonly allowOutside: boolean;
}

export function readFileSources(spec: ScoreWorkload, scoreDir: string, locate: Locator, scope: SourceScope): FileSources {
  const sources = new Map<string, Buffer>();
  const problems: Diagnostic[] = [];
  for (const [containerName, container] of Object.entries(spec.containers)) {
    const entries = entriesByTarget<ContainerFile>(container.files, ['containers', containerName, 'files'], () => {});
    for (const { target, value, path: at } of entries) {
      if (typeof value.source !== 'string') continue;
      const field = [...at, 'source'];
      const file = path.resolve(scoreDir, value.source);
      try {
        if (!scope.allowOutside && !isInside(file, [scope.projectDir, scoreDir])) {
          problems.push({
            location: locate(field, false),
            field: fieldName(field),
            message: `'${value.source}' is outside the project folder (after following links); score-ts reads file sources only from the project or the Score file's folder, unless you pass --allow-files-outside-project`,
          });
          continue;
        }
        sources.set(fileSourceKey(containerName, target), readFileSync(file));
      } catch (e) {
        problems.push({
          location: locate(field, false),
          field: fieldName(field),
          message: `cannot read '${value.source}': ${describeIoError(e)} (a relative source is read from the Score file's folder)`,
        });
      }
    }
  }
  return { sources, problems };
}

/** Whether `file`, with every link followed, lies inside one of `roots` (also resolved). */
function isInside(file: string, roots: readonly string[]): boolean {
  const real = realpathSync(file);
  return roots.some((root) => {
    const relative = path.relative(realpathSync(root), real);
    return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  });
}

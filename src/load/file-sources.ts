/** Reads the local files that `files.*.source` names, relative to the Score file's folder. */
import { readFileSync } from 'node:fs';
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

export function readFileSources(spec: ScoreWorkload, scoreDir: string, locate: Locator): FileSources {
  const sources = new Map<string, Buffer>();
  const problems: Diagnostic[] = [];
  for (const [containerName, container] of Object.entries(spec.containers)) {
    const entries = entriesByTarget<ContainerFile>(container.files, ['containers', containerName, 'files'], () => {});
    for (const { target, value, path: at } of entries) {
      if (typeof value.source !== 'string') continue;
      const field = [...at, 'source'];
      try {
        sources.set(fileSourceKey(containerName, target), readFileSync(path.resolve(scoreDir, value.source)));
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

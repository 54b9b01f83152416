/** Reads Score files from disk. `load/` is the only stage that reads the user's files. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../base/errors.js';
import { readTextFile } from '../base/read-file.js';
import { parseYamlSource, type YamlSource } from '../yaml/yaml-source.js';

export interface LoadedScoreFile {
  /** The parsed document, with positions. Its `file` is the path as the user gave it. */
  readonly source: YamlSource;
  /** Absolute folder of the Score file: `files.*.source` is relative to it. */
  readonly dir: string;
}

/** One Score file is one workload (as in score-k8s); a trailing `---` alone is accepted. */
const SECOND_WORKLOAD =
  'a second YAML document (---) starts here, but a Score file holds one workload; put each workload in a file of its own';

/** Reads and parses one Score file. `displayPath` is how messages name it. */
export function loadScoreFile(displayPath: string, cwd: string): LoadedScoreFile {
  const absolute = path.resolve(cwd, displayPath);
  return parseScoreFile(displayPath, readTextFile(absolute, displayPath, 'Score file'), path.dirname(absolute));
}

/** Parses the text of a Score file (from disk, or from standard input); `dir` is where its file sources are. */
export function parseScoreFile(displayPath: string, text: string, dir: string): LoadedScoreFile {
  const source = parseYamlSource(displayPath, text, { secondDocument: SECOND_WORKLOAD });
  if (source.value === null || source.value === undefined) {
    throw new InputError(`${displayPath}: the file is empty`, [
      {
        location: { file: displayPath, line: 1, column: 1 },
        field: '',
        message: 'the file is empty; a Score file needs apiVersion, metadata and containers (see `score-ts init`)',
      },
    ]);
  }
  return { source, dir };
}

export function scoreFileExists(displayPath: string, cwd: string): boolean {
  return existsSync(path.resolve(cwd, displayPath));
}

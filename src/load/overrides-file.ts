/** Reads an --overrides-file: a partial Score document merged over the workload. */
import path from 'node:path';
import { readTextFile } from '../base/read-file.js';
import { parseYamlSource, type YamlSource } from '../yaml/yaml-source.js';

export function loadOverridesFile(displayPath: string, projectDir: string): YamlSource {
  const text = readTextFile(path.resolve(projectDir, displayPath), displayPath, 'overrides file');
  return parseYamlSource(displayPath, text);
}

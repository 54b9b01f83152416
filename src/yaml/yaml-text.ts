/**
 * YAML text that kubectl reads exactly as meant. kubectl parses YAML 1.1, where `yes`, `on`, `0755` are not
 * strings, while YAML 1.2 readers treat `0o17` as a number: a string that either reading would turn into
 * something else is double-quoted (see yaml-emitter.ts).
 */
import { emitYaml } from './yaml-emitter.js';

export function toYamlDocument(value: unknown): string {
  return emitYaml(value);
}

/** One multi-document YAML stream, each document introduced by `---`. */
export function toYamlStream(values: readonly unknown[]): string {
  return values.map((v) => `---\n${toYamlDocument(v)}`).join('');
}

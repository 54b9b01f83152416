/**
 * YAML text that kubectl reads exactly as meant. kubectl parses YAML 1.1, where `yes`, `on`, `0755` are not
 * strings, while YAML 1.2 readers treat `0o17` as a number: a string that either reading would turn into
 * something else is double-quoted.
 */
import { Document, visit } from 'yaml';

const YAML_12_ONLY_NUMBER = /^[-+]?0o[0-7]+$/;

export function toYamlDocument(value: unknown): string {
  const doc = new Document(value, { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && YAML_12_ONLY_NUMBER.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

/** One multi-document YAML stream, each document introduced by `---`. */
export function toYamlStream(values: readonly unknown[]): string {
  return values.map((v) => `---\n${toYamlDocument(v)}`).join('');
}


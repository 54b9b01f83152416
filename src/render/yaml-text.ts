/**
 * YAML text that kubectl reads exactly as meant. kubectl parses YAML 1.1, where `yes`, `on`, `0755` are not
 * strings, while YAML 1.2 readers treat `0o17` as a number: a string that either reading would turn into
 * something else is double-quoted.
 */
import { Document, visit, type Tags } from 'yaml';

/** `0o17` is a number in YAML 1.2 only; `<<` is a merge key in YAML 1.1 only. */
const AMBIGUOUS_IN_ONE_VERSION = /^([-+]?0o[0-7]+|<<)$/;

export function toYamlDocument(value: unknown): string {
  // Without the merge tag `<<` is a plain string, which the visitor below can quote.
  const doc = new Document(value, { version: '1.1', customTags: withoutMergeKey });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && AMBIGUOUS_IN_ONE_VERSION.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

const withoutMergeKey = (tags: Tags): Tags => tags.filter((t) => (t as { tag?: string }).tag !== 'tag:yaml.org,2002:merge');

/** One multi-document YAML stream, each document introduced by `---`. */
export function toYamlStream(values: readonly unknown[]): string {
  return values.map((v) => `---\n${toYamlDocument(v)}`).join('');
}


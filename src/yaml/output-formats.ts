/**
 * The output formats of generate: `yaml` (block style, the default), `json` (one `v1 List` of the objects,
 * which kubectl accepts) and `kyaml` (Kubernetes' KYAML: flow style, every string double-quoted, trailing
 * commas; a YAML that reads the same under YAML 1.1 and 1.2 and survives re-indentation). And the json or
 * yaml text of one value, which generate's formats and the inspect commands' `--format json|yaml` share.
 */
import { isPlainMap as isMap } from '../base/plain-data.js';
import { emitYaml, isPlainSafe, MAX_IMPLICIT_KEY } from './yaml-emitter.js';
import { escapeJsonText, quoteYamlString } from './yaml-quote.js';

export const OUTPUT_FORMATS = ['yaml', 'json', 'kyaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** The formats of one value. */
export type ValueFormat = 'json' | 'yaml';

/** One value as text ending in a newline: JSON indented two spaces, or one YAML document (without `---`). */
export function renderValue(value: unknown, format: ValueFormat): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : emitYaml(value);
}

/**
 * The output text in pieces, made one at a time as they are read: one per object (all of json is one), so a
 * large output is written without ever being held as one string.
 */
export function* renderOutput(manifests: Iterable<unknown>, format: OutputFormat): Generator<string> {
  if (format === 'json') {
    // Escaped like YAML's quoted strings too: JSON is read by YAML readers as well (kubectl, yq).
    yield escapeJsonText(renderValue({ apiVersion: 'v1', kind: 'List', items: [...manifests] }, 'json'));
    return;
  }
  for (const m of manifests) yield renderDocument(m, format);
}

/** One object as a document of a yaml or kyaml stream, `---` first. */
export function renderDocument(manifest: unknown, format: Exclude<OutputFormat, 'json'>): string {
  return format === 'yaml' ? `---\n${renderValue(manifest, 'yaml')}` : `---\n${kyamlValue(manifest, '')}\n`;
}

/** One value in KYAML, its nested lines indented two spaces more than `indent`. */
function kyamlValue(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // Lists of maps hug their brackets (`[{` ... `}, {` ... `}]`), as kubectl writes them.
    if (value.every((v) => isMap(v) && Object.keys(v).length > 0)) return `[${value.map((v) => kyamlValue(v, indent)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${kyamlValue(v, inner)},\n`).join('')}${indent}]`;
  }
  if (isMap(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${kyamlKey(k)}: ${kyamlValue(v, inner)},\n`).join('')}${indent}}`;
  }
  if (typeof value === 'string') return quoteYamlString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : quoteYamlString(String(value));
  if (typeof value === 'boolean') return String(value);
  return 'null';
}

/** Keys stay bare when no reader could take them for anything but a string; a very long one is `? key`. */
function kyamlKey(key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_./-]*$/.test(key) && isPlainSafe(key) && key.length <= MAX_IMPLICIT_KEY) return key;
  const written = quoteYamlString(key);
  return written.length > MAX_IMPLICIT_KEY ? `? ${written}` : written;
}

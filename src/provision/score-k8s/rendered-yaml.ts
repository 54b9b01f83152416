/**
 * A Go template's rendered YAML read as score-k8s reads it (gopkg.in/yaml.v3 into interface{}): plain
 * scalars resolve as yaml.v3 resolves them, so the next stage sees the same Go types: `5432` and `0x1F` are
 * ints (underscores dropped, a leading 0 is octal), `1.5`, `1e3` and `09` float64, `true`/`True`/`TRUE`
 * bools, `~`/`null` nil, and `yes`, `on` or a date stay strings. Values come out as Go values (values.ts).
 */
import jsyaml from 'js-yaml';
import { fromDecoded, type GoValue } from '../../templates/go/index.js';
import { parseYamlData } from '../../yaml/yaml-source.js';

const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;
/** yaml.v3's yamlStyleFloat. */
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOATS: Readonly<Record<string, number>> = {
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
};

/** strconv.ParseInt(s, 0, 64) / ParseUint: a sign, then 0x, 0o, 0b, a leading 0 (octal) or decimal digits. */
function parseGoInt(plain: string): bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(plain);
  if (!m) return undefined;
  const digits = m[2]!;
  const body = /^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits;
  const n = BigInt(body);
  const value = m[1] === '-' ? -n : n;
  return value < INT64_MIN || value > UINT64_MAX ? undefined : value;
}

/** A plain scalar that yaml.v3 reads as a number, or undefined for a string. */
function resolveNumber(text: string): bigint | number | undefined {
  if (Object.hasOwn(SPECIAL_FLOATS, text)) return SPECIAL_FLOATS[text];
  if (!/^[-+.0-9]/.test(text)) return undefined;
  const plain = text.replaceAll('_', '');
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  return YAML_FLOAT.test(plain) ? Number(plain) : undefined;
}

const numberType = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && resolveNumber(data) !== undefined,
  construct: (data: string) => resolveNumber(data),
});

/** js-yaml's own types (its typings leave them out). */
const types = (jsyaml as unknown as { types: Readonly<Record<'null' | 'bool' | 'merge' | 'str' | 'seq' | 'map', jsyaml.Type>> }).types;

/** null, bool and yaml.v3's numbers; every other plain scalar is a string. */
const SCHEMA = new jsyaml.Schema({
  implicit: [types.null, types.bool, numberType, types.merge],
  explicit: [types.str, types.seq, types.map],
});

/**
 * Parses rendered text into Go values; throws the YAML library's error (see yaml-problem.ts). Anchors and
 * aliases take the full parser (yaml-source.ts), whose alias limit stops "billion laughs" output.
 */
export function decodeRenderedYaml(text: string): GoValue {
  return fromDecoded(parseYamlData(text, { fastSchema: SCHEMA, intAsBigInt: true }));
}

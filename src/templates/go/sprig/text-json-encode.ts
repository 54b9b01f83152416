/**
 * encoding/json's Marshal, MarshalIndent and Encoder (sprig's toJson, toPrettyJson, toRawJson) over Go
 * values: map keys sorted, structs by exported field name, []byte as base64, floats in Go's shortest form,
 * and Go's errors for NaN, infinities, functions, complex numbers and maps with unusable keys.
 *
 * Strings escape `\b` and `\f` as Go 1.22 and later do (score-k8s is built with them); Go 1.19 wrote
 * `\u0008` and `\u000c`.
 */
import { formatFloat } from '../fmt/format-float.js';
import { compareStrings } from '../order.js';
import { isExported, isIntKind, isUintKind, type GoType } from '../go-types.js';
import { Typed, isGoMap, type GoMap, type GoValue, type MapKey } from '../values.js';

/** json.Marshal's error, with Go's text. */
export class JsonError extends Error {}

export interface JsonOptions {
  /** Escape <, > and & (Marshal does; an Encoder with SetEscapeHTML(false) does not). */
  readonly escapeHtml: boolean;
  /** MarshalIndent's indent (with an empty prefix); none for compact output. */
  readonly indent?: string;
}

export function marshalJson(v: GoValue, options: JsonOptions): string {
  return new Encoder(options).value(v, '');
}

class Encoder {
  constructor(private readonly options: JsonOptions) {}

  value(v: GoValue, pad: string): string {
    switch (typeof v) {
      case 'string':
        return quoteJson(v, this.options.escapeHtml);
      case 'boolean':
        return String(v);
      case 'bigint':
        return v.toString();
      case 'number':
        return jsonFloat(v, 64);
      case 'undefined':
        return 'null';
    }
    if (v === null) return 'null';
    if (Array.isArray(v)) return this.list(v, pad);
    if (isGoMap(v)) return this.object(plainEntries(v), pad);
    return this.typed(v, pad);
  }

  private typed(v: Typed, pad: string): string {
    const { type } = v;
    const kind = type.kind;
    if (isIntKind(kind) || isUintKind(kind)) return (v.v as bigint).toString();
    if (kind === 'float32' || kind === 'float64') return jsonFloat(v.v as number, kind === 'float32' ? 32 : 64);
    if (kind === 'string') return quoteJson(v.v as string, this.options.escapeHtml);
    if (kind === 'bool') return v.v === true ? 'true' : 'false';
    if (kind === 'ptr') return v.v === null ? 'null' : this.value(v.v as GoValue, pad);
    if (kind === 'struct') return this.object(structEntries(v), pad);
    if (kind === 'slice' && v.v === null) return 'null';
    if (kind === 'slice' && type.elem?.kind === 'uint8')
      return `"${Buffer.from((v.v as Typed[]).map((b) => Number(b.v))).toString('base64')}"`;
    if (kind === 'slice' || kind === 'array') return this.list(v.v as GoValue[], pad);
    if (kind === 'map') return v.v === null ? 'null' : this.object(typedEntries(v), pad);
    throw new JsonError(`json: unsupported type: ${type.name}`);
  }

  private list(items: readonly GoValue[], pad: string): string {
    const { indent } = this.options;
    if (indent === undefined || items.length === 0) return `[${items.map((x) => this.value(x, pad)).join(',')}]`;
    const inner = pad + indent;
    return `[\n${items.map((x) => inner + this.value(x, inner)).join(',\n')}\n${pad}]`;
  }

  private object(entries: ReadonlyArray<readonly [string, GoValue]>, pad: string): string {
    const { indent, escapeHtml } = this.options;
    if (indent === undefined || entries.length === 0) {
      return `{${entries.map(([k, x]) => `${quoteJson(k, escapeHtml)}:${this.value(x, pad)}`).join(',')}}`;
    }
    const inner = pad + indent;
    return `{\n${entries.map(([k, x]) => `${inner}${quoteJson(k, escapeHtml)}: ${this.value(x, inner)}`).join(',\n')}\n${pad}}`;
  }
}

function plainEntries(m: GoMap): Array<[string, GoValue]> {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(compareStrings)
    .map((k) => [k, m[k]]);
}

function structEntries(v: Typed): Array<[string, GoValue]> {
  const fields = v.type.fields ?? [];
  return fields.flatMap((f, i) => (isExported(f.name) ? [[f.name, (v.v as GoValue[])[i]] as [string, GoValue]] : []));
}

/** A typed map's entries keyed by their JSON names: strings, or integers in decimal. */
function typedEntries(v: Typed): Array<[string, GoValue]> {
  const keyType = v.type.key as GoType;
  const kind = keyType.kind;
  if (kind !== 'string' && !isIntKind(kind) && !isUintKind(kind)) throw new JsonError(`json: unsupported type: ${v.type.name}`);
  const entries = [...(v.v as Map<MapKey, GoValue>)].map(([k, x]) => [String(k), x] as [string, GoValue]);
  return entries.sort((a, b) => compareStrings(a[0], b[0]));
}

/** encoding/json's float: shortest digits, exponent form below 1e-6 and from 1e21, `e-07` written `e-7`. */
function jsonFloat(f: number, bits: 32 | 64): string {
  if (!Number.isFinite(f)) throw new JsonError(`json: unsupported value: ${formatFloat(f, 'g', -1, bits)}`);
  const abs = Math.abs(bits === 32 ? Math.fround(f) : f);
  const exp = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  const s = formatFloat(f, exp ? 'e' : 'f', -1, bits);
  return exp ? s.replace(/e-0(\d)$/, 'e-$1') : s;
}

const HEX = '0123456789abcdef';
const SHORT: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string as encoding/json writes it (U+2028 and U+2029 always escaped). */
function quoteJson(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || ch === '\\' || ch === '"' || (escapeHtml && (ch === '<' || ch === '>' || ch === '&'))) {
      out += SHORT[ch] ?? `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    } else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

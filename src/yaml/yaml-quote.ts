/**
 * Quoted strings that every YAML reader reads back exactly: YAML 1.1 ones (kubectl's go-yaml, libyaml,
 * PyYAML) as well as YAML 1.2 ones. JSON's quoting is nearly that, but it leaves raw some characters that a
 * YAML 1.1 reader folds or refuses: NEL, LS and PS are line breaks there (inside quotes a break folds into a
 * space and eats the spaces around it), and DEL, the C1 controls, U+FFFE and U+FFFF may not appear raw at
 * all. Those, and the invisible BOM, are written as `\uXXXX` escapes. A lone UTF-16 surrogate has no UTF-8
 * form and libyaml refuses its escape: it is written as U+FFFD, as any UTF-8 writer does.
 */

/** Characters JSON.stringify leaves raw that must be escaped in YAML. */
const RAW_FOR_JSON = '\\u007f-\\u009f\\u2028\\u2029\\ufeff\\ufffe\\uffff';
/** One JSON escape (the lone-surrogate escapes first, to be replaced) or one raw character of RAW_FOR_JSON. */
const JSON_ESCAPE_OR_RAW = new RegExp(`\\\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\\\.|[${RAW_FOR_JSON}]`, 'g');
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
/** A string holding any of these can only be written double-quoted, with escapes (line feeds aside). */
const NEEDS_ESCAPES = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f${RAW_FOR_JSON}]|${LONE_SURROGATE}`);

/** `text` as a double-quoted scalar. */
export function quoteYamlString(text: string): string {
  return escapeJsonText(JSON.stringify(text));
}

/**
 * JSON text (any JSON.stringify output) made safe to read as YAML 1.1 too: it stays the same JSON value,
 * lone surrogates aside. JSON escapes are matched as units, so an escaped backslash is never taken for the
 * start of an escape.
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_ESCAPE_OR_RAW, (m) => {
    if (m.length === 1) return unicodeEscape(m);
    return m.length === 6 ? '\\ufffd' : m;
  });
}

/** True when `text` cannot be written plain, single-quoted or as a literal block without changing. */
export function needsEscapes(text: string): boolean {
  return NEEDS_ESCAPES.test(text);
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

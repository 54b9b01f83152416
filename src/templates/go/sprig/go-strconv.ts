/**
 * strconv.ParseInt(s, 0, 64) and ParseFloat(s, 64) for cast.ts: the value, or undefined for any error (cast
 * turns errors into 0). The parsers themselves are in text-strconv.ts.
 */
import { parseFloat, parseInt } from './text-strconv.js';

/** strconv.ParseInt(s, 0, 64); undefined on a syntax or range error. */
export function parseGoInt(s: string): bigint | undefined {
  const r = parseInt(s, 0, 64);
  return r.error ? undefined : r.value;
}

/** strconv.ParseFloat(s, 64); undefined on a syntax or range error. */
export function parseGoFloat(s: string): number | undefined {
  const r = parseFloat(s);
  return r.error ? undefined : r.value;
}

/**
 * A reference to one key of a Kubernetes Secret, carried inside output strings as a marker
 * `⟦secret:TOKEN:NAME:KEY⟧`. The marker holds no value: a variable that uses it becomes a secretKeyRef, and a
 * file that uses it is filled from the Secret the provisioner generated and mounted from a Secret.
 *
 * TOKEN is 128 random bits that no input can know, so marker-like text in a Score file, an override, a param,
 * a file or a program's answer is only text. A run makes its own token (never saved, never printed); the
 * state keeps markers with a token of its own, and markers are rewritten between the two when the state is
 * read and saved (state-secret-refs.ts).
 */
import { systemRandomBytes } from './system-random.js';

export interface SecretRef {
  readonly name: string;
  readonly key: string;
}

const OPEN = '\u27e6secret:';
const CLOSE = '\u27e7';
const TOKEN = /^[0-9a-f]{32}$/;
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

export class SecretRefError extends Error {}

/** A new random token: 128 bits from the operating system's cryptographic random source, as hex. */
export function newSecretRefToken(): string {
  return systemRandomBytes(16).toString('hex');
}

/** True when `token` has the form of a token (a damaged state may hold anything). */
export function isSecretRefToken(token: unknown): token is string {
  return typeof token === 'string' && TOKEN.test(token);
}

/**
 * Writes and reads the markers of one token. Only markers with this token are references; any other
 * marker-like text is left as it is. The token is a private field: it is not printed with the object.
 */
export class SecretRefCodec {
  readonly #token: string | undefined;
  readonly #marker: RegExp | undefined;

  /** A codec with `token`, or, without one, a codec that finds no reference (a state saved before tokens). */
  constructor(token?: string) {
    if (token !== undefined && !isSecretRefToken(token)) throw new SecretRefError('a secret reference token must be 32 hex digits');
    this.#token = token;
    this.#marker = token === undefined ? undefined : new RegExp(`\u27e6secret:${token}:([a-z0-9.-]+):([-._a-zA-Z0-9]+)\u27e7`, 'g');
  }

  /** A codec with a new random token. */
  static fresh(): SecretRefCodec {
    return new SecretRefCodec(newSecretRefToken());
  }

  /** The token, for the state file only. */
  tokenForState(): string | undefined {
    return this.#token;
  }

  encode(name: string, key: string): string {
    if (!SECRET_NAME.test(name) || name.length > 253) throw new SecretRefError(`secretRef: '${name}' is not a valid Secret name`);
    if (!SECRET_KEY.test(key) || key.length > 253) throw new SecretRefError(`secretRef: '${key}' is not a valid Secret key`);
    if (this.#token === undefined) throw new SecretRefError('secretRef cannot be used here');
    return `${OPEN}${this.#token}:${name}:${key}${CLOSE}`;
  }

  /** True when the text holds a reference, or any piece of one that still has the token. */
  contains(text: string): boolean {
    return this.#token !== undefined && text.includes(this.#token);
  }

  /** Splits text into literal pieces and secret references, in order. */
  split(text: string): Array<string | SecretRef> {
    if (!this.contains(text)) return text === '' ? [] : [text];
    const parts: Array<string | SecretRef> = [];
    let last = 0;
    for (const m of text.matchAll(this.#marker!)) {
      if (m.index > last) parts.push(text.slice(last, m.index));
      parts.push({ name: m[1]!, key: m[2]! });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push(text.slice(last));
    return parts;
  }

  /** Calls `fn` for each reference in the text, in order. */
  forEachRef(text: string, fn: (ref: SecretRef) => void): void {
    if (!this.contains(text)) return;
    for (const m of text.matchAll(this.#marker!)) fn({ name: m[1]!, key: m[2]! });
  }

  /** Replaces every reference with a display form that shows where the value lives, never the value or the token. */
  mask(text: string): string {
    if (!this.contains(text)) return text;
    const masked = text.replace(this.#marker!, (_m, name: string, key: string) => `<secret ${name}/${key}>`);
    // A piece of a marker (cut by a template) must not show the token either.
    return masked.split(this.#token!).join('<secret>');
  }

  /** Replaces every reference with its value; unknown references are reported through `missing` and kept. */
  fill(text: string, lookup: (ref: SecretRef) => string | undefined, missing: (ref: SecretRef) => void): string {
    if (!this.contains(text)) return text;
    return text.replace(this.#marker!, (m, name: string, key: string) => {
      const value = lookup({ name, key });
      if (value === undefined) missing({ name, key });
      return value ?? m;
    });
  }

  /** The same text with every reference written with another codec's token. */
  recode(text: string, to: SecretRefCodec): string {
    if (!this.contains(text)) return text;
    return text.replace(this.#marker!, (_m, name: string, key: string) => to.encode(name, key));
  }
}

/** The names of the helper variables that carry secrets into mixed values; reserved (validate-workload.ts). */
export const SECRET_HELPER_PREFIX = 'SCORE_TS_SECRET_';

/**
 * The text of a source that is not a local file (a URL, an OCI artifact, a git file, standard input), read
 * before any stage runs and then checked by the same loaders as a local file's text.
 */

export interface FetchedText {
  /** How messages name it: the URL with credentials and query values masked, or `<stdin>`. */
  readonly display: string;
  readonly text: string;
  /** The file name it came under (the URL's last segment, the OCI layer's title), for the installed copy's name. */
  readonly fileName: string;
  /** Where it came from, for the first line of an installed copy (`display`, with an OCI manifest's digest). */
  readonly origin: string;
}

/** The largest source score-ts reads from the network or standard input. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** When a fetch must be over: one allowance for all the requests of one source (redirects, a registry's several). */
export interface Deadline {
  /** Date.now() at the end. */
  readonly at: number;
  /** The whole allowance, for messages. */
  readonly seconds: number;
}

export function deadlineIn(seconds: number): Deadline {
  return { at: Date.now() + seconds * 1000, seconds };
}

/** A failure to get a source, in words for the user; the caller adds which source it was. */
export class SourceFailure extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SourceFailure';
  }
}

/** UTF-8 text without a leading BOM; empty or non-UTF-8 content is refused (a download gone wrong). */
export function decodeSourceText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new SourceFailure('it is empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SourceFailure('it is not UTF-8 text');
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** "16 MiB" */
export function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/**
 * A safe file name for the installed copy from a name a server chose: its base name without `strip`, letters,
 * digits, `.`, `_` and `-` only, no leading dot, at most 100 characters; `fallback` when nothing is left.
 */
export function installBaseName(fileName: string, strip: RegExp, fallback: string): string {
  const base = (fileName.split('/').pop() ?? '').replace(strip, '');
  const safe = base
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 100);
  return safe === '' ? fallback : safe;
}

/**
 * One error hierarchy for every stage. Only the CLI maps these to exit codes:
 * UsageError -> 2, every other ScoreTsError -> 1, anything else is an internal error (1, with a stack at -vv).
 */

/** Where a problem is: a file position, or a named origin such as an --override-property flag. */
export interface Location {
  file?: string;
  line?: number;
  column?: number;
  /** A non-file origin, for example `--override-property 'containers.web.image='`. */
  origin?: string;
}

/** One problem in the user's input: where it is, which field, what is wrong and what to do. */
export interface Diagnostic {
  location: Location;
  /** Dotted field path inside the document, e.g. `containers.web.image`. Empty for the whole document. */
  field: string;
  message: string;
  /** What a program wrote about it (a cmd:// provisioner's stderr): shown under it, line by line. */
  output?: string;
}

export class ScoreTsError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.name = new.target.name;
    this.diagnostics = diagnostics;
  }
}

/** Bad flags or arguments: exit code 2. */
export class UsageError extends ScoreTsError {
  constructor(message: string) {
    super(message);
  }
}

/** The user's files are unreadable, malformed or invalid. */
export class InputError extends ScoreTsError {}

/** A resource could not be provisioned. */
export class ProvisionError extends ScoreTsError {}

/** A valid workload that cannot be expressed in Kubernetes. */
export class ConvertError extends ScoreTsError {}

/** The diagnostics of an error, or one made of its message when it has none. */
export function diagnosticsOf(error: ScoreTsError): readonly Diagnostic[] {
  return error.diagnostics.length > 0 ? error.diagnostics : [{ location: {}, field: '', message: error.message }];
}

/** Formats a location the way compilers do: `score.yaml:7:9` or the origin's name. */
export function formatLocation(location: Location): string {
  if (location.origin) return location.origin;
  if (!location.file) return '';
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}:${location.column ?? 1}`;
}

/** `score.yaml:7:9: containers.web.image: must be a string` */
export function formatDiagnostic(d: Diagnostic): string {
  const parts = [formatLocation(d.location), d.field, d.message].filter((p) => p !== '');
  return parts.join(': ');
}

/** Diagnostics in reading order: by file, line and column; those from flags (no file) last. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) =>
    [
      d.location.file === undefined ? 1 : 0,
      d.location.file ?? d.location.origin ?? '',
      d.location.line ?? 0,
      d.location.column ?? 0,
    ] as const;
  return diagnostics
    .map((d, index) => ({ d, index, key: rank(d) }))
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) {
        if (a.key[i]! < b.key[i]!) return -1;
        if (a.key[i]! > b.key[i]!) return 1;
      }
      return a.index - b.index;
    })
    .map(({ d }) => d);
}

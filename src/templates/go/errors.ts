/**
 * Errors of the Go template engine. Their messages are Go's, byte for byte: a parse error reads
 * `template: NAME:LINE: MESSAGE`, an execution error `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE`.
 */

export type GoTemplatePhase = 'parse' | 'exec';

export class GoTemplateError extends Error {
  constructor(
    message: string,
    readonly phase: GoTemplatePhase,
    /** The template's name (for exec errors: the name of the template being executed). */
    readonly templateName: string,
    /** 1-based line of the problem. */
    readonly line: number | undefined,
    /** 0-based byte column within the line, as Go prints it (exec errors only). */
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'GoTemplateError';
  }

  /** What execution wrote before it failed (Go leaves it in the writer); set on exec errors. */
  partialOutput = '';
}

/**
 * Thrown by a template function for Go's non-nil error result (or a panic, which Go also reports as the
 * call's error). Execution stops with `error calling NAME: MESSAGE`.
 */
export class GoFuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoFuncError';
  }
}

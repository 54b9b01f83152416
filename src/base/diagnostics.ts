/** Gathering every problem of a stage, so the user sees them all at once, each located in its file. */
import { diagnosticsOf, ScoreTsError, type Diagnostic } from './errors.js';
import { fieldName } from './field-name.js';
import type { FieldPath, Locator } from './types.js';

/** A problem at a field of a document: where the field is, its dotted name, and the message. */
export function fieldProblem(locate: Locator, path: FieldPath, message: string, key = false): Diagnostic {
  return { location: locate(path, key), field: fieldName(path), message };
}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

export class Diagnostics {
  readonly list: Diagnostic[] = [];

  /** `locate` places the field paths given to `add` and `attempt` (the document's, when there is one). */
  constructor(private readonly locate: Locator = () => ({})) {}

  push(...diagnostics: readonly Diagnostic[]): void {
    this.list.push(...diagnostics);
  }

  /** A problem at a field of the document (at its key when `key`). */
  add(path: FieldPath, message: string, key = false): void {
    this.list.push(fieldProblem(this.locate, path, message, key));
  }

  /** Runs `step`; an error of `errorType` it throws becomes `toDiagnostics(error)` instead of stopping the stage. */
  catching<T, E extends Error>(errorType: ErrorClass<E>, toDiagnostics: (error: E) => readonly Diagnostic[], step: () => T): T | undefined {
    try {
      return step();
    } catch (e) {
      if (!(e instanceof errorType)) throw e;
      this.list.push(...toDiagnostics(e));
      return undefined;
    }
  }

  /** Runs `step`; the message of an error of `errorType` it throws is a problem at `path`. */
  attempt<T>(path: FieldPath, errorType: ErrorClass<Error>, step: () => T): T | undefined {
    return this.catching(errorType, (e) => [fieldProblem(this.locate, path, e.message)], step);
  }

  /** Runs `step`; a ScoreTsError it throws adds its diagnostics. */
  collect<T>(step: () => T): T | undefined {
    return this.catching(ScoreTsError, diagnosticsOf, step);
  }
}

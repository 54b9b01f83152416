/** Collects every problem of a stage so the user sees them all at once, each located in their files. */
import type { Diagnostic } from '../base/errors.js';
import type { FieldPath, Locator } from '../base/types.js';
import { fieldName } from '../base/field-name.js';

export class Problems {
  readonly list: Diagnostic[] = [];

  constructor(private readonly locate: Locator) {}

  add(path: FieldPath, message: string, key = false): void {
    this.list.push({ location: this.locate(path, key), field: fieldName(path), message });
  }

  /** Runs `fn`, recording the message of any error it throws (of `errorType`) against `path`. */
  attempt<T>(path: FieldPath, errorType: new (...args: never[]) => Error, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof errorType)) throw e;
      this.add(path, e.message);
      return undefined;
    }
  }
}

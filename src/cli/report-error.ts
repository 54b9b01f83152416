/** The one place that turns errors into messages and exit codes. */
import { formatDiagnostic, ScoreTsError, sortDiagnostics, UsageError } from '../base/errors.js';
import type { Reporter } from './io.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function reportError(error: unknown, reporter: Reporter): number {
  if (error instanceof ScoreTsError) {
    reporter.error(error.message);
    for (const d of sortDiagnostics(error.diagnostics)) {
      reporter.detail(formatDiagnostic(d));
      if (d.output) reporter.output(d.output);
    }
    return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILED;
  }
  const e = error instanceof Error ? error : new Error(String(error));
  reporter.error(
    `internal error: ${e.message}. This is a bug in score-ts; please report it${reporter.verbosity >= 3 ? '' : ' (run with -vv for details)'}.`,
  );
  if (reporter.verbosity >= 3 && e.stack) reporter.output(e.stack);
  return EXIT_FAILED;
}

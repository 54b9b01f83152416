/**
 * Vitest global setup: every run gets its own temporary folder (TMPDIR for the test workers and the CLIs they
 * start), removed when the run ends, so no test leaves files behind in the system's temporary folder.
 * Build caches that should outlive a run (the Go oracle) use TEST_CACHE_DIR, the system's own folder.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const systemTemp = os.tmpdir();
  const root = mkdtempSync(path.join(systemTemp, 'score-ts-tests-'));
  // Others may pass through (not list it): the database servers of test/servers run as their own users.
  chmodSync(root, 0o711);
  process.env.TEST_CACHE_DIR ??= systemTemp;
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}

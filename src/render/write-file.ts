/** Writes files so a reader never sees half of one: a temporary file beside it, then a rename. */
import { randomBytes } from 'node:crypto';
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { describeIoError } from '../load/score-file.js';

export function writeFileAtomic(file: string, content: string, displayPath: string, mode = 0o644): void {
  const target = resolveTarget(file);
  try {
    // A device or pipe (/dev/stdout, /dev/null, a FIFO) is written to, never replaced by a rename.
    const existing = statSync(target, { throwIfNoEntry: false });
    if (existing && !existing.isFile()) {
      writeFileSync(target, content);
      return;
    }
  } catch (e) {
    throw new InputError(`cannot write ${displayPath}: ${describeIoError(e)}`);
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { mode, flag: 'wx' });
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new InputError(`cannot write ${displayPath}: ${describeIoError(e)}; the previous file, if any, is unchanged`);
  }
}

/** Through a symlink to the file it points at, so the link stays a link. */
function resolveTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

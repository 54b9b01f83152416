/** Writes files so a reader never sees half of one: a temporary file beside it, then a rename. */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { describeIoError } from '../load/score-file.js';

export function writeFileAtomic(file: string, content: string, displayPath: string, mode = 0o644): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { mode, flag: 'wx' });
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new InputError(`cannot write ${displayPath}: ${describeIoError(e)}; the previous file, if any, is unchanged`);
  }
}

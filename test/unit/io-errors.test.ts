/** Node's error codes in words: never the code alone, nor Node's own message. */
import { describe, expect, it } from 'vitest';
import { describeIoError, describeWriteError } from '../../src/base/read-file.js';

const failure = (code?: string) => Object.assign(new Error(`${code}: something, open '/x'`), code === undefined ? {} : { code });

describe('describeIoError', () => {
  it.each<{ code: string | undefined; words: string }>([
    { code: 'ENOENT', words: 'no such file' },
    { code: 'ENOTDIR', words: 'a part of its path is a file, not a folder' },
    { code: 'ELOOP', words: 'its path has too many symbolic links (a loop?)' },
    { code: 'ENOSPC', words: 'the disk is full' },
    { code: 'EROFS', words: 'the file system is read-only' },
    { code: 'EBADF', words: 'it is not an open file descriptor' },
    { code: 'EWHATEVER', words: 'the system refused (EWHATEVER)' },
    { code: undefined, words: 'it cannot be accessed' },
  ])('$code', ({ code, words }) => {
    expect(describeIoError(failure(code))).toBe(words);
  });
});

describe('describeWriteError', () => {
  it.each<{ name: string; code: string; display: string; words: string }>([
    {
      name: 'a missing folder is named',
      code: 'ENOENT',
      display: 'nodir/m.yaml',
      words: 'the folder nodir/ does not exist; create it first',
    },
    {
      name: 'a missing nested folder is named',
      code: 'ENOENT',
      display: 'a/b/m.yaml',
      words: 'the folder a/b/ does not exist; create it first',
    },
    { name: 'anything else as for reading', code: 'EACCES', display: 'm.yaml', words: 'permission denied' },
  ])('$name', ({ code, display, words }) => {
    expect(describeWriteError(failure(code), display)).toBe(words);
  });
});

import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageFile, writeFileAtomic, writeFilesTogether } from '../../src/base/write-file.js';
import { hostTag } from '../../src/base/run-owner.js';

const KIB = 1024;

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'score-ts-write-'));
}

describe('writing content that comes in pieces', () => {
  it.each([
    { name: 'no pieces', pieces: [] },
    { name: 'empty pieces', pieces: ['', 'a', '', 'b', ''] },
    {
      name: 'many small pieces with multi-byte characters across the 256 KiB buffer',
      pieces: Array.from({ length: 40_000 }, (_, i) => `é😀${i}\n`),
    },
    { name: 'a piece of exactly the buffer size after a small one', pieces: ['x', 'y'.repeat(256 * KIB), 'z'] },
    { name: 'a piece bigger than the buffer', pieces: ['head\n', '😀'.repeat(100 * KIB), 'tail\n'] },
  ])('$name: the file holds exactly the pieces joined', ({ pieces }) => {
    const file = path.join(tempDir(), 'out.yaml');
    writeFileAtomic(file, pieces, 'out.yaml');
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''));
  });
});

const umask = process.umask();

describe('file modes', () => {
  it.each([
    { name: 'an existing private file stays private', before: 0o600, mode: 0o644, expected: 0o600 },
    { name: 'an existing 0640 file keeps exactly 0640 (the umask does not apply)', before: 0o640, mode: 0o600, expected: 0o640 },
    { name: 'an existing 0666 file keeps 0666', before: 0o666, mode: 0o644, expected: 0o666 },
    { name: 'a new file with Secret data is made 0600', before: undefined, mode: 0o600, expected: 0o600 & ~umask },
    { name: 'a new file without Secret data is 0644 less the umask', before: undefined, mode: 0o644, expected: 0o644 & ~umask },
  ])('$name', ({ before, mode, expected }) => {
    const file = path.join(tempDir(), 'manifests.yaml');
    if (before !== undefined) {
      writeFileSync(file, 'old');
      chmodSync(file, before);
    }
    writeFilesTogether([{ file, content: 'new', displayPath: 'manifests.yaml', mode, keepMode: true }]);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect((statSync(file).mode & 0o777).toString(8)).toBe(expected.toString(8));
  });

  it.each([
    { name: 'a new file whose content turns out to hold Secret data is 0600', decided: 0o600, expected: 0o600 & ~umask },
    { name: 'a new file whose content turns out not to is 0644 less the umask', decided: 0o644, expected: 0o644 & ~umask },
  ])("$name, and its owner's only while it is written", ({ decided, expected }) => {
    const dir = tempDir();
    const file = path.join(dir, 'manifests.yaml');
    const modesWhileWriting: string[] = [];
    function* content() {
      yield 'first\n';
      for (const temp of readdirSync(dir)) modesWhileWriting.push((statSync(path.join(dir, temp)).mode & 0o777).toString(8));
      yield 'second\n';
    }
    let asked = 0;
    const mode = () => {
      asked++;
      return decided;
    };
    writeFilesTogether([{ file, content: content(), displayPath: 'manifests.yaml', mode, keepMode: true }]);
    expect(readFileSync(file, 'utf8')).toBe('first\nsecond\n');
    expect(modesWhileWriting).toEqual([(0o600 & ~umask).toString(8)]);
    expect(asked).toBe(1);
    expect((statSync(file).mode & 0o777).toString(8)).toBe(expected.toString(8));
  });

  it("a mode decided by the content does not change an existing file's", () => {
    const file = path.join(tempDir(), 'manifests.yaml');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    writeFilesTogether([{ file, content: ['new'], displayPath: 'manifests.yaml', mode: () => 0o600, keepMode: true }]);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('640');
  });

  it('the state file (no keepMode) is made 0600 again even when it was opened up', () => {
    const file = path.join(tempDir(), 'state.yaml');
    writeFileSync(file, 'old');
    chmodSync(file, 0o644);
    writeFileAtomic(file, 'new', 'state.yaml', 0o600);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
  });
});

/** A process id that was used and is gone. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout);
}

describe('clean-up of temporary files after a commit', () => {
  const random = 'a1b2c3d4e5f6';
  it.each([
    { name: 'a killed run of this host: removed', temp: () => `.out.yaml.${deadPid()}-${hostTag()}-${random}.tmp`, removed: true },
    {
      name: 'a live run of this host (the parent of this test): kept',
      temp: () => `.out.yaml.${process.ppid}-${hostTag()}-${random}.tmp`,
      removed: false,
    },
    { name: 'a run of another host: kept', temp: () => `.out.yaml.${deadPid()}-${hostTag('elsewhere')}-${random}.tmp`, removed: false },
    {
      name: 'an earlier process with our pid (not one we staged): removed',
      temp: () => `.out.yaml.${process.pid}-${hostTag()}-${random}.tmp`,
      removed: true,
    },
    { name: 'a temporary file of another target: kept', temp: () => `.other.yaml.${deadPid()}-${hostTag()}-${random}.tmp`, removed: false },
  ])('$name', ({ temp, removed }) => {
    const dir = tempDir();
    const name = temp();
    writeFileSync(path.join(dir, name), 'staged');
    writeFileAtomic(path.join(dir, 'out.yaml'), 'new', 'out.yaml');
    expect(existsSync(path.join(dir, name))).toBe(!removed);
  });

  it('never removes a file this process has staged and not yet committed', () => {
    const dir = tempDir();
    const staged = stageFile({ file: path.join(dir, 'out.yaml'), content: 'second', displayPath: 'out.yaml' });
    writeFileAtomic(path.join(dir, 'out.yaml'), 'first', 'out.yaml');
    staged.commit();
    expect(readFileSync(path.join(dir, 'out.yaml'), 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['out.yaml']);
  });

  it('names temporary files after the writing process and host', () => {
    const dir = tempDir();
    const staged = stageFile({ file: path.join(dir, 'out.yaml'), content: 'x', displayPath: 'out.yaml' });
    expect(readdirSync(dir)).toEqual([
      expect.stringMatching(new RegExp(`^\\.out\\.yaml\\.${process.pid}-${hostTag()}-[0-9a-f]{12}\\.tmp$`)),
    ]);
    staged.discard();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writing to an open file descriptor', () => {
  it('appends to a file opened for appending (as `-o /dev/fd/N` with `N>>log` does)', () => {
    const log = path.join(tempDir(), 'log');
    writeFileSync(log, 'previous\n');
    const fd = openSync(log, 'a');
    try {
      writeFilesTogether([{ file: '/dev/fd/x', fd, content: ['a: 1\n', 'b: 2\n'], displayPath: '/dev/fd/x' }]);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(log, 'utf8')).toBe('previous\na: 1\nb: 2\n');
  });

  it('a descriptor that is not open fails with a clear message', () => {
    // Far above any descriptor this process has open (a closed one could be reused by the test runner).
    const fd = 999_999;
    expect(() => writeFilesTogether([{ file: '/dev/fd/999999', fd, content: 'x', displayPath: '/dev/fd/999999' }])).toThrow(
      'cannot write /dev/fd/999999: it is not an open file descriptor; the previous file, if any, is unchanged',
    );
  });
});

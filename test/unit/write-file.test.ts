import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/render/write-file.js';

const KIB = 1024;

describe('writing content that comes in pieces', () => {
  it.each([
    { name: 'no pieces', pieces: [] },
    { name: 'empty pieces', pieces: ['', 'a', '', 'b', ''] },
    { name: 'many small pieces with multi-byte characters across the 256 KiB buffer', pieces: Array.from({ length: 40_000 }, (_, i) => `é😀${i}\n`) },
    { name: 'a piece of exactly the buffer size after a small one', pieces: ['x', 'y'.repeat(256 * KIB), 'z'] },
    { name: 'a piece bigger than the buffer', pieces: ['head\n', '😀'.repeat(100 * KIB), 'tail\n'] },
  ])('$name: the file holds exactly the pieces joined', ({ pieces }) => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'score-ts-pieces-')), 'out.yaml');
    writeFileAtomic(file, pieces, 'out.yaml');
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''));
  });
});

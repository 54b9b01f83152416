/** The server harness's own rules: what a developer sees without the server packages. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPrograms, makeTempDir, removeDir, requirePrograms } from './harness.js';

describe('requirePrograms', () => {
  it('fails, naming the missing programs and the Debian package to install', () => {
    expect(() => requirePrograms('postgres', 'postgresql', { sh: ['sh'], initdb: ['no-such-initdb-1', 'no-such-initdb-2'] })).toThrow(
      "the postgres server tests need no-such-initdb-1 or no-such-initdb-2, which is not installed: install the Debian package 'postgresql' (apt-get install -y postgresql; .ci/run does this in CI)",
    );
  });

  it('takes a program from the highest version folder, before PATH', () => {
    const root = makeTempDir('score-ts-harness-');
    try {
      for (const version of ['9', '15', '10']) {
        mkdirSync(path.join(root, version, 'bin'), { recursive: true });
        writeFileSync(path.join(root, version, 'bin', 'sh'), '', { mode: 0o755 });
      }
      const { found, missing } = findPrograms({ sh: ['sh'] }, [path.join(root, '*', 'bin')]);
      expect([found.sh, missing]).toEqual([path.join(root, '15', 'bin', 'sh'), []]);
    } finally {
      removeDir(root);
    }
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/base/file-paths.js';

/** What projectPath must equal: the path resolved against the project and made relative to it again. */
const resolved = (projectDir: string, file: string) =>
  path.relative(path.resolve(projectDir), path.resolve(projectDir, file)).split(path.sep).join('/');

describe('projectPath', () => {
  it.each([
    ['score.yaml', 'score.yaml'],
    ['./score.yaml', 'score.yaml'],
    ['a//b/', 'a/b'],
    ['a/./b', 'a/b'],
    ['a/../b', 'b'],
    ['a/..', ''],
    ['.', ''],
    ['', ''],
    ['../other/score.yaml', '../other/score.yaml'],
    ['/srv/app/w/score.yaml', 'w/score.yaml'],
    ['/elsewhere/score.yaml', '../../elsewhere/score.yaml'],
    ['a..b/.c/...', 'a..b/.c/...'],
  ])('%j in /srv/app is %j', (file, expected) => {
    expect(projectPath('/srv/app', file)).toBe(expected);
    expect(projectPath('/srv/app/', file)).toBe(expected);
  });

  it('equals the resolved form for random paths of dots, slashes and names', () => {
    const parts = ['', '.', '..', '...', 'a', '.a', 'a.', 'b..c', ' '];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % parts.length;
    for (let i = 0; i < 2000; i++) {
      const file = Array.from({ length: 1 + (i % 5) }, next)
        .map((k) => parts[k])
        .join('/');
      for (const projectDir of ['/srv/app', '/', '/srv/./app/..'])
        expect(projectPath(projectDir, file), `${projectDir} + ${file}`).toBe(resolved(projectDir, file));
    }
  });
});

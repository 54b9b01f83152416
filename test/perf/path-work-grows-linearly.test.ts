/**
 * A generate given many Score files compares each with the files score-ts.yaml lists. The comparison once looked
 * up each given file by resolving every listed path again (1,000 files: half a million path resolutions, 45%
 * of the run). Counted, not timed: the path resolutions of a run grow with the number of files, not its square.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

afterEach(() => vi.restoreAllMocks());

/** Path resolutions of a second `generate` of `count` files, named `./wN/score.yaml` (not in the recorded form). */
async function resolutionsFor(count: number): Promise<number> {
  const dir = tempProject();
  const files = Array.from({ length: count }, (_, i) => {
    mkdirSync(path.join(dir, `w${i}`));
    writeFileSync(
      path.join(dir, `w${i}`, 'score.yaml'),
      `apiVersion: score.dev/v1b1\nmetadata: {name: w${i}}\ncontainers: {main: {image: nginx}}\n`,
    );
    return `./w${i}/score.yaml`;
  });
  expect((await runIn(dir, ['-q', 'init', '--no-sample'])).code).toBe(0);
  expect((await runIn(dir, ['-q', 'generate', ...files])).code).toBe(0);
  const resolve = vi.spyOn(path, 'resolve');
  const relative = vi.spyOn(path, 'relative');
  const run = await runIn(dir, ['-q', 'generate', ...files]);
  expect(run.code).toBe(0);
  return resolve.mock.calls.length + relative.mock.calls.length;
}

it('a run given 8 times the files makes about 8 times the path resolutions (64 times would be quadratic)', async () => {
  const small = await resolutionsFor(25);
  const large = await resolutionsFor(200);
  expect(large / small).toBeGreaterThan(4);
  expect(large / small).toBeLessThan(12);
}, 60_000);

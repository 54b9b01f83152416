/**
 * generate() makes a run's objects when its output is read, unless patch templates or a Secrets file need them
 * all first: a workload that cannot be converted then fails the reading, not generate() itself.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConvertError } from '../../src/base/errors.js';
import type { Logger } from '../../src/base/logger.js';
import { generate } from '../../src/pipeline.js';
import { tempProject } from '../support/run-cli.js';

const quiet: Logger = { info: () => {}, warn: () => {} };
const score = (name: string, image: string) =>
  `apiVersion: score.dev/v1b1\nmetadata: {name: ${name}}\ncontainers: {main: {image: "${image}"}}\nresources:\n  db: {type: postgres}\n`;

function project(): string {
  const dir = tempProject();
  writeFileSync(path.join(dir, 'api.yaml'), score('api', 'nginx:1.28'));
  writeFileSync(path.join(dir, 'zoo.yaml'), score('zoo', '.'));
  return dir;
}
const files = ['api.yaml', 'zoo.yaml'];

/** The message of the ConvertError `fn` throws (anything else fails the test). */
function convertError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConvertError) return e.message;
    throw e;
  }
  throw new Error('expected a ConvertError, but nothing was thrown');
}
const UNCONVERTED = 'some workloads cannot be converted';

describe('generate: when the objects are made', () => {
  it('as the output is read: a workload that cannot be converted fails the reading', () => {
    const result = generate({ projectDir: project(), scoreFiles: files }, quiet);
    expect(() => result.output.written()).toThrow('not been written');
    expect(convertError(() => [...result.output.text()])).toBe(UNCONVERTED);
  });

  it('the objects of a run are made once: a second reading is refused', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'zoo.yaml'), score('zoo', 'nginx:1.28'));
    const result = generate({ projectDir: dir, scoreFiles: files }, quiet);
    expect([...result.output.text()].join('')).toContain('name: zoo');
    expect(result.output.written().count).toBeGreaterThan(4);
    expect(() => [...result.output.text()]).toThrow('made already');
  });

  it('with a Secrets file, by generate itself', () => {
    expect(convertError(() => generate({ projectDir: project(), scoreFiles: files, secretsOutput: 'secrets.yaml' }, quiet))).toBe(
      UNCONVERTED,
    );
  });

  it('with patch templates, by generate itself (the templates see every object)', () => {
    const dir = project();
    mkdirSync(path.join(dir, '.score-ts'));
    writeFileSync(path.join(dir, '.score-ts', '10-none.patch.tpl'), '[]\n');
    expect(convertError(() => generate({ projectDir: dir, scoreFiles: files }, quiet))).toBe(UNCONVERTED);
  });
});

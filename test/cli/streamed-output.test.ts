/**
 * The output file is written as its objects are made, each workload's in its turn: a problem found then (a
 * workload that cannot be converted, two objects with one name) leaves every file as it was, the state folder
 * included, and the file's mode still follows what it holds.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const score = (name: string, image: string, extra = '') =>
  `apiVersion: score.dev/v1b1\nmetadata: {name: ${name}}\ncontainers: {main: {image: "${image}"}}\n${extra}`;
const withDatabase = 'resources:\n  db: {type: postgres}\n';

/** Every file under a folder, with its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = readFileSync(file, 'latin1');
  }
  return files;
}

/** Writes the Score files into a new project, generates them all to manifests.yaml: refused with `message`, every file as it was. */
async function expectRefusedLeavingFolder(scoreFiles: Record<string, string>, message: string): Promise<void> {
  const dir = tempProject();
  for (const [name, text] of Object.entries(scoreFiles)) writeFileSync(path.join(dir, name), text);
  const before = snapshot(dir);
  const run = await runIn(dir, ['generate', ...Object.keys(scoreFiles), '-o', 'manifests.yaml']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(message);
  expect(snapshot(dir)).toEqual(before);
}

describe('generate -o FILE, made as it is written', () => {
  it('a workload that cannot be converted, after others that can: nothing is written, not even the state folder', async () => {
    await expectRefusedLeavingFolder(
      { 'api.yaml': score('api', 'nginx:1.28', withDatabase), 'zoo.yaml': score('zoo', '.') },
      'some workloads cannot be converted',
    );
  });

  it('in a project with a state and an output: both keep their bytes, and no temporary file is left', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'api.yaml'), score('api', 'nginx:1.28', withDatabase));
    writeFileSync(path.join(dir, 'zoo.yaml'), score('zoo', 'nginx:1.28'));
    expect((await runIn(dir, ['generate', 'api.yaml', 'zoo.yaml', '-o', 'manifests.yaml'])).code).toBe(0);
    const before = snapshot(dir);
    writeFileSync(path.join(dir, 'zoo.yaml'), score('zoo', '.'));
    const run = await runIn(dir, ['generate', '-o', 'manifests.yaml']);
    expect(run.code).toBe(1);
    expect({ ...snapshot(dir), 'zoo.yaml': before['zoo.yaml'] }).toEqual(before);
  });

  it('two workloads making objects with one name: refused, nothing written', async () => {
    // 1pay's Service is named svc-1pay (a Service name may not start with a digit), as is svc-1pay's own.
    const service = 'service: {ports: {web: {port: 80}}}\n';
    await expectRefusedLeavingFolder(
      { '1pay.yaml': score('1pay', 'nginx:1.28', service), 'svc-1pay.yaml': score('svc-1pay', 'nginx:1.28', service) },
      'two different objects would have the same kind and name',
    );
  });

  it("a new output file is its owner's only when it holds a Secret with data, and 0644 less the umask when not", async () => {
    const umask = process.umask();
    const withSecret = tempProject();
    writeFileSync(path.join(withSecret, 'api.yaml'), score('api', 'nginx:1.28', withDatabase));
    expect((await runIn(withSecret, ['generate', 'api.yaml', '-o', 'manifests.yaml'])).code).toBe(0);
    expect(statSync(path.join(withSecret, 'manifests.yaml')).mode & 0o777).toBe(0o600 & ~umask);
    const without = tempProject();
    writeFileSync(path.join(without, 'api.yaml'), score('api', 'nginx:1.28'));
    expect((await runIn(without, ['generate', 'api.yaml', '-o', 'manifests.yaml'])).code).toBe(0);
    expect(statSync(path.join(without, 'manifests.yaml')).mode & 0o777).toBe(0o644 & ~umask);
  });
});

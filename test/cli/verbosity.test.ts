/** -q, default, -v and -vv really change what generate shows on stderr. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

it('shows more at each level: nothing, the summary, each stage, each provisioner and patch operation', async () => {
  const dir = tempProject();
  writeFileSync(path.join(dir, 'score.yaml'), 'apiVersion: score.dev/v1b1\nmetadata: {name: shop}\ncontainers: {main: {image: nginx:1.28}}\nresources:\n  db: {type: postgres}\n');
  mkdirSync(path.join(dir, 'patches'));
  writeFileSync(path.join(dir, 'patches', 'replicas.tpl'), '- op: set\n  path: "0.metadata.labels.team"\n  value: pay\n  description: the team label\n');
  expect((await runIn(dir, ['init', '--no-sample', '--patch-templates', 'patches'])).code).toBe(0);
  const stderr = async (flags: string[]) => (await runIn(dir, [...flags, 'generate', 'score.yaml', '-o', '-'])).stderr;
  const [quiet, normal, verbose, debug] = [await stderr(['-q']), await stderr([]), await stderr(['-v']), await stderr(['-vv'])];
  expect(quiet).toBe('');
  expect(normal).toBe('wrote 5 objects for shop to stdout\n');
  expect(verbose).toContain('workloads: shop (score.yaml)');
  expect(verbose).toContain('resource shop.db (postgres.default#shop.db): template://score-ts/postgres');
  expect(verbose).toContain('patch templates: .score-ts/replicas.patch.tpl');
  expect(verbose).not.toContain('operation 1 (set)');
  // The rendered path is not shown (it could hold any value of the manifests): the manifest it changes is.
  expect(debug).toContain('.score-ts/replicas.patch.tpl: operation 1 (set) on Secret postgres-shop-db-');
  expect(debug).toContain(': the team label\n');
  expect(debug).toMatch(/provisioners loaded, matched in this order: template:\/\/score-ts\//);
  expect(debug.length).toBeGreaterThan(verbose.length);
});

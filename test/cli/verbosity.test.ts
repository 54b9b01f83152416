/** -q, default, -v and -vv really change what generate shows on stderr. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

it('shows more at each level: nothing, the summary, each stage, each provisioner and patch operation', async () => {
  const dir = tempProject();
  writeFileSync(
    path.join(dir, 'score.yaml'),
    'apiVersion: score.dev/v1b1\nmetadata: {name: shop}\ncontainers: {main: {image: nginx:1.28}}\nresources:\n  db: {type: postgres}\n',
  );
  mkdirSync(path.join(dir, 'patches'));
  writeFileSync(
    path.join(dir, 'patches', 'replicas.tpl'),
    '- op: set\n  path: "0.metadata.labels.team"\n  value: pay\n  description: the team label\n',
  );
  expect((await runIn(dir, ['init', '--no-sample', '--patch-templates', 'patches'])).code).toBe(0);
  const stderr = async (flags: string[]) => (await runIn(dir, [...flags, 'generate', 'score.yaml', '-o', '-'])).stderr;
  const [quiet, normal, verbose, debug] = [await stderr(['-q']), await stderr([]), await stderr(['-v']), await stderr(['-vv'])];
  expect(quiet).toBe('');
  expect(normal).toBe('wrote 5 objects for shop to stdout\n');
  expect(verbose).toContain('workloads: shop (score.yaml)');
  expect(verbose).toContain('resource shop.db (postgres.default#shop.db): template://score-ts/postgres');
  expect(verbose).toContain('patch templates: patches/replicas.tpl');
  expect(verbose).not.toContain('operation 1 (set)');
  // The rendered path is not shown (it could hold any value of the manifests): the manifest it changes is.
  expect(debug).toContain('patches/replicas.tpl: operation 1 (set) on Secret postgres-shop-db-');
  expect(debug).toContain(': the team label\n');
  expect(debug).toMatch(/provisioners loaded, matched in this order: template:\/\/score-ts\//);
  expect(debug.length).toBeGreaterThan(verbose.length);
});

const INITIALISED = 'initialised the project state in .score-ts/ (run `score-ts init` to also get a sample score.yaml)\n';
const workload = (name: string) => `apiVersion: score.dev/v1b1\nmetadata: {name: ${name}}\ncontainers: {main: {image: nginx:1.28}}\n`;

it.each<{ name: string; workloads: string[]; flags: string[]; stderr: string }>([
  {
    name: 'a workload without resources at -vv: no provisioners are loaded, and the line says why',
    workloads: ['web'],
    flags: ['-vv'],
    stderr:
      'workloads: web (web.yaml)\nno provisioners loaded: no workload has resources\n1 object, labelled score-ts.dev/project=project\nwrote 1 object for web to stdout\n',
  },
  {
    name: 'five workloads: the summary names them all',
    workloads: ['a1', 'a2', 'a3', 'a4', 'a5'],
    flags: [],
    stderr: 'wrote 5 objects for a1, a2, a3, a4, a5 to stdout\n',
  },
  {
    name: 'seven workloads: the summary names five, then how many more',
    workloads: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'],
    flags: [],
    stderr: 'wrote 7 objects for a1, a2, a3, a4, a5 and 2 more to stdout\n',
  },
  {
    name: 'seven workloads at -v: every one is listed',
    workloads: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'],
    flags: ['-v'],
    stderr:
      'workloads: a1 (a1.yaml), a2 (a2.yaml), a3 (a3.yaml), a4 (a4.yaml), a5 (a5.yaml), a6 (a6.yaml), a7 (a7.yaml)\n7 objects, labelled score-ts.dev/project=project\nwrote 7 objects for a1, a2, a3, a4, a5 and 2 more to stdout\n',
  },
])('$name', async ({ workloads, flags, stderr }) => {
  const dir = tempProject();
  for (const name of workloads) writeFileSync(path.join(dir, `${name}.yaml`), workload(name));
  const run = await runIn(dir, [...flags, 'generate', ...workloads.map((n) => `${n}.yaml`), '-o', '-']);
  expect(run.stderr).toBe(stderr.replace(/(wrote [^\n]*\n)$/, `${INITIALISED}$1`));
});

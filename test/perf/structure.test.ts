/**
 * Structural guards for speed (no timings): templates are compiled once per provisioner file, never per
 * resource; built-in templates are never compiled at run time (the build precompiled them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProvisionerSet } from '../../src/load/provisioner-files.js';
import { provisionResources } from '../../src/provision/provision.js';
import { templateCompilations } from '../../src/provision/template-engine.js';
import { workloadFromYaml } from '../convert/fixtures.js';
import { repoRoot, tempProject } from '../support/run-cli.js';

const project = tempProject();
const testProvisioners = path.join(repoRoot, 'test', 'golden', '_shared', 'test.provisioners.yaml');

function workloads(count: number) {
  return Array.from({ length: count }, (_, i) =>
    workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata:
  name: w${i}
containers:
  main:
    image: nginx
resources:
  db:
    type: db
  cache:
    type: postgres
`),
  );
}

function compilationsFor(count: number): number {
  const before = templateCompilations();
  const provisioners = loadProvisionerSet(project, '.score-ts', [testProvisioners]);
  provisionResources(workloads(count), { provisioners, previous: {}, sharedState: {}, projectDir: project, seed: 'guard' });
  return templateCompilations() - before;
}

describe('compilation does not grow with the number of resources', () => {
  const templatesInFile = (readFileSync(testProvisioners, 'utf8').match(/^  (init|state|shared|outputs|manifests|wait_for): /gm) ?? []).length;

  it.each([1, 10, 200])('%i workloads: each template of the run file compiled once, built-in ones never', (count) => {
    expect(templatesInFile).toBeGreaterThan(5);
    expect(compilationsFor(count)).toBe(templatesInFile);
  });
});

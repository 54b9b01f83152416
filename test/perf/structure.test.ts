/**
 * Structural guards for speed (no timings): templates are compiled once per provisioner file, never per
 * resource; built-in templates are never compiled at run time (the build precompiled them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProvisionerSet } from '../../src/load/provisioner-files.js';
import { provisionResources } from '../../src/provision/provision.js';
import { renderedTextParses, templateCompilations } from '../../src/provision/template-engine.js';
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

/** Template compilations and rendered texts parsed while provisioning `count` workloads. */
function workFor(count: number): { compilations: number; parses: number } {
  const before = { compilations: templateCompilations(), parses: renderedTextParses() };
  const provisioners = loadProvisionerSet(project, '.score-ts', [testProvisioners]);
  provisionResources(workloads(count), { provisioners, previous: {}, sharedState: {}, projectDir: project, seed: 'guard' });
  return { compilations: templateCompilations() - before.compilations, parses: renderedTextParses() - before.parses };
}

describe('compilation does not grow with the number of resources', () => {
  const templatesInFile = (readFileSync(testProvisioners, 'utf8').match(/^  (init|state|shared|outputs|manifests|wait_for): /gm) ?? []).length;

  it.each([1, 10, 200])('%i workloads: each template of the run file compiled once, built-in ones never', (count) => {
    expect(templatesInFile).toBeGreaterThan(5);
    expect(workFor(count).compilations).toBe(templatesInFile);
  });
});

describe('reading rendered YAML does not grow with the number of resources', () => {
  it('resources of one type share the shape of their rendered YAML: 200 workloads parse as much as 10', () => {
    const ten = workFor(10).parses;
    // Each stage template of the two types: its first render, then its shape, once.
    expect(ten).toBeLessThanOrEqual(2 * 2 * 6);
    expect(workFor(200).parses).toBe(ten);
  });
});

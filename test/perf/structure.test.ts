/**
 * Structural guards for speed (no timings): templates are compiled once per provisioner file, never per
 * resource; built-in templates are never compiled at run time (the build precompiled them); what the built-in
 * networking provisioners render for a resource does not grow with the run's workloads and ports.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProvisionerSet } from '../../src/provision/provisioner-files.js';
import { provisionResources } from '../../src/provision/provision.js';
import { renderedCharacters, renderedTextParses, templateCompilations } from '../../src/templates/template-engine.js';
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
  const provisioners = loadProvisionerSet(project, [testProvisioners]);
  provisionResources(workloads(count), { provisioners, previous: {}, sharedState: {}, projectDir: project, seed: 'guard' });
  return { compilations: templateCompilations() - before.compilations, parses: renderedTextParses() - before.parses };
}

describe('compilation does not grow with the number of resources', () => {
  const templatesInFile = (readFileSync(testProvisioners, 'utf8').match(/^ {2}(init|state|shared|outputs|manifests|wait_for): /gm) ?? [])
    .length;

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

/** A Score workload with `ports` service ports and the given resources (YAML flow maps). */
function workload(name: string, ports: number, resources: string[]) {
  const portLines = Array.from({ length: ports }, (_, i) => `    p${i}: {port: ${1000 + i}}`).join('\n');
  return workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata: {name: ${name}}
containers: {main: {image: nginx}}
${ports > 0 ? `service:\n  ports:\n${portLines}` : ''}
${resources.length > 0 ? `resources:\n${resources.map((r, i) => `  r${i}: ${r}`).join('\n')}` : ''}
`);
}

/** Characters the templates render to provision these workloads with the built-in provisioners. */
function renderedFor(workloadList: ReturnType<typeof workload>[]): number {
  const provisioners = loadProvisionerSet(project, []);
  const before = renderedCharacters();
  provisionResources(workloadList, { provisioners, previous: {}, sharedState: {}, projectDir: project, seed: 'guard' });
  return renderedCharacters() - before;
}

describe('service-port and endpoint: a resource renders as much however many workloads and ports there are', () => {
  // Before, each resource rendered every port of its target and every workload of the run: 20 times the
  // resources took 400 times the text. Linear work allows 20 times (a little more for longer names).
  const LINEAR = 20 * 1.3;

  it('one workload with N ports, N resources naming a port by name, by number, or as an endpoint', () => {
    const project = (n: number) => [
      workload('server', n, []),
      workload(
        'client',
        0,
        Array.from(
          { length: n },
          (_, i) =>
            [
              `{type: service-port, params: {workload: server, port: p${i}}}`,
              `{type: service-port, params: {workload: server, port: ${1000 + i}}}`,
              `{type: endpoint, params: {workload: server, port: p${i}}}`,
            ][i % 3]!,
        ),
      ),
    ];
    expect(renderedFor(project(400)) / renderedFor(project(20))).toBeLessThan(LINEAR);
  });

  it('N workloads, each with a service-port, a service and an endpoint of the next one', () => {
    const project = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const next = `w${(i + 1) % n}`;
        return workload(`w${i}`, 2, [
          `{type: service-port, params: {workload: ${next}, port: p1}}`,
          `{type: service, params: {workload: ${next}}}`,
          `{type: endpoint, params: {workload: ${next}, port: 1000}}`,
        ]);
      });
    expect(renderedFor(project(400)) / renderedFor(project(20))).toBeLessThan(LINEAR);
  });
});

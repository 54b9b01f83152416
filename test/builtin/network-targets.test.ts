/**
 * The built-in service, service-port and endpoint provisioners find the workload they point at:
 * `params.workload`, or else the workload named like the resource (the last dot-separated part of its id, or
 * its name), as the community `service` provisioner does. Names that are also Object methods find nothing
 * but a workload of that name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProvisionError } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import { builtInFiles } from '../../src/provision/provisioner-files.js';
import { loadProvisioners } from '../../src/provision/provisioner-file.js';
import { provisionResources } from '../../src/provision/provision.js';
import type { WorkloadInput } from '../../src/base/types.js';
import { workloadFromYaml } from '../convert/fixtures.js';
import { shownError } from '../provision/builders.js';
import { repoRoot } from '../support/run-cli.js';

const builtIns = builtInFiles().flatMap((file) =>
  loadProvisioners(parseYamlSource(file.display, readFileSync(file.absolute, 'utf8')), 'built-in'),
);

/** A workload with service ports (`name:port,...`) and resources (YAML flow map). */
function workload(name: string, ports: string, resources = '{}'): WorkloadInput {
  const service =
    ports === ''
      ? ''
      : `service:\n  ports:\n${ports
          .split(',')
          .map((p) => `    ${p.split(':')[0]}: {port: ${p.split(':')[1]}}`)
          .join('\n')}\n`;
  return workloadFromYaml(
    `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\ncontainers:\n  main:\n    image: nginx\n${service}resources: ${resources}\n`,
  );
}

const CART = workload('cart', 'grpc:7070');
const SEARCH = workload('search', 'http:8080,admin:9090');
const CONSTRUCTOR = workload('constructor', 'http:80');
const run = (...workloads: WorkloadInput[]) =>
  provisionResources(workloads, { provisioners: builtIns, previous: {}, sharedState: {}, projectDir: repoRoot, seed: 'targets' });

describe('network types find their workload', () => {
  it.each<{ name: string; resources: string; others: WorkloadInput[]; resource: string; outputs: Record<string, unknown> }>([
    {
      name: 'service named like the workload',
      resources: '{cart: {type: service}}',
      others: [CART],
      resource: 'cart',
      outputs: { name: 'cart', hostname: 'cart', ports: { grpc: 7070 } },
    },
    {
      name: 'service with params.workload',
      resources: '{basket: {type: service, params: {workload: cart}}}',
      others: [CART],
      resource: 'basket',
      outputs: { name: 'cart', hostname: 'cart', ports: { grpc: 7070 } },
    },
    {
      name: 'params.workload wins over the name',
      resources: '{search: {type: service, params: {workload: cart}}}',
      others: [CART, SEARCH],
      resource: 'search',
      outputs: { name: 'cart', hostname: 'cart', ports: { grpc: 7070 } },
    },
    {
      name: 'service with an id: its last part',
      resources: '{basket: {type: service, id: shop.backend.cart}}',
      others: [CART],
      resource: 'basket',
      outputs: { name: 'cart', hostname: 'cart', ports: { grpc: 7070 } },
    },
    {
      name: 'service with an id without a dot',
      resources: '{basket: {type: service, id: cart}}',
      others: [CART],
      resource: 'basket',
      outputs: { name: 'cart', hostname: 'cart', ports: { grpc: 7070 } },
    },
    {
      name: 'service-port named like the workload',
      resources: '{cart: {type: service-port, params: {port: grpc}}}',
      others: [CART],
      resource: 'cart',
      outputs: { hostname: 'cart', port: 7070 },
    },
    {
      name: 'endpoint named like the workload, with name',
      resources: '{search: {type: endpoint, params: {port: http}}}',
      others: [SEARCH],
      resource: 'search',
      outputs: { url: 'http://search:8080', host: 'search', port: 8080, name: 'search' },
    },
    {
      name: 'endpoint of a one-port workload',
      resources: '{cart: {type: endpoint, params: {scheme: grpc}}}',
      others: [CART],
      resource: 'cart',
      outputs: { url: 'grpc://cart:7070', host: 'cart', port: 7070, name: 'cart' },
    },
    {
      name: 'a workload named constructor is found',
      resources: '{constructor: {type: service}}',
      others: [CONSTRUCTOR],
      resource: 'constructor',
      outputs: { name: 'constructor', hostname: 'constructor', ports: { http: 80 } },
    },
  ])('$name', ({ resources, others, resource, outputs }) => {
    expect(run(workload('shop', 'http:80', resources), ...others).outputs('shop', resource)).toEqual(outputs);
  });

  it.each<{ name: string; resources: string; others: WorkloadInput[]; diagnostics: string[] }>([
    {
      name: 'no workload named like the resource',
      resources: '{payment: {type: service}}',
      others: [CART],
      diagnostics: [
        "score.yaml:10:13: resources.payment: template://score-ts/service, stage outputs: service: there is no workload 'payment' in this run (the resource's name, as params.workload is not set); the workloads are: shop, cart. Generate the workloads together, or set params.workload",
      ],
    },
    {
      name: 'no workload named in params.workload',
      resources: '{payment: {type: service-port, params: {workload: pay, port: 80}}}',
      others: [],
      diagnostics: [
        "score.yaml:10:13: resources.payment: template://score-ts/service-port, stage outputs: service-port: there is no workload 'pay' in this run (params.workload); the workloads are: shop. Generate the workloads together, e.g. score-ts generate a/score.yaml b/score.yaml",
      ],
    },
    {
      name: 'a resource named constructor finds no Object method',
      resources: '{constructor: {type: endpoint}}',
      others: [CART],
      diagnostics: [
        "score.yaml:10:13: resources.constructor: template://score-ts/endpoint, stage outputs: endpoint: there is no workload 'constructor' in this run (the resource's name, as params.workload is not set); the workloads are: shop, cart. Generate the workloads together, or set params.workload",
      ],
    },
  ])('fails: $name', ({ resources, others, diagnostics }) => {
    expect(shownError(() => run(workload('shop', 'http:80', resources), ...others), ProvisionError).diagnostics).toEqual(diagnostics);
  });
});

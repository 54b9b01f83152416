import { describe, expect, it } from 'vitest';
import type { ManifestSource } from '../../src/base/manifest-source.js';
import { withResourceLabels } from '../../src/render/resource-labels.js';
import type { Manifest } from '../../src/base/types.js';

const PROVISIONER: ManifestSource = {
  kind: 'provisioner',
  uri: 'template://acme/q',
  uid: 'queue.default#shop.q',
  workload: 'shop',
  location: { file: 'p.yaml', line: 1, column: 1 },
};
const WORKLOAD: ManifestSource = { kind: 'workload', workload: 'shop', location: { file: 'score.yaml', line: 3, column: 9 } };
const MARKS = { labels: { 'score-ts.dev/workload': 'shop' }, annotations: { 'score-ts.dev/resource-uid': 'queue.default#shop.q' } };

const labelled = (manifest: Record<string, unknown>, source: ManifestSource = PROVISIONER) =>
  withResourceLabels({ manifest: manifest as unknown as Manifest, source }).manifest as unknown;

describe('withResourceLabels', () => {
  it.each<{ name: string; manifest: Record<string, unknown>; expected: unknown }>([
    {
      name: 'an object without labels or annotations gets both, after name and namespace',
      manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'q', namespace: 'dev' }, data: { a: '1' } },
      expected: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'q', namespace: 'dev', ...MARKS }, data: { a: '1' } },
    },
    {
      name: 'its own labels and annotations are kept, the marks added last',
      manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'q', labels: { team: 'a' }, annotations: { note: 'n' } } },
      expected: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'q',
          labels: { team: 'a', 'score-ts.dev/workload': 'shop' },
          annotations: { note: 'n', 'score-ts.dev/resource-uid': 'queue.default#shop.q' },
        },
      },
    },
    {
      name: 'a label or annotation the provisioner set stands',
      manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'q', labels: { 'score-ts.dev/workload': 'platform' } } },
      expected: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'q',
          labels: { 'score-ts.dev/workload': 'platform' },
          annotations: { 'score-ts.dev/resource-uid': 'queue.default#shop.q' },
        },
      },
    },
    {
      name: 'metadata that has both is kept exactly, key order included',
      manifest: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { annotations: { 'score-ts.dev/resource-uid': 'u' }, name: 'q', labels: { 'score-ts.dev/workload': 'w' } },
      },
      expected: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { annotations: { 'score-ts.dev/resource-uid': 'u' }, name: 'q', labels: { 'score-ts.dev/workload': 'w' } },
      },
    },
    {
      name: 'other metadata fields follow the marks',
      manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { finalizers: ['x'], name: 'q' } },
      expected: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'q', ...MARKS, finalizers: ['x'] } },
    },
    {
      name: 'labels that are not a map are left for Kubernetes to refuse',
      manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'q', labels: 'oops' } },
      expected: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'q', labels: 'oops', annotations: MARKS.annotations } },
    },
    {
      name: 'a Deployment: its pod template too, metadata first when it had none',
      manifest: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'q' },
        spec: { replicas: 1, template: { spec: { containers: [] } } },
      },
      expected: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'q', ...MARKS },
        spec: { replicas: 1, template: { metadata: MARKS, spec: { containers: [] } } },
      },
    },
    {
      name: 'a StatefulSet: its pod template and each claim template',
      manifest: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'q' },
        spec: {
          template: { metadata: { labels: { app: 'q' } }, spec: {} },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }],
        },
      },
      expected: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'q', ...MARKS },
        spec: {
          template: { metadata: { labels: { app: 'q', 'score-ts.dev/workload': 'shop' }, annotations: MARKS.annotations }, spec: {} },
          volumeClaimTemplates: [{ metadata: { name: 'data', ...MARKS }, spec: {} }],
        },
      },
    },
    {
      name: 'a Job: its pod template',
      manifest: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'q' }, spec: { template: { metadata: {}, spec: {} } } },
      expected: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'q', ...MARKS },
        spec: { template: { metadata: MARKS, spec: {} } },
      },
    },
    {
      name: 'a CronJob: its job template and the pod template inside',
      manifest: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'q' },
        spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: {} } } } },
      },
      expected: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'q', ...MARKS },
        spec: { schedule: '@daily', jobTemplate: { metadata: MARKS, spec: { template: { metadata: MARKS, spec: {} } } } },
      },
    },
    {
      name: 'a kind without pod templates: its spec is untouched, even one with a template field',
      manifest: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'q' }, spec: { template: { spec: {} } } },
      expected: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'q', ...MARKS }, spec: { template: { spec: {} } } },
    },
    {
      name: 'a label key named like an Object method is a plain key',
      manifest: { apiVersion: 'v1', kind: 'Secret', metadata: JSON.parse('{"name":"q","labels":{"__proto__":"x","constructor":"y"}}') },
      expected: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'q',
          labels: JSON.parse('{"__proto__":"x","constructor":"y","score-ts.dev/workload":"shop"}') as unknown,
          annotations: MARKS.annotations,
        },
      },
    },
  ])('$name', ({ manifest, expected }) => {
    const result = labelled(manifest);
    expect(result).toEqual(expected);
    expect(JSON.stringify(result)).toBe(JSON.stringify(expected));
  });

  it("leaves a workload's own objects alone", () => {
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop-files' } };
    expect(labelled(manifest, WORKLOAD)).toBe(manifest);
  });

  it('leaves a Namespace a provisioner makes alone (deleting it by label would delete everything in it)', () => {
    const manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'queues' } };
    expect(labelled(manifest)).toBe(manifest);
  });

  it('does not change the objects it is given', () => {
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'q', labels: { a: 'b' } },
      spec: { template: { metadata: { labels: {} } } },
    };
    const before = JSON.stringify(manifest);
    labelled(manifest);
    expect(JSON.stringify(manifest)).toBe(before);
  });
});

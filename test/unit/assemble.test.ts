import { describe, expect, it } from 'vitest';
import { ConvertError, UsageError } from '../../src/base/errors.js';
import { assembleObjects, checkNamespace, type AssembleOptions } from '../../src/render/assemble.js';
import type { ManifestSource, SourcedManifest } from '../../src/base/manifest-source.js';
import type { Manifest } from '../../src/base/types.js';
import { shownError } from '../provision/builders.js';
import { carriesWorkloadLabels, workloadLabels } from '../../src/convert/names.js';

const provisioner = (uid: string): ManifestSource => ({
  kind: 'provisioner',
  uri: 'template://p',
  uid,
  workload: 'w',
  location: { file: 'p.yaml', line: 1, column: 1 },
});
const workload = (name: string): ManifestSource => ({
  kind: 'workload',
  workload: name,
  location: { file: `${name}.yaml`, line: 3, column: 9 },
});

/** Assembles plain objects: resources made by one provisioner, each workload's objects by that workload. */
function assembleManifests(
  resources: readonly Manifest[],
  workloads: ReadonlyMap<string, readonly Manifest[]>,
  options: AssembleOptions,
): Manifest[] {
  const fromWorkloads = [...workloads].map(([name, list]) => ({
    name,
    objects: () => list.map((manifest) => ({ manifest, source: workload(name) })),
  }));
  return [
    ...assembleObjects(
      resources.map((manifest) => ({ manifest, source: provisioner('t.default#w.r') })),
      fromWorkloads,
      options,
    ),
  ].map((o) => o.manifest);
}

const m = (kind: string, name: string, apiVersion = 'v1', namespace?: string): Manifest => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
});

/** apiVersion/kind/namespace/name of each manifest, in order. */
const ids = (manifests: readonly Manifest[]) =>
  manifests.map((x) => `${x.apiVersion}/${x.kind}/${x.metadata.namespace ?? ''}/${x.metadata.name}`);

/** A Secret a resource makes exactly as workload alpha does: like every object of a workload's, it carries the workload's labels. */
const alphaSecret = (): Manifest => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', labels: workloadLabels('alpha') } });
const resources = [alphaSecret(), m('PersistentVolume', 'pv'), m('ClusterRole', 'reader', 'rbac.authorization.k8s.io/v1')];
const workloads = () =>
  new Map<string, Manifest[]>([
    ['zeta', [m('Deployment', 'zeta', 'apps/v1'), m('Service', 'zeta')]],
    ['alpha', [m('Deployment', 'alpha', 'apps/v1'), alphaSecret()]],
    ['Beta', [m('StatefulSet', 'beta', 'apps/v1')]],
  ]);

describe('assembleManifests', () => {
  it.each<{ name: string; options: AssembleOptions; expected: string[] }>([
    {
      name: 'no namespace: resources, then workloads by name (code-point order), identical duplicates merged',
      options: {},
      expected: [
        'v1/Secret//db',
        'v1/PersistentVolume//pv',
        'rbac.authorization.k8s.io/v1/ClusterRole//reader',
        'apps/v1/StatefulSet//beta',
        'apps/v1/Deployment//alpha',
        'apps/v1/Deployment//zeta',
        'v1/Service//zeta',
      ],
    },
    {
      name: 'namespace set on namespaced kinds only',
      options: { namespace: 'dev' },
      expected: [
        'v1/Secret/dev/db',
        'v1/PersistentVolume//pv',
        'rbac.authorization.k8s.io/v1/ClusterRole//reader',
        'apps/v1/StatefulSet/dev/beta',
        'apps/v1/Deployment/dev/alpha',
        'apps/v1/Deployment/dev/zeta',
        'v1/Service/dev/zeta',
      ],
    },
    {
      name: 'generated Namespace comes first',
      options: { namespace: 'dev', generateNamespace: true },
      expected: [
        'v1/Namespace//dev',
        'v1/Secret/dev/db',
        'v1/PersistentVolume//pv',
        'rbac.authorization.k8s.io/v1/ClusterRole//reader',
        'apps/v1/StatefulSet/dev/beta',
        'apps/v1/Deployment/dev/alpha',
        'apps/v1/Deployment/dev/zeta',
        'v1/Service/dev/zeta',
      ],
    },
    {
      name: 'generateNamespace without a namespace adds nothing',
      options: { generateNamespace: true },
      expected: [
        'v1/Secret//db',
        'v1/PersistentVolume//pv',
        'rbac.authorization.k8s.io/v1/ClusterRole//reader',
        'apps/v1/StatefulSet//beta',
        'apps/v1/Deployment//alpha',
        'apps/v1/Deployment//zeta',
        'v1/Service//zeta',
      ],
    },
  ])('$name', ({ options, expected }) => {
    expect(ids(assembleManifests(resources, workloads(), options))).toEqual(expected);
  });

  it('writes the generated Namespace with the managed-by label', () => {
    expect(assembleManifests([], new Map(), { namespace: 'dev', generateNamespace: true })).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', labels: { 'app.kubernetes.io/managed-by': 'score-ts' } } },
    ]);
  });

  it.each<{ name: string; input: Manifest[]; options: AssembleOptions; expected: string[] }>([
    {
      name: 'identical objects are merged, the first kept',
      input: [
        { ...m('ConfigMap', 'c'), data: { v: '1', w: '2' } },
        { ...m('ConfigMap', 'c'), data: { w: '2', v: '1' } },
      ],
      options: {},
      expected: ['v1/ConfigMap//c'],
    },
    {
      name: 'same name in other namespaces are kept',
      input: [m('ConfigMap', 'c', 'v1', 'a'), m('ConfigMap', 'c', 'v1', 'b'), m('ConfigMap', 'c', 'v1', 'a')],
      options: {},
      expected: ['v1/ConfigMap/a/c', 'v1/ConfigMap/b/c'],
    },
    {
      name: 'same name with another kind is kept',
      input: [m('ConfigMap', 'c'), m('Secret', 'c')],
      options: {},
      expected: ['v1/ConfigMap//c', 'v1/Secret//c'],
    },
    {
      name: 'same kind and name with another apiVersion is kept',
      input: [m('Ingress', 'i', 'networking.k8s.io/v1'), m('Ingress', 'i', 'extensions/v1beta1')],
      options: {},
      expected: ['networking.k8s.io/v1/Ingress//i', 'extensions/v1beta1/Ingress//i'],
    },
    {
      name: 'the namespace option replaces the own namespace, then identical objects are merged',
      input: [m('ConfigMap', 'c', 'v1', 'a'), m('ConfigMap', 'c', 'v1', 'b')],
      options: { namespace: 'z' },
      expected: ['v1/ConfigMap/z/c'],
    },
    {
      name: 'a generated Namespace and an identical resource Namespace are one',
      input: [{ ...m('Namespace', 'dev'), metadata: { name: 'dev', labels: { 'app.kubernetes.io/managed-by': 'score-ts' } } }],
      options: { namespace: 'dev', generateNamespace: true },
      expected: ['v1/Namespace//dev'],
    },
    {
      name: 'cluster-scoped kinds lose their own namespace',
      input: [m('StorageClass', 'fast', 'storage.k8s.io/v1', 'x'), m('Namespace', 'other', 'v1', 'x')],
      options: {},
      expected: ['storage.k8s.io/v1/StorageClass//fast', 'v1/Namespace//other'],
    },
  ])('$name', ({ input, options, expected }) => {
    expect(ids(assembleManifests(input, new Map(), options))).toEqual(expected);
  });

  it.each<{ name: string; kind: string; apiVersion: string }>([
    { name: 'Namespace', kind: 'Namespace', apiVersion: 'v1' },
    { name: 'Node', kind: 'Node', apiVersion: 'v1' },
    { name: 'PersistentVolume', kind: 'PersistentVolume', apiVersion: 'v1' },
    { name: 'StorageClass', kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1' },
    { name: 'ClusterRole', kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1' },
    { name: 'ClusterRoleBinding', kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1' },
    { name: 'CustomResourceDefinition', kind: 'CustomResourceDefinition', apiVersion: 'apiextensions.k8s.io/v1' },
    { name: 'PriorityClass', kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1' },
    { name: 'IngressClass', kind: 'IngressClass', apiVersion: 'networking.k8s.io/v1' },
  ])('never namespaces a $name', ({ kind, apiVersion }) => {
    const [placed] = assembleManifests([m(kind, 'x', apiVersion)], new Map(), { namespace: 'dev' });
    expect(placed!.metadata).toEqual({ name: 'x' });
  });

  it.each<{ name: string; kind: string; apiVersion: string }>([
    { name: 'ConfigMap', kind: 'ConfigMap', apiVersion: 'v1' },
    { name: 'PersistentVolumeClaim', kind: 'PersistentVolumeClaim', apiVersion: 'v1' },
    { name: 'Role', kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1' },
    { name: 'Ingress', kind: 'Ingress', apiVersion: 'networking.k8s.io/v1' },
  ])('namespaces a $name', ({ kind, apiVersion }) => {
    const [placed] = assembleManifests([m(kind, 'x', apiVersion)], new Map(), { namespace: 'dev' });
    expect(placed!.metadata).toEqual({ name: 'x', namespace: 'dev' });
  });

  it('orders keys: apiVersion, kind, metadata, then the rest; metadata: name, namespace, labels, annotations, rest', () => {
    const input = {
      spec: { replicas: 1 },
      data: { a: 'b' },
      metadata: { annotations: { a: 'b' }, uid: 'u', labels: { l: 'v' }, namespace: 'own', name: 'n' },
      kind: 'ConfigMap',
      apiVersion: 'v1',
    } as unknown as Manifest;
    const [placed] = assembleManifests([input], new Map(), {});
    expect(JSON.stringify(placed)).toBe(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'n', namespace: 'own', labels: { l: 'v' }, annotations: { a: 'b' }, uid: 'u' },
        spec: { replicas: 1 },
        data: { a: 'b' },
      }),
    );
  });

  it('leaves out empty metadata fields instead of writing them as undefined', () => {
    const [placed] = assembleManifests([m('ConfigMap', 'c')], new Map(), {});
    expect(Object.keys(placed!.metadata)).toEqual(['name']);
  });

  it('does not modify its input manifests', () => {
    const input = [{ ...m('ConfigMap', 'c'), data: { a: 'b' } }];
    const before = structuredClone(input);
    assembleManifests(input, new Map([['w', [m('Deployment', 'w', 'apps/v1')]]]), { namespace: 'dev', generateNamespace: true });
    expect(input).toEqual(before);
  });
});

describe('assembleManifests: two different objects with one identity', () => {
  const spec = (value: unknown) => ({ spec: { value } });
  const REPLACE = 'applied together, one would silently replace the other: rename one of them';
  it.each<{ name: string; resources: Manifest[]; workloads: Array<[string, Manifest[]]>; options: AssembleOptions; expected: string[] }>([
    {
      name: "a provisioner's object named like a workload's Deployment",
      resources: [{ ...m('Deployment', 'api', 'apps/v1'), ...spec('evil') }],
      workloads: [['api', [{ ...m('Deployment', 'api', 'apps/v1'), ...spec('api') }]]],
      options: {},
      expected: [
        `api.yaml:3:9: metadata.name: workload 'api' makes Deployment 'api', and provisioner template://p (resource t.default#w.r) (p.yaml:1:1) makes a different one with the same name; ${REPLACE}`,
      ],
    },
    {
      name: "workload 1pay's Service svc-1pay and workload svc-1pay's Service",
      resources: [],
      workloads: [
        ['svc-1pay', [{ ...m('Service', 'svc-1pay'), ...spec('svc-1pay') }]],
        ['1pay', [{ ...m('Service', 'svc-1pay'), ...spec('1pay') }]],
      ],
      options: {},
      expected: [
        `svc-1pay.yaml:3:9: metadata.name: workload 'svc-1pay' makes Service 'svc-1pay', and workload '1pay' (1pay.yaml:3:9) makes a different one with the same name; ${REPLACE}`,
      ],
    },
    {
      name: 'apps/v1 and apps/v1beta2 Deployments are one object (same API group)',
      resources: [m('Deployment', 'd', 'apps/v1'), m('Deployment', 'd', 'apps/v1beta2')],
      workloads: [],
      options: {},
      expected: [
        `p.yaml:1:1: provisioner template://p (resource t.default#w.r) makes Deployment 'd', and provisioner template://p (resource t.default#w.r) (p.yaml:1:1) makes a different one with the same name; ${REPLACE}`,
      ],
    },
    {
      name: 'objects of two namespaces become one in the namespace of the run',
      resources: [
        { ...m('ConfigMap', 'c', 'v1', 'a'), ...spec(1) },
        { ...m('ConfigMap', 'c', 'v1', 'b'), ...spec(2) },
      ],
      workloads: [],
      options: { namespace: 'z' },
      expected: [
        `p.yaml:1:1: provisioner template://p (resource t.default#w.r) makes ConfigMap 'c' in namespace 'z', and provisioner template://p (resource t.default#w.r) (p.yaml:1:1) makes a different one with the same name; ${REPLACE}`,
      ],
    },
    {
      name: 'a resource Namespace other than the generated one',
      resources: [m('Namespace', 'dev')],
      workloads: [],
      options: { namespace: 'dev', generateNamespace: true },
      expected: [
        `p.yaml:1:1: provisioner template://p (resource t.default#w.r) makes Namespace 'dev', and --generate-namespace makes a different one with the same name; ${REPLACE}`,
      ],
    },
  ])('$name: an error naming both makers', ({ resources, workloads, options, expected }) => {
    expect(shownError(() => assembleManifests(resources, new Map(workloads), options), ConvertError)).toEqual({
      message: 'two different objects would have the same kind and name',
      diagnostics: expected,
    });
  });

  it('keeps the maker of the first of two identical objects', () => {
    const object = m('Secret', 's');
    const made = [
      ...assembleObjects(
        [
          { manifest: object, source: provisioner('a.default#x') },
          { manifest: { ...object }, source: provisioner('a.default#y') },
        ],
        [],
        {},
      ),
    ];
    expect(made.map((o) => o.source)).toEqual([provisioner('a.default#x')]);
  });
});

describe('assembleManifests: names Kubernetes would refuse', () => {
  it.each<{ name: string; resources: Manifest[]; workloads: Array<[string, Manifest[]]>; expected: string[] }>([
    {
      name: "a workload's StatefulSet over 52 characters",
      resources: [],
      workloads: [['w', [m('StatefulSet', 'a'.repeat(53), 'apps/v1')]]],
      expected: [
        `w.yaml:3:9: metadata.name: a StatefulSet name has at most 52 characters (Kubernetes adds 11 to label each pod with its revision), and '${'a'.repeat(53)}' has 53`,
      ],
    },
    {
      name: "a provisioner's Service starting with a digit",
      resources: [m('Service', '1db')],
      workloads: [],
      expected: [
        "p.yaml:1:1: provisioner template://p (resource t.default#w.r): '1db' cannot be a Service name: use lowercase letters, digits and '-', starting with a letter and ending with a letter or digit",
      ],
    },
  ])('$name', ({ resources, workloads, expected }) => {
    expect(shownError(() => assembleManifests(resources, new Map(workloads), {}), ConvertError)).toEqual({
      message: 'some objects have names Kubernetes would refuse',
      diagnostics: expected,
    });
  });
});

describe('checkNamespace', () => {
  it.each<{ name: string; namespace: string }>([
    { name: 'word', namespace: 'dev' },
    { name: 'one letter', namespace: 'a' },
    { name: 'starts with a digit', namespace: '1a' },
    { name: 'with dashes', namespace: 'team-a-dev' },
    { name: '63 characters', namespace: 'a'.repeat(63) },
  ])('accepts $name', ({ namespace }) => {
    expect(() => checkNamespace(namespace)).not.toThrow();
  });

  it.each<{ name: string; namespace: string }>([
    { name: 'empty', namespace: '' },
    { name: '64 characters', namespace: 'a'.repeat(64) },
    { name: 'upper case', namespace: 'Dev' },
    { name: 'leading dash', namespace: '-a' },
    { name: 'trailing dash', namespace: 'a-' },
    { name: 'underscore', namespace: 'a_b' },
    { name: 'dot', namespace: 'a.b' },
    { name: 'trailing newline', namespace: 'dev\n' },
  ])('rejects $name', ({ namespace }) => {
    expect(() => checkNamespace(namespace)).toThrow(UsageError);
    expect(() => checkNamespace(namespace)).toThrow(
      new UsageError(`--namespace '${namespace}' is not a valid Kubernetes namespace name: use up to 63 lowercase letters, digits and '-'`),
    );
  });
});

describe('assembleObjects: one object at a time', () => {
  const labelled = (kind: string, name: string, labels: Record<string, string>): Manifest => ({
    apiVersion: 'v1',
    kind,
    metadata: { name, labels },
  });

  it("makes each workload's objects when its turn comes, after every resource object is read", () => {
    const made: string[] = [];
    const lazily = (name: string) => ({
      name,
      objects: () => {
        made.push(name);
        return [{ manifest: m('Service', name), source: workload(name) }];
      },
    });
    const resourceObjects = function* () {
      made.push('resource object read');
      yield { manifest: m('Secret', 'db'), source: provisioner('pg.default#a.db') };
    };
    const objects = assembleObjects(resourceObjects(), [lazily('b'), lazily('a')], {});
    const nextName = () => (objects.next().value as SourcedManifest | undefined)?.manifest.metadata.name;
    expect(made).toEqual([]);
    expect(nextName()).toBe('db');
    expect(made).toEqual(['resource object read']);
    expect(nextName()).toBe('a');
    expect(made).toEqual(['resource object read', 'a']);
    expect([...objects].map((o) => o.manifest.metadata.name)).toEqual(['b']);
    expect(made).toEqual(['resource object read', 'a', 'b']);
  });

  it("merges a workload's object with an identical one a resource made (it carries the workload's labels)", () => {
    const own = labelled('ConfigMap', 'web-files', workloadLabels('web'));
    const objects = [
      ...assembleObjects(
        [{ manifest: structuredClone(own), source: provisioner('cm.default#web.files') }],
        [{ name: 'web', objects: () => [{ manifest: own, source: workload('web') }] }],
        {},
      ),
    ];
    expect(objects.map((o) => o.source.kind)).toEqual(['provisioner']);
  });

  it("refuses a workload's object with the name of a resource's different one, and of an earlier workload's", () => {
    const resources = [{ manifest: labelled('Service', 'svc-1pay', { app: 'x' }), source: provisioner('s.default#a.s') }];
    const workloads = ['1pay', 'svc-1pay'].map((name) => ({
      name,
      objects: () => [{ manifest: labelled('Service', 'svc-1pay', workloadLabels(name)), source: workload(name) }],
    }));
    const error = shownError(() => [...assembleObjects(resources, workloads, {})], ConvertError) as { diagnostics: string[] };
    expect(error.diagnostics).toEqual([
      "1pay.yaml:3:9: metadata.name: workload '1pay' makes Service 'svc-1pay', and provisioner template://p (resource s.default#a.s) (p.yaml:1:1) makes a different one with the same name; applied together, one would silently replace the other: rename one of them",
      "svc-1pay.yaml:3:9: metadata.name: workload 'svc-1pay' makes Service 'svc-1pay', and provisioner template://p (resource s.default#a.s) (p.yaml:1:1) makes a different one with the same name; applied together, one would silently replace the other: rename one of them",
    ]);
  });
});

describe('carriesWorkloadLabels', () => {
  it.each<{ name: string; labels: Record<string, string> | undefined; expected: boolean }>([
    { name: "a workload's own labels", labels: workloadLabels('web'), expected: true },
    { name: 'one more label', labels: { ...workloadLabels('web'), tier: 'front' }, expected: false },
    {
      name: "another workload's name in one of them",
      labels: { ...workloadLabels('web'), 'app.kubernetes.io/name': 'api' },
      expected: false,
    },
    { name: 'one of them missing', labels: { 'score-ts.dev/workload': 'web' }, expected: false },
    { name: 'no labels', labels: undefined, expected: false },
  ])('$name: $expected', ({ labels, expected }) => {
    expect(carriesWorkloadLabels({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', ...(labels ? { labels } : {}) } })).toBe(
      expected,
    );
  });
});

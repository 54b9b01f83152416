import { describe, expect, it } from 'vitest';
import type { ManifestSource, SourcedManifest } from '../../src/base/manifest-source.js';
import { withNamespace } from '../../src/render/assemble.js';
import { reviewWarnings } from '../../src/render/review-warnings.js';
import type { Manifest } from '../../src/base/types.js';

const PROVISIONER: ManifestSource = {
  kind: 'provisioner',
  uri: 'template://x',
  uid: 'q.default#w.q',
  workload: 'w',
  location: { file: 'p.yaml', line: 1, column: 1 },
};
const PATCH: ManifestSource = { kind: 'patch', template: '.score-ts/p.patch.tpl', location: { file: '.score-ts/p.patch.tpl' } };
const WORKLOAD: ManifestSource = { kind: 'workload', workload: 'w', location: { file: 'w.yaml', line: 3, column: 9 } };
const BY_X = 'provisioner template://x (resource q.default#w.q)';
const REVIEW = 'review it before applying';

const object = (kind: string, name: string, namespace?: string): Manifest => ({
  apiVersion: kind === 'ClusterRoleBinding' ? 'rbac.authorization.k8s.io/v1' : 'v1',
  kind,
  metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
});
const by = (source: ManifestSource, manifest: Manifest): SourcedManifest => ({ manifest, source });

describe('reviewWarnings', () => {
  it.each<{ name: string; made: SourcedManifest[]; final?: SourcedManifest[]; namespace?: string; expected: string[] }>([
    {
      name: "a provisioner's cluster-scoped objects",
      made: [by(PROVISIONER, object('ClusterRoleBinding', 'admin')), by(PROVISIONER, object('Namespace', 'kube-system', 'ignored'))],
      expected: [
        `${BY_X} emits the cluster-scoped ClusterRoleBinding 'admin': ${REVIEW}`,
        `${BY_X} emits the cluster-scoped Namespace 'kube-system': ${REVIEW}`,
      ],
    },
    {
      name: 'an object in a namespace when the run has none',
      made: [by(PROVISIONER, object('Secret', 's', 'kube-system'))],
      expected: [`${BY_X} emits Secret 's' in namespace 'kube-system', outside the run's namespace: ${REVIEW}`],
    },
    {
      name: 'an object in another namespace than --namespace: replaced by it',
      made: [by(PROVISIONER, object('Secret', 's', 'kube-system'))],
      namespace: 'shop',
      expected: [`${BY_X} puts Secret 's' in namespace 'kube-system', which --namespace replaced with 'shop': ${REVIEW}`],
    },
    {
      name: "objects in the run's namespace, without a namespace, or with an empty one",
      made: [
        by(PROVISIONER, object('Secret', 'a', 'shop')),
        by(PROVISIONER, object('Secret', 'b')),
        by(PROVISIONER, object('Secret', 'c', '')),
      ],
      namespace: 'shop',
      expected: [],
    },
    {
      name: "a workload's objects are never reported",
      made: [by(WORKLOAD, object('ClusterRoleBinding', 'x')), by(WORKLOAD, object('Secret', 's', 'kube-system'))],
      final: [by(WORKLOAD, object('Namespace', 'n'))],
      expected: [],
    },
    {
      name: "a patch template's objects, after the provisioners'",
      made: [by(PROVISIONER, object('Namespace', 'n'))],
      final: [
        by(PATCH, object('ConfigMap', 'dash', 'monitoring')),
        by(PROVISIONER, object('Namespace', 'n')),
        by(PATCH, object('ClusterRoleBinding', 'r')),
      ],
      namespace: 'shop',
      expected: [
        `${BY_X} emits the cluster-scoped Namespace 'n': ${REVIEW}`,
        `patch template .score-ts/p.patch.tpl emits ConfigMap 'dash' in namespace 'monitoring', not in the run's namespace 'shop': ${REVIEW}`,
        `patch template .score-ts/p.patch.tpl emits the cluster-scoped ClusterRoleBinding 'r': ${REVIEW}`,
      ],
    },
    {
      name: 'a provisioner object a patch template removed is not reported',
      made: [by(PROVISIONER, object('ClusterRoleBinding', 'admin')), by(PROVISIONER, object('Secret', 's', 'kube-system'))],
      final: [],
      expected: [],
    },
  ])('$name', ({ made, final, namespace, expected }) => {
    // By default the output holds the provisioners' objects as assembly placed them.
    const written = final ?? made.map((o) => ({ ...o, manifest: withNamespace(o.manifest, namespace) }));
    expect(reviewWarnings(made, namespace, written)).toEqual(expected);
  });
});

/**
 * The Score community's score-k8s patch templates (community-patchers/score-k8s/*.tpl) run with score-ts as
 * their test loop runs them (`init --patch-templates FILE`, then `generate score.yaml` on the sample init
 * writes), here with a second workload of two containers: each gives what it promises, and the output passes
 * the Kubernetes schema checks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { at, list, mapping, type Fields } from '../support/fields.js';
import { checkManifests } from '../support/k8s-check.js';
import { runIn, tempProject } from '../support/run-cli.js';
import { sharedData } from '../support/shared-data.js';
import { objectOf } from './support.js';

const corpus = sharedData('the score-k8s community patch template tests', 'corpus', 'score-k8s');

const WORKER = `apiVersion: score.dev/v1b1
metadata:
  name: worker
containers:
  main:
    image: busybox:1.36
  sidecar:
    image: nginx:1.27
`;

async function patchedWith(template: string, namespaceArgs: readonly string[] = []): Promise<{ docs: Fields[]; text: string }> {
  const dir = tempProject(path.join(corpus!, 'community-patchers', 'score-k8s'));
  writeFileSync(path.join(dir, 'worker.yaml'), WORKER);
  const init = await runIn(dir, ['init', '--patch-templates', template]);
  expect(init.code, init.stderr).toBe(0);
  const run = await runIn(dir, ['generate', 'score.yaml', 'worker.yaml', ...namespaceArgs]);
  expect(run.code, run.stderr).toBe(0);
  const text = readFileSync(path.join(dir, 'manifests.yaml'), 'utf8');
  return { docs: parseAllDocuments(text).map((d) => mapping(d.toJS())), text };
}

const kinds = (docs: readonly Fields[]) => docs.map((d) => `${String(d.kind)}/${String(mapping(d, 'metadata').name)}`).sort();
const podSpec = (docs: readonly Fields[], kind: string, name: string) => mapping(objectOf(docs, kind, name), 'spec', 'template', 'spec');

const UNPRIVILEGED_POD = {
  fsGroup: 65532,
  runAsGroup: 65532,
  runAsNonRoot: true,
  runAsUser: 65532,
  seccompProfile: { type: 'RuntimeDefault' },
};
const UNPRIVILEGED_CONTAINER = {
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

describe.skipIf(!corpus)('the community patch templates', () => {
  it('service-account.tpl: a ServiceAccount per Deployment, which the Deployment runs as', async () => {
    const { docs, text } = await patchedWith('service-account.tpl');
    expect(kinds(docs)).toEqual([
      'Deployment/hello-world',
      'Deployment/worker',
      'Service/hello-world',
      'ServiceAccount/hello-world',
      'ServiceAccount/worker',
    ]);
    for (const name of ['hello-world', 'worker']) expect(podSpec(docs, 'Deployment', name).serviceAccountName).toBe(name);
    expect(checkManifests(text)).toEqual([]);
  });

  it('unprivileged.tpl: no service account token, and a restricted security context for each pod and container', async () => {
    const { docs, text } = await patchedWith('unprivileged.tpl');
    for (const name of ['hello-world', 'worker']) {
      const pod = podSpec(docs, 'Deployment', name);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext).toEqual(UNPRIVILEGED_POD);
      const containers = list(pod, 'containers');
      expect(containers.map((c) => at(c, 'securityContext'))).toEqual(containers.map(() => UNPRIVILEGED_CONTAINER));
    }
    expect(podSpec(docs, 'Deployment', 'worker').containers).toHaveLength(2);
    expect(checkManifests(text)).toEqual([]);
  });

  it('statefulset.tpl: each workload a StatefulSet instead of a Deployment', async () => {
    const { docs, text } = await patchedWith('statefulset.tpl');
    expect(kinds(docs)).toEqual(['Service/hello-world', 'StatefulSet/hello-world', 'StatefulSet/worker']);
    expect(checkManifests(text, { nonHeadlessServiceNames: true })).toEqual([]);
  });

  it("delete-default-manifests.tpl: the workloads' Deployments and Services removed", async () => {
    const { docs } = await patchedWith('delete-default-manifests.tpl');
    expect(kinds(docs)).toEqual([]);
  });

  it.each([
    { name: 'without a namespace', args: [], namespace: undefined, selector: 'default' },
    { name: 'in a namespace', args: ['--namespace', 'shop', '--generate-namespace'], namespace: 'shop', selector: 'shop' },
  ])('the NetworkPolicy templates, $name', async ({ args, namespace, selector }) => {
    const deny = objectOf((await patchedWith('namespace-with-deny-all-netpol.tpl', args)).docs, 'NetworkPolicy');
    expect(deny).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-all', ...(namespace ? { namespace } : {}), labels: { 'score-ts.dev/project': 'score-k8s' } },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    const allowed = await patchedWith('namespace-with-allow-ingress-within-namespace-netpol.tpl', args);
    const allow = objectOf(allowed.docs, 'NetworkPolicy');
    expect(at(allow, 'metadata', 'name')).toBe('allow-ingress-within-namespace');
    expect(allow.spec).toEqual({
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': selector } } }] }],
    });
    // The template leaves out spec.podSelector, which the NetworkPolicy schema requires (score-k8s gives the same object).
    expect(checkManifests(allowed.text)).toEqual([
      'NetworkPolicy/allow-ingress-within-namespace: data/spec must have required property podSelector',
    ]);
  });

  it('namespace-pss-restricted.tpl: the generated Namespace enforces the restricted Pod Security Standard', async () => {
    const { docs, text } = await patchedWith('namespace-pss-restricted.tpl', ['--namespace', 'shop', '--generate-namespace']);
    expect(at(objectOf(docs, 'Namespace'), 'metadata', 'labels')).toEqual({
      'app.kubernetes.io/managed-by': 'score-ts',
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
    expect(checkManifests(text)).toEqual([]);
  });
});

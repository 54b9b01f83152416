/** Objects checked against their kind's Kubernetes schema: what Kubernetes accepts passes, what it refuses does not. */
import { describe, expect, it } from 'vitest';
import { checkObjects as checkWithKeys, MAX_PROBLEMS } from '../../src/check/check-objects.js';

/** The messages only (the keys that locate them are tested in the golden cases). */
const checkObjects = (objects: unknown[]) => {
  const { problems, unchecked } = checkWithKeys(objects);
  return { problems: problems.map((p) => p.message), unchecked };
};

const deployment = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx', ...spec }] } },
  },
  ...extra,
});

describe('checkObjects', () => {
  it.each([
    {
      name: 'int-or-string: a port name',
      object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 'http' }] } },
    },
    {
      name: 'int-or-string: a port number',
      object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 8080 }] } },
    },
    {
      name: 'quantities as numbers and strings',
      object: deployment({ resources: { limits: { cpu: 1, memory: '1Gi' }, requests: { cpu: '0.5' } } }),
    },
    { name: 'a null field is an absent one', object: deployment({ ports: null }) },
    { name: 'status given', object: deployment({}, { status: { replicas: 1 } }) },
    {
      name: 'a NetworkPolicy without podSelector (its zero value selects every pod)',
      object: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { policyTypes: ['Ingress'] } },
    },
    {
      name: 'any annotations',
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'example.com/a': 'x' } }, data: { a: 'b' } },
    },
  ])('accepts $name', ({ object }) => {
    expect(checkObjects([object])).toEqual({ problems: [], unchecked: [] });
  });

  it.each([
    {
      name: 'a float where an integer is wanted',
      object: deployment({ ports: [{ containerPort: 80.5 }] }),
      problem: 'manifests[0] (Deployment web): spec.template.spec.containers[0].ports[0].containerPort: must be an integer, not a number',
    },
    {
      name: 'an unknown field in metadata',
      object: deployment({}, { metadata: { name: 'web', label: {} } }),
      problem: 'manifests[0] (Deployment web): metadata.label: unknown field (did you mean labels?)',
    },
    {
      name: 'an unknown field like no known one: no guess',
      object: deployment({ sidecarMode: true }),
      problem: 'manifests[0] (Deployment web): spec.template.spec.containers[0].sidecarMode: unknown field',
    },
    {
      name: 'a misspelt field inside a list inside a map',
      object: deployment({ env: [{ name: 'A', vaule: 'b' }] }),
      problem: 'manifests[0] (Deployment web): spec.template.spec.containers[0].env[0].vaule: unknown field (did you mean value?)',
    },
    {
      name: 'a label that is not a string, named with its key quoted',
      object: deployment({}, { metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 3 } } }),
      problem: 'manifests[0] (Deployment web): metadata.labels["app.kubernetes.io/name"]: must be a string, not an integer',
    },
    {
      name: 'a required field set to null',
      object: deployment({ ports: [{ containerPort: null }] }),
      problem: 'manifests[0] (Deployment web): spec.template.spec.containers[0].ports[0].containerPort: required field is missing',
    },
  ])('refuses $name', ({ object, problem }) => {
    expect(checkObjects([object]).problems).toEqual([problem]);
  });

  it("never shows a Secret's values", () => {
    const { problems } = checkObjects([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 918273645 }, stringData: { token: ['hunter2'] } },
    ]);
    expect(problems).toEqual([
      'manifests[0] (Secret s): data.password: must be a string, not an integer',
      'manifests[0] (Secret s): stringData.token: must be a string, not a list',
    ]);
    expect(problems.join('\n')).not.toMatch(/918273645|hunter2/);
  });

  it('passes custom resources unchecked and names their kinds once', () => {
    const component = { apiVersion: 'dapr.io/v1alpha1', kind: 'Component', metadata: { name: 'c' }, spec: { anything: 1 } };
    expect(checkObjects([component, component])).toEqual({ problems: [], unchecked: ['dapr.io/v1alpha1 Component'] });
  });

  it(`shows the first ${MAX_PROBLEMS} problems of an object and counts the rest`, () => {
    const fields = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`field${i}`, i]));
    const { problems } = checkObjects([deployment(fields)]);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems.at(-1)).toBe('manifests[0] (Deployment web): and 980 more problems');
  });

  it('takes time linear in the object size', () => {
    const time = (n: number) => {
      const object = deployment({ env: Array.from({ length: n }, (_, i) => ({ name: `V${i}`, value: 'x', bad: 1 })) });
      const start = performance.now();
      checkObjects([object]);
      return performance.now() - start;
    };
    time(1000); // warm up
    const small = Math.max(time(5000), 1);
    expect(time(50000) / small).toBeLessThan(40); // 10 times the size: linear, with room for noise
  });
});

describe('checkObjects on hostile objects', () => {
  it('a deeply nested value (20000 levels) is checked without running out of stack', () => {
    let inner: Record<string, unknown> = {};
    const root = inner;
    for (let i = 0; i < 20000; i++) {
      const next: Record<string, unknown> = {};
      inner.a = next;
      inner = next;
    }
    expect(checkObjects([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, binaryData: root }]).problems).toEqual([
      'manifests[0] (ConfigMap c): binaryData.a: must be a string, not a map',
    ]);
  });
});

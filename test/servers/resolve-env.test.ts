/** The resolver must compute what the kubelet would, or the server tests prove nothing. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { text } from '../support/fields.js';
import { expandReferences, parseManifests, resolveContainer, serviceBackend, type K8sObject } from '../support/resolve-env.js';

const fixture = parseManifests(readFileSync(path.join(import.meta.dirname, 'fixtures', 'hand-written-manifests.yaml'), 'utf8'));

describe('expandReferences (Kubernetes $(VAR) expansion)', () => {
  const vars = new Map([
    ['A', 'a'],
    ['B', 'b$(A)'],
    ['EMPTY', ''],
  ]);
  it.each([
    { name: 'a defined variable', input: 'x$(A)y', expected: 'xay', unresolved: [] },
    { name: 'two in a row', input: '$(A)$(A)', expected: 'aa', unresolved: [] },
    { name: 'a value is not expanded again', input: '$(B)', expected: 'b$(A)', unresolved: [] },
    { name: 'an empty value', input: '[$(EMPTY)]', expected: '[]', unresolved: [] },
    { name: 'an undefined variable stays as written', input: '$(NOPE)', expected: '$(NOPE)', unresolved: ['NOPE'] },
    { name: '$$ is one $', input: '$$', expected: '$', unresolved: [] },
    { name: '$$(A) is a literal $(A)', input: '$$(A)', expected: '$(A)', unresolved: [] },
    { name: '$$$(A) is $ then the value', input: '$$$(A)', expected: '$a', unresolved: [] },
    { name: '$$$$ is $$', input: '$$$$', expected: '$$', unresolved: [] },
    { name: 'a lone $ at the end', input: 'cost $', expected: 'cost $', unresolved: [] },
    { name: '$ before another character', input: '$A ${A} $1', expected: '$A ${A} $1', unresolved: [] },
    { name: 'an unclosed reference', input: '$(A', expected: '$(A', unresolved: [] },
    { name: 'an unclosed reference before a closed one', input: '$($(A)', expected: '$($(A)', unresolved: ['$(A'] },
    { name: 'an empty name', input: '$()', expected: '$()', unresolved: [''] },
    { name: 'text around non-ASCII', input: 'é$(A)€', expected: 'éa€', unresolved: [] },
  ])('$name', ({ input, expected, unresolved }) => {
    const seen = new Set<string>();
    expect(expandReferences(input, vars, seen)).toBe(expected);
    expect([...seen]).toEqual(unresolved);
  });
});

describe('resolveContainer on the hand-written manifests', () => {
  it('reads secretKeyRef from base64 data and expands a helper variable declared before', () => {
    const app = resolveContainer(fixture, { workload: 'app', container: 'main' });
    expect(app.env).toEqual({
      SCORE_TS_SECRET_0A1B2C3D: 'pgPass123',
      DB_CONNINFO: 'host=pg-db port=5432 user=app-user password=pgPass123 dbname=app-db',
      DB_HOST: 'pg-db',
      DB_PASSWORD: 'pgPass123',
      DB_PORT: '5432',
      DB_URL: 'postgresql://app-user:pgPass123@pg-db:5432/app-db',
      MYSQL_URL: 'mysql://app:myPass123@my-db:3306/app',
      REDIS_URL: 'redis://default:redisPw77@redis-db:6379',
    });
    expect(app.unresolved).toEqual([]);
    expect(app.command).toBeUndefined();
  });

  it('reads configMapKeyRef, and stringData wins over data for the same key', () => {
    const mysql = resolveContainer(fixture, { workload: 'my-db', container: 'mysql', kind: 'StatefulSet' });
    expect(mysql.env).toEqual({ MYSQL_ROOT_PASSWORD: 'rootPass9', MYSQL_DATABASE: 'app', MYSQL_USER: 'app', MYSQL_PASSWORD: 'myPass123' });
  });

  it('gives the files mounted from a Secret with their item path and defaultMode', () => {
    const redis = resolveContainer(fixture, { workload: 'redis-db', container: 'redis' });
    expect(redis.args).toEqual(['/usr/local/etc/redis/redis.conf']);
    expect([...redis.files.entries()].map(([p, f]) => [p, f.content.toString('utf8'), f.mode])).toEqual([
      ['/usr/local/etc/redis/redis.conf', 'requirepass redisPw77\nport 6379\nsave ""\n', 0o400],
    ]);
  });

  it('follows a Service with a named targetPort to its pod template', () => {
    const backend = serviceBackend(fixture, 'pg-db', 5432);
    expect([text(backend.workload, 'metadata', 'name'), text(backend.container, 'name'), backend.containerPort]).toEqual([
      'pg-db',
      'postgres',
      5432,
    ]);
  });
});

/** A Deployment `w` with one container `c` and the given pod spec parts, plus extra objects. */
function pod(container: K8sObject, volumes: K8sObject[] = [], extra: K8sObject[] = []): K8sObject[] {
  return [
    ...extra,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'w' },
      spec: { template: { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'c', image: 'x', ...container }], volumes } } },
    },
  ];
}

const secret = (name: string, data: Record<string, string>, stringData?: Record<string, string>): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  ...(stringData ? { stringData } : {}),
});
const configMap = (name: string, data: Record<string, string>, binaryData: Record<string, string> = {}): K8sObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
  binaryData: Object.fromEntries(Object.entries(binaryData).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
});

describe('resolveContainer rules', () => {
  it.each([
    {
      name: 'a reference to a later variable stays as written',
      container: {
        env: [
          { name: 'A', value: '$(B)' },
          { name: 'B', value: 'b' },
        ],
      },
      env: { A: '$(B)', B: 'b' },
      unresolved: ['B'],
    },
    {
      name: 'a variable declared twice keeps its last value, and later ones see the value at their point',
      container: {
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '$(A)' },
          { name: 'A', value: '2' },
        ],
      },
      env: { A: '2', B: '1' },
      unresolved: [],
    },
    {
      name: 'valueFrom values are not expanded',
      container: {
        env: [
          { name: 'A', value: 'a' },
          { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        ],
      },
      extra: [secret('s', { k: '$(A) $$' })],
      env: { A: 'a', S: '$(A) $$' },
      unresolved: [],
    },
    {
      name: 'envFrom comes first, with its prefix',
      container: {
        envFrom: [{ configMapRef: { name: 'm' }, prefix: 'P_' }, { secretRef: { name: 's' } }],
        env: [{ name: 'X', value: '$(P_a)-$(k)' }],
      },
      extra: [configMap('m', { a: '1' }), secret('s', { k: '2', '1.x': '3' })],
      env: { P_a: '1', k: '2', '1.x': '3', X: '1-2' },
      unresolved: [],
    },
    {
      name: 'an optional missing Secret or key leaves the variable out',
      container: {
        env: [
          { name: 'A', valueFrom: { secretKeyRef: { name: 'none', key: 'k', optional: true } } },
          { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'none', optional: true } } },
        ],
      },
      extra: [secret('s', { k: 'v' })],
      env: {},
      unresolved: [],
    },
  ])('$name', ({ container, extra, env, unresolved }) => {
    const resolved = resolveContainer(pod(container, [], extra ?? []), { workload: 'w', container: 'c' });
    expect(resolved.env).toEqual(env);
    expect(resolved.unresolved).toEqual(unresolved);
  });

  it.each([
    {
      name: 'a missing Secret',
      env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'none', key: 'k' } } }],
      message: 'Deployment/w container c: Secret none is not in the manifests (the pod would not start)',
    },
    {
      name: 'a missing key',
      env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'none' } } }],
      message: 'Deployment/w container c: env A: Secret s has no key none (the pod would not start: CreateContainerConfigError)',
    },
    {
      name: 'a ConfigMap key only in binaryData',
      env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'm', key: 'bin' } } }],
      message: 'Deployment/w container c: env A: ConfigMap m has no key bin (the pod would not start: CreateContainerConfigError)',
    },
    {
      name: 'a fieldRef',
      env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
      message: 'Deployment/w container c: env A: valueFrom fieldRef is not modelled by the resolver',
    },
  ])('fails on $name', ({ env, message }) => {
    const objects = pod({ env }, [], [secret('s', { k: 'v' }), configMap('m', {}, { bin: 'x' })]);
    expect(() => resolveContainer(objects, { workload: 'w', container: 'c' })).toThrow(message);
  });

  it('gives a fieldRef the value the test supplies for its field, taken as it is; another field still fails', () => {
    const env = [
      { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'URL', value: 'http://$(IP):80' },
    ];
    expect(resolveContainer(pod({ env }), { workload: 'w', container: 'c', fieldRefs: { 'status.podIP': '10.0.0.1' } }).env).toEqual({
      IP: '10.0.0.1',
      URL: 'http://10.0.0.1:80',
    });
    expect(() => resolveContainer(pod({ env }), { workload: 'w', container: 'c', fieldRefs: { 'metadata.name': 'p' } })).toThrow(
      'Deployment/w container c: env IP: valueFrom fieldRef is not modelled by the resolver',
    );
  });

  it('expands command and args from the whole environment, keeping $$ escapes and unknown names', () => {
    const resolved = resolveContainer(
      pod({ command: ['run', '$(LATER)'], args: ['--x=$(LATER)', '$$(LATER)', '$(NOPE)'], env: [{ name: 'LATER', value: 'v' }] }),
      { workload: 'w', container: 'c' },
    );
    expect([resolved.command, resolved.args, resolved.unresolved]).toEqual([['run', 'v'], ['--x=v', '$(LATER)', '$(NOPE)'], ['NOPE']]);
  });

  it('mounts every key, a subPath file, items with modes and projected sources at the kubelet paths', () => {
    const objects = pod(
      {
        volumeMounts: [
          { name: 'all', mountPath: '/etc/all' },
          { name: 'all', mountPath: '/etc/one.conf', subPath: 'b.conf' },
          { name: 'items', mountPath: '/etc/items/' },
          { name: 'proj', mountPath: '/p' },
          { name: 'data', mountPath: '/data' },
        ],
      },
      [
        { name: 'all', configMap: { name: 'm' } },
        {
          name: 'items',
          secret: {
            secretName: 's',
            defaultMode: 0o440,
            items: [
              { key: 'k', path: 'sub/key.txt', mode: 0o400 },
              { key: 'j', path: 'j' },
            ],
          },
        },
        {
          name: 'proj',
          projected: {
            defaultMode: 0o600,
            sources: [{ secret: { name: 's', items: [{ key: 'k', path: 'k' }] } }, { configMap: { name: 'm' } }],
          },
        },
        { name: 'data', emptyDir: {} },
      ],
      [secret('s', { k: 'secret', j: 'jay' }), configMap('m', { 'a.conf': 'A' }, { 'b.conf': 'B' })],
    );
    const files = resolveContainer(objects, { workload: 'w', container: 'c' }).files;
    expect([...files.entries()].map(([p, f]) => [p, f.content.toString('utf8'), f.mode.toString(8)])).toEqual([
      ['/etc/all/a.conf', 'A', '644'],
      ['/etc/all/b.conf', 'B', '644'],
      ['/etc/one.conf', 'B', '644'],
      ['/etc/items/sub/key.txt', 'secret', '400'],
      ['/etc/items/j', 'jay', '440'],
      ['/p/k', 'secret', '600'],
      ['/p/a.conf', 'A', '600'],
      ['/p/b.conf', 'B', '600'],
    ]);
  });

  it('fails when a Secret volume item names a missing key', () => {
    const objects = pod(
      { volumeMounts: [{ name: 'v', mountPath: '/v' }] },
      [{ name: 'v', secret: { secretName: 's', items: [{ key: 'none', path: 'x' }] } }],
      [secret('s', { k: 'v' })],
    );
    expect(() => resolveContainer(objects, { workload: 'w', container: 'c' })).toThrow(
      'volume from Secret s: no key none (the pod would not start)',
    );
  });

  it('names the containers there are when the one asked for is not', () => {
    expect(() => resolveContainer(pod({}), { workload: 'w', container: 'nope' })).toThrow('Deployment/w has no container nope (has: c)');
  });
});

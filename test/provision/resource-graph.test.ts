import { describe, expect, it } from 'vitest';
import { ProvisionError } from '../../src/base/errors.js';
import { buildResourceGraph, resourceUid } from '../../src/provision/resource-graph.js';
import type { WorkloadInput } from '../../src/base/types.js';
import { shownError, workloadFromYaml } from './builders.js';

/** A workload `name` with the given `resources:` block (indented by two spaces). Resources start on line 7. */
function workload(name: string, resources: string): WorkloadInput {
  return workloadFromYaml(
    `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\ncontainers:\n  main:\n    image: nginx\nresources:\n${resources}`,
  );
}

describe('resourceUid', () => {
  it.each<{ name: string; workload: string; resource: string; spec: { type: string; class?: string; id?: string }; expected: string }>([
    { name: 'no class, no id', workload: 'web', resource: 'db', spec: { type: 'postgres' }, expected: 'postgres.default#web.db' },
    { name: 'class', workload: 'web', resource: 'db', spec: { type: 'postgres', class: 'large' }, expected: 'postgres.large#web.db' },
    { name: 'id', workload: 'web', resource: 'db', spec: { type: 'postgres', id: 'shared' }, expected: 'postgres.default#shared' },
    {
      name: 'class and id',
      workload: 'web',
      resource: 'db',
      spec: { type: 'postgres', class: 'large', id: 'shared' },
      expected: 'postgres.large#shared',
    },
  ])('$name', ({ workload: w, resource, spec, expected }) => {
    expect(resourceUid(w, resource, spec)).toBe(expected);
  });
});

describe('buildResourceGraph', () => {
  it.each<{ name: string; workloads: () => WorkloadInput[]; order: string[]; uids: Record<string, string | undefined> }>([
    {
      name: 'uids of one workload, in declaration order',
      workloads: () => [
        workload('web', '  db:\n    type: postgres\n  cache:\n    type: redis\n    class: fast\n  vol:\n    type: volume\n    id: data\n'),
      ],
      order: ['postgres.default#web.db', 'redis.fast#web.cache', 'volume.default#data'],
      uids: {
        'web/db': 'postgres.default#web.db',
        'web/cache': 'redis.fast#web.cache',
        'web/vol': 'volume.default#data',
        'web/nope': undefined,
        'api/db': undefined,
      },
    },
    {
      name: 'same name in two workloads: two nodes',
      workloads: () => [workload('api', '  db:\n    type: postgres\n'), workload('web', '  db:\n    type: postgres\n')],
      order: ['postgres.default#api.db', 'postgres.default#web.db'],
      uids: { 'api/db': 'postgres.default#api.db', 'web/db': 'postgres.default#web.db' },
    },
    {
      name: 'shared id across two workloads: one node',
      workloads: () => [
        workload('api', '  main-db:\n    type: postgres\n    id: shared\n'),
        workload('web', '  db:\n    type: postgres\n    id: shared\n'),
      ],
      order: ['postgres.default#shared'],
      uids: { 'api/main-db': 'postgres.default#shared', 'web/db': 'postgres.default#shared' },
    },
    {
      name: 'dependency first, whatever the declaration order',
      workloads: () => [
        workload(
          'web',
          '  app:\n    type: app\n    params:\n      url: "${resources.db.host}:${resources.db.port}"\n  db:\n    type: postgres\n',
        ),
      ],
      order: ['postgres.default#web.db', 'app.default#web.app'],
      uids: { 'web/app': 'app.default#web.app', 'web/db': 'postgres.default#web.db' },
    },
    {
      name: 'chain through nested params and lists',
      workloads: () => [
        workload(
          'web',
          '  a:\n    type: t\n    params:\n      list: ["x", {deep: "${resources.b.out}"}]\n  b:\n    type: t\n    params:\n      nested: {k: "${resources.c.out}"}\n  c:\n    type: t\n',
        ),
      ],
      order: ['t.default#web.c', 't.default#web.b', 't.default#web.a'],
      uids: {},
    },
    {
      name: 'escaped $${resources...} is not a dependency',
      workloads: () => [workload('web', '  a:\n    type: t\n    params:\n      x: "$${resources.b.out}"\n  b:\n    type: t\n')],
      order: ['t.default#web.a', 't.default#web.b'],
      uids: {},
    },
    {
      name: 'metadata placeholders are not dependencies',
      workloads: () => [workload('web', '  a:\n    type: t\n    params:\n      x: "${metadata.name}"\n  b:\n    type: t\n')],
      order: ['t.default#web.a', 't.default#web.b'],
      uids: {},
    },
  ])('$name', ({ workloads, order, uids }) => {
    const graph = buildResourceGraph(workloads());
    expect(graph.order.map((n) => n.uid)).toEqual(order);
    for (const [key, uid] of Object.entries(uids)) {
      const [w, r] = key.split('/') as [string, string];
      expect(graph.uidOf(w, r), key).toBe(uid);
    }
  });

  it('a shared id keeps both declarations, first workload first, with class default', () => {
    const graph = buildResourceGraph([
      workload('api', '  main-db:\n    type: postgres\n    id: shared\n    params:\n      size: 1\n'),
      workload('web', '  db:\n    type: postgres\n    id: shared\n    params:\n      size: 1\n'),
    ]);
    expect(graph.order).toHaveLength(1);
    const node = graph.order[0]!;
    expect({ uid: node.uid, type: node.type, class: node.class, id: node.id }).toEqual({
      uid: 'postgres.default#shared',
      type: 'postgres',
      class: 'default',
      id: 'shared',
    });
    expect(node.declarations.map((d) => `${d.workload.name}/${d.name}`)).toEqual(['api/main-db', 'web/db']);
    expect(node.declarations[0]!.spec.params).toEqual({ size: 1 });
  });

  it('a node records the uids it depends on, and id is workload.name when unset', () => {
    const graph = buildResourceGraph([
      workload(
        'web',
        '  app:\n    type: app\n    params:\n      a: "${resources.db.host}"\n      b: "${resources.cache.host}"\n  db:\n    type: postgres\n  cache:\n    type: redis\n',
      ),
    ]);
    const app = graph.order.find((n) => n.uid === 'app.default#web.app')!;
    expect([...app.dependsOn].sort()).toEqual(['postgres.default#web.db', 'redis.default#web.cache']);
    expect(app.id).toBe('web.app');
    expect(app.class).toBe('default');
  });

  it.each<{ name: string; workloads: () => WorkloadInput[]; message: string; diagnostics: string[] }>([
    {
      name: 'two resources reading each other',
      workloads: () => [
        workload(
          'web',
          '  a:\n    type: t\n    params:\n      x: "${resources.b.out}"\n  b:\n    type: t\n    params:\n      y: "${resources.a.out}"\n',
        ),
      ],
      message: 'resources depend on each other in a cycle',
      diagnostics: [
        'score.yaml:11:7: resources.a.params: the params form a cycle: a -> b -> a; break it by removing one of these placeholders',
      ],
    },
    {
      name: 'a resource reading itself',
      workloads: () => [workload('web', '  other:\n    type: t\n  self:\n    type: t\n    params:\n      x: "${resources.self.out}"\n')],
      message: 'resources depend on each other in a cycle',
      diagnostics: [
        'score.yaml:13:7: resources.self.params: the params form a cycle: self -> self; break it by removing one of these placeholders',
      ],
    },
    {
      name: 'three resources in a cycle, after one that is not in it',
      workloads: () => [
        workload(
          'web',
          '  start:\n    type: t\n    params:\n      x: "${resources.a.o}"\n  a:\n    type: t\n    params:\n      x: "${resources.b.o}"\n  b:\n    type: t\n    params:\n      x: "${resources.c.o}"\n  c:\n    type: t\n    params:\n      x: "${resources.a.o}"\n',
        ),
      ],
      message: 'resources depend on each other in a cycle',
      diagnostics: [
        'score.yaml:15:7: resources.a.params: the params form a cycle: a -> b -> c -> a; break it by removing one of these placeholders',
      ],
    },
    {
      name: 'unknown resource in params',
      workloads: () => [workload('web', '  db:\n    type: postgres\n    params:\n      host: "${resources.nope.host}"\n')],
      message: 'resource params refer to unknown resources',
      diagnostics: ['score.yaml:11:13: resources.db.params.host: ${resources.nope...} refers to a resource this workload does not declare'],
    },
    {
      name: 'a resource of another workload is unknown',
      workloads: () => [
        workload('api', '  cache:\n    type: redis\n'),
        workload('web', '  db:\n    type: postgres\n    params:\n      list: ["ok", "${resources.cache.host}"]\n'),
      ],
      message: 'resource params refer to unknown resources',
      diagnostics: [
        'score.yaml:11:20: resources.db.params.list[1]: ${resources.cache...} refers to a resource this workload does not declare',
      ],
    },
  ])('$name', ({ workloads, message, diagnostics }) => {
    expect(shownError(() => buildResourceGraph(workloads()), ProvisionError)).toEqual({ message, diagnostics });
  });
});

describe('shared ids of the form of a private uid', () => {
  const ID_PROBLEM = (id: string, uid: string, workloadName: string, resource: string, suggestion: string) =>
    `'${id}' has the form WORKLOAD.RESOURCE of a private resource (${uid} is resource '${resource}' of a workload '${workloadName}'), so sharing it could reach another workload's own resource; use an id without a dot, such as '${suggestion}' (or with two dots or more)`;
  const api = () => workload('api', '  db:\n    type: postgres\n');
  const x = () => workload('x', '  stolen:\n    type: postgres\n    id: api.db\n');

  it.each<{ name: string; workloads: () => WorkloadInput[] }>([
    { name: "workload api's private db first, then x's id api.db", workloads: () => [api(), x()] },
    { name: "x's id api.db first, then workload api's private db", workloads: () => [x(), api()] },
    { name: 'the id alone, without workload api', workloads: () => [x()] },
  ])('$name: refused at the id', ({ workloads }) => {
    expect(shownError(() => buildResourceGraph(workloads()), ProvisionError)).toEqual({
      message: 'some shared resource ids have the form of a private resource',
      diagnostics: [`score.yaml:10:9: resources.stolen.id: ${ID_PROBLEM('api.db', 'postgres.default#api.db', 'api', 'db', 'api-db')}`],
    });
  });

  it.each<{ name: string; id: string; uid: string }>([
    { name: 'no dot', id: 'shared', uid: 'postgres.default#shared' },
    { name: 'two dots', id: 'team.api.db', uid: 'postgres.default#team.api.db' },
    { name: 'dashes', id: 'api-db', uid: 'postgres.default#api-db' },
  ])('an id with $name is shared as before', ({ id, uid }) => {
    const graph = buildResourceGraph([api(), workload('x', `  mine:\n    type: postgres\n    id: ${id}\n`)]);
    expect(graph.order.map((n) => n.uid)).toEqual(['postgres.default#api.db', uid]);
  });
});

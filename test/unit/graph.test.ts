import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProjectGraph, type ProjectGraph } from '../../src/inspect/graph.js';
import { escapeDotLabel, escapeMermaidLabel, renderGraph } from '../../src/inspect/graph-render.js';
import type { Provisioner } from '../../src/provision/provisioner-file.js';
import { workloadFromYaml } from '../convert/fixtures.js';
import { repoRoot, runIn, tempProject } from '../support/run-cli.js';

describe('escapeMermaidLabel', () => {
  it.each<{ name: string; text: string; expected: string }>([
    { name: 'plain text unchanged', text: 'web-api.v2 (service)', expected: 'web-api.v2 (service)' },
    { name: 'a double quote would end the label', text: 'a"b', expected: 'a#quot;b' },
    { name: 'every # is escaped, so no #name; entity or #br# break is read', text: 'x#quot;y#br#z', expected: 'x#35;quot;y#35;br#35;z' },
    { name: 'uid hash', text: 'postgres.default#db', expected: 'postgres.default#35;db' },
    { name: 'HTML is shown, not rendered', text: '<b>&amp;</b>', expected: '#lt;b#gt;#amp;amp;#lt;/b#gt;' },
    { name: 'a literal \\n would break the line', text: 'a\\nb', expected: 'a#92;nb' },
    { name: 'a backtick would start a Markdown string', text: '`md`', expected: '#96;md#96;' },
    { name: 'line breaks and control characters become spaces', text: 'a\nb\r\tc\u2028d', expected: 'a b  c d' },
    { name: 'brackets, pipes and semicolons are safe inside quotes', text: 'a]|b);c%%d', expected: 'a]|b);c%%d' },
  ])('$name', ({ text, expected }) => {
    expect(escapeMermaidLabel(text)).toBe(expected);
  });
});

describe('escapeDotLabel', () => {
  it.each<{ name: string; text: string; expected: string }>([
    { name: 'plain text unchanged', text: 'postgres.default#db', expected: 'postgres.default#db' },
    { name: 'a double quote is backslashed', text: 'a"b', expected: 'a\\"b' },
    { name: 'a backslash is doubled, so \\N or \\l are not label escapes', text: 'a\\Nb\\l', expected: 'a\\\\Nb\\\\l' },
    { name: 'backslash then quote', text: '\\"', expected: '\\\\\\"' },
    { name: 'an ampersand is not read as an HTML entity', text: '&lt;x&', expected: '&amp;lt;x&amp;' },
    { name: 'angle brackets are plain in a quoted label', text: '<b>', expected: '<b>' },
    { name: 'line breaks and control characters become spaces', text: 'a\nb\r\tc', expected: 'a b  c' },
  ])('$name', ({ text, expected }) => {
    expect(escapeDotLabel(text)).toBe(expected);
  });
});

const TRICKY: ProjectGraph = {
  workloads: [
    { id: 'w1', name: 'a"b', inProject: true },
    { id: 'w2', name: 'end', inProject: false },
  ],
  resources: [
    { id: 'r1', uid: 'db.default#x', provisioner: 'cmd://./p "q"' },
    { id: 'r2', uid: 'odd.default#a"b.y' },
  ],
  edges: [
    { from: 'w1', to: 'r1', label: 'db', kind: 'uses' },
    { from: 'w1', to: 'r2', label: 'y', kind: 'uses' },
    { from: 'w1', to: 'w2', label: 'x|y (service)', kind: 'link' },
  ],
};

describe('renderers', () => {
  it('mermaid: generated ids, quoted labels, marked nodes', () => {
    expect(renderGraph(TRICKY, 'mermaid')).toBe(
      [
        'flowchart LR',
        '  w1["a#quot;b"]',
        '  w2["end<br/>(not in the project)"]',
        '  r1("db.default#35;x<br/>cmd://./p #quot;q#quot;")',
        '  r2("odd.default#35;a#quot;b.y<br/>(no provisioner)")',
        '  w1 -->|"db"| r1',
        '  w1 -->|"y"| r2',
        '  w1 -.->|"x|y (service)"| w2',
        '  classDef marked stroke:#c00,stroke-width:2px,stroke-dasharray:5 5',
        '  class w2,r2 marked',
        '',
      ].join('\n'),
    );
  });

  it('dot: generated ids, quoted labels, marked nodes', () => {
    expect(renderGraph(TRICKY, 'dot')).toBe(
      [
        'digraph score {',
        '  rankdir=LR;',
        '  node [shape=box];',
        '  w1 [label="a\\"b"];',
        '  w2 [label="end\\n(not in the project)", style="dashed", color=red];',
        '  r1 [label="db.default#x\\ncmd://./p \\"q\\"", style="rounded"];',
        '  r2 [label="odd.default#a\\"b.y\\n(no provisioner)", style="rounded,dashed", color=red];',
        '  w1 -> r1 [label="db"];',
        '  w1 -> r2 [label="y"];',
        '  w1 -> w2 [label="x|y (service)", style=dashed];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('mermaid: no class lines when nothing is marked', () => {
    const graph: ProjectGraph = { workloads: [{ id: 'w1', name: 'web', inProject: true }], resources: [], edges: [] };
    expect(renderGraph(graph, 'mermaid')).toBe('flowchart LR\n  w1["web"]\n');
  });
});

function provisioner(uri: string, type: string, extra: { class?: string; id?: string } = {}): Provisioner {
  return { kind: 'template', uri, type, ...extra, file: 'p.yaml', line: 1, origin: 'run', templates: {} };
}

const PROVISIONERS = [
  provisioner('template://first-pg', 'postgres', { id: 'shared' }),
  provisioner('template://pg', 'postgres'),
  provisioner('template://svc', 'service'),
];

function workload(name: string, resources: string): ReturnType<typeof workloadFromYaml> {
  return workloadFromYaml(`
    apiVersion: score.dev/v1b1
    metadata: {name: ${name}}
    containers: {main: {image: nginx}}
    resources: ${resources}
  `);
}

/** The graph as readable lines: nodes by name, edges by names. */
function summary(graph: ProjectGraph): string[] {
  const names = new Map<string, string>([
    ...graph.workloads.map((w) => [w.id, w.inProject ? w.name : `${w.name}?`] as const),
    ...graph.resources.map((r) => [r.id, r.uid] as const),
  ]);
  return [
    ...graph.resources.map((r) => `${r.uid} <- ${r.provisioner ?? 'unmatched'}`),
    ...graph.edges.map((e) => `${names.get(e.from)} ${e.kind === 'link' ? '..>' : '-->'} ${names.get(e.to)} [${e.label}]`),
  ];
}

describe('buildProjectGraph', () => {
  it.each<{ name: string; workloads: Array<[string, string]>; expected: string[] }>([
    {
      name: 'a resource shared by id is one node with an edge from each workload',
      workloads: [
        ['web', '{db: {type: postgres, id: shared}}'],
        ['api', '{main: {type: postgres, id: shared}}'],
      ],
      expected: [
        'postgres.default#shared <- template://first-pg',
        'api --> postgres.default#shared [main]',
        'web --> postgres.default#shared [db]',
      ],
    },
    {
      name: 'first match wins; an unmatched type is kept',
      workloads: [['web', '{db: {type: postgres}, q: {type: queue}}']],
      expected: [
        'postgres.default#web.db <- template://pg',
        'queue.default#web.q <- unmatched',
        'web --> postgres.default#web.db [db]',
        'web --> queue.default#web.q [q]',
      ],
    },
    {
      name: 'a service naming another workload links them',
      workloads: [
        ['web', '{backend: {type: service, params: {workload: api}}}'],
        ['api', '{}'],
      ],
      expected: [
        'service.default#web.backend <- template://svc',
        'web --> service.default#web.backend [backend]',
        'web ..> api [backend (service)]',
      ],
    },
    {
      name: 'a link to a workload the project lacks draws that workload as missing',
      workloads: [['web', '{ep: {type: endpoint, params: {workload: ghost}}}']],
      expected: ['endpoint.default#web.ep <- unmatched', 'web --> endpoint.default#web.ep [ep]', 'web ..> ghost? [ep (endpoint)]'],
    },
    {
      name: 'without params.workload, a service, service-port or endpoint links to the workload named like the resource',
      workloads: [
        [
          'web',
          '{api: {type: service}, ep: {type: endpoint, id: shop.backend.search}, sp: {type: service-port, params: {port: http}}, r: {type: route}}',
        ],
        ['api', '{}'],
        ['search', '{}'],
      ],
      expected: [
        'endpoint.default#shop.backend.search <- unmatched',
        'route.default#web.r <- unmatched',
        'service-port.default#web.sp <- unmatched',
        'service.default#web.api <- template://svc',
        'web --> service.default#web.api [api]',
        'web --> endpoint.default#shop.backend.search [ep]',
        'web --> route.default#web.r [r]',
        'web --> service-port.default#web.sp [sp]',
        'web ..> api [api (service)]',
        'web ..> search [ep (endpoint)]',
        'web ..> sp? [sp (service-port)]',
      ],
    },
    {
      name: 'no link to itself, from a placeholder, from a non-string or from another type',
      workloads: [
        [
          'web',
          '{a: {type: route, params: {workload: web}}, b: {type: service-port, params: {workload: "${metadata.name}"}}, c: {type: service, params: {workload: 1}}, d: {type: redis, params: {workload: api}}}',
        ],
        ['api', '{}'],
      ],
      expected: [
        'redis.default#web.d <- unmatched',
        'route.default#web.a <- unmatched',
        'service-port.default#web.b <- unmatched',
        'service.default#web.c <- template://svc',
        'web --> route.default#web.a [a]',
        'web --> service-port.default#web.b [b]',
        'web --> service.default#web.c [c]',
        'web --> redis.default#web.d [d]',
      ],
    },
  ])('$name', ({ workloads, expected }) => {
    expect(
      summary(
        buildProjectGraph(
          workloads.map(([name, resources]) => workload(name, resources)),
          PROVISIONERS,
        ),
      ),
    ).toEqual(expected);
  });
});

/** Every file of a folder (recursively) with its content, to compare a project before and after a run. */
function snapshotFiles(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile());
  return Object.fromEntries(files.sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

describe('score-ts graph', () => {
  it('writes nothing and shows no secret of the project state', async () => {
    const project = tempProject(path.join(repoRoot, 'test', 'golden', 'graph-mermaid'));
    expect((await runIn(project, ['generate', 'api.yaml'], { SCORE_TS_SEED: 'graph-test' })).code).toBe(0);
    const before = snapshotFiles(project);
    const secrets = Object.values(
      (
        JSON.parse(before['.score-ts/state.yaml']!.replace(/^#.*\n/, '')) as {
          resources: Record<string, { secretValues?: Record<string, string> }>;
        }
      ).resources,
    ).flatMap((r) => Object.values(r.secretValues ?? {}));
    expect(secrets.length).toBeGreaterThan(0);
    for (const format of ['mermaid', 'dot']) {
      const run = await runIn(project, ['-vv', 'graph', 'web.yaml', '--format', format]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('shared-db');
      for (const secret of secrets) expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    }
    expect(snapshotFiles(project)).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { convertFiles, type FilesResult } from '../../src/convert/files.js';
import type { VolumeMount } from '../../src/convert/pod-types.js';
import type { Manifest } from '../../src/base/types.js';
import { expandContext, formatted, labelsOf, mountsObject, problemsFor, workloadFromYaml, type FileSourceBytes } from './fixtures.js';

const MiB = 1024 * 1024;

interface Case {
  name: string;
  yaml: string;
  sources?: FileSourceBytes[];
  outputs?: Record<string, Record<string, unknown>>;
}

function run({ yaml, sources, outputs }: Case) {
  const workload = workloadFromYaml(yaml, sources);
  const problems = problemsFor(workload);
  const result = convertFiles(workload, expandContext(workload, outputs), problems);
  return { result, problems };
}

/** The ConfigMap of workload `workload` holding the given data. */
function configMap(workload: string, data: { data?: Record<string, string>; binaryData?: Record<string, string> }): Manifest {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${workload}-files`, labels: labelsOf(workload) }, ...data };
}

function filesVolume(workload: string, items: Array<{ key: string; mode?: number }>) {
  return { name: 'files', configMap: { name: `${workload}-files`, items: items.map((i) => ({ path: i.key, ...i })) } };
}

function mount(target: string, key: string): VolumeMount {
  return { name: 'files', mountPath: target, subPath: key, readOnly: true };
}

describe('convertFiles: ConfigMap, volume and mounts', () => {
  interface Row extends Case {
    data?: Record<string, string>;
    binaryData?: Record<string, string>;
    items: Array<{ key: string; mode?: number }>;
    mounts: Record<string, VolumeMount[]>;
    workload?: string;
  }
  const rows: Row[] = [
    {
      name: 'content becomes data, mounted with subPath at exactly the target, read-only',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/app/app.conf:
                content: "port = 8080\\n"
      `,
      data: { 'main-etc-app-app.conf': 'port = 8080\n' },
      items: [{ key: 'main-etc-app-app.conf' }],
      mounts: { main: [mount('/etc/app/app.conf', 'main-etc-app-app.conf')] },
    },
    {
      name: 'source with UTF-8 text becomes data, placeholders expanded',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/motd:
                source: ./motd.txt
      `,
      sources: [{ container: 'main', target: '/etc/motd', bytes: Buffer.from('héllo from ${metadata.name}\n', 'utf8') }],
      data: { 'main-etc-motd': 'héllo from web\n' },
      items: [{ key: 'main-etc-motd' }],
      mounts: { main: [mount('/etc/motd', 'main-etc-motd')] },
    },
    {
      name: 'source with bytes that are not UTF-8 becomes binaryData, never expanded',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /opt/blob.bin:
                source: ./blob.bin
      `,
      sources: [{ container: 'main', target: '/opt/blob.bin', bytes: Buffer.from([0xff, 0xfe, 0x00, 0x01]) }],
      binaryData: { 'main-opt-blob.bin': '//4AAQ==' },
      items: [{ key: 'main-opt-blob.bin' }],
      mounts: { main: [mount('/opt/blob.bin', 'main-opt-blob.bin')] },
    },
    {
      name: 'binaryContent becomes binaryData, line breaks in the base64 removed',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /opt/hello.bin:
                binaryContent: |
                  aGVs
                  bG8=
      `,
      binaryData: { 'main-opt-hello.bin': 'aGVsbG8=' },
      items: [{ key: 'main-opt-hello.bin' }],
      mounts: { main: [mount('/opt/hello.bin', 'main-opt-hello.bin')] },
    },
    {
      name: 'binaryContent is never expanded',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /opt/x:
                binaryContent: JHttZXRhZGF0YS5uYW1lfQ==
      `,
      binaryData: { 'main-opt-x': 'JHttZXRhZGF0YS5uYW1lfQ==' },
      items: [{ key: 'main-opt-x' }],
      mounts: { main: [mount('/opt/x', 'main-opt-x')] },
    },
    {
      name: 'placeholders in content: metadata and resource outputs',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
          team: blue
        containers:
          main:
            image: nginx
            files:
              /etc/db.conf:
                content: "\${metadata.name}/\${metadata.team} -> \${resources.db.host}:\${resources.db.port}"
      `,
      outputs: { db: { host: 'pg.internal', port: 5432 } },
      data: { 'main-etc-db.conf': 'web/blue -> pg.internal:5432' },
      items: [{ key: 'main-etc-db.conf' }],
      mounts: { main: [mount('/etc/db.conf', 'main-etc-db.conf')] },
    },
    {
      name: 'noExpand keeps ${...} and $$ exactly as written',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/tpl:
                content: "\${metadata.name} $\${HOME} $$"
                noExpand: true
      `,
      data: { 'main-etc-tpl': '${metadata.name} $${HOME} $$' },
      items: [{ key: 'main-etc-tpl' }],
      mounts: { main: [mount('/etc/tpl', 'main-etc-tpl')] },
    },
    {
      name: 'noExpand on a source keeps its placeholders',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/tpl:
                source: tpl.txt
                noExpand: true
      `,
      sources: [{ container: 'main', target: '/etc/tpl', bytes: Buffer.from('${resources.nope.x}') }],
      data: { 'main-etc-tpl': '${resources.nope.x}' },
      items: [{ key: 'main-etc-tpl' }],
      mounts: { main: [mount('/etc/tpl', 'main-etc-tpl')] },
    },
    {
      name: '$${ escapes a placeholder and $$ is one $',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/sh:
                content: "echo $\${HOME} costs $$5 for \${metadata.name}"
      `,
      data: { 'main-etc-sh': 'echo ${HOME} costs $5 for web' },
      items: [{ key: 'main-etc-sh' }],
      mounts: { main: [mount('/etc/sh', 'main-etc-sh')] },
    },
    {
      name: 'mode "0600" and "600" are both 384, "0755" is 493',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /a:
                content: a
                mode: "0600"
              /b:
                content: b
                mode: "600"
              /c:
                content: c
                mode: "0755"
      `,
      data: { 'main-a': 'a', 'main-b': 'b', 'main-c': 'c' },
      items: [
        { key: 'main-a', mode: 384 },
        { key: 'main-b', mode: 384 },
        { key: 'main-c', mode: 493 },
      ],
      mounts: { main: [mount('/a', 'main-a'), mount('/b', 'main-b'), mount('/c', 'main-c')] },
    },
    {
      name: 'list form with target',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              - target: /etc/one
                content: one
              - target: /etc/two
                content: two
                mode: "0644"
      `,
      data: { 'main-etc-one': 'one', 'main-etc-two': 'two' },
      items: [{ key: 'main-etc-one' }, { key: 'main-etc-two', mode: 420 }],
      mounts: { main: [mount('/etc/one', 'main-etc-one'), mount('/etc/two', 'main-etc-two')] },
    },
    {
      name: 'one ConfigMap per workload, named <workload>-files, shared by all containers',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: shop
        containers:
          api:
            image: api
            files:
              /etc/conf:
                content: api
          worker:
            image: worker
            files:
              /etc/conf:
                content: worker
      `,
      workload: 'shop',
      data: { 'api-etc-conf': 'api', 'worker-etc-conf': 'worker' },
      items: [{ key: 'api-etc-conf' }, { key: 'worker-etc-conf' }],
      mounts: { api: [mount('/etc/conf', 'api-etc-conf')], worker: [mount('/etc/conf', 'worker-etc-conf')] },
    },
    {
      name: 'text and binary files share the ConfigMap',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /t:
                content: text
              /b:
                binaryContent: AAE=
      `,
      data: { 'main-t': 'text' },
      binaryData: { 'main-b': 'AAE=' },
      items: [{ key: 'main-t' }, { key: 'main-b' }],
      mounts: { main: [mount('/t', 'main-t'), mount('/b', 'main-b')] },
    },
    {
      name: 'colliding keys in one container get a unique key',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /a/b:
                content: first
              /a-b:
                content: second
      `,
      // 32cea556 = sha256('main/a-b'), first 8 hex digits.
      data: { 'main-a-b': 'first', 'main-a-b-32cea556': 'second' },
      items: [{ key: 'main-a-b' }, { key: 'main-a-b-32cea556' }],
      mounts: { main: [mount('/a/b', 'main-a-b'), mount('/a-b', 'main-a-b-32cea556')] },
    },
    {
      name: 'colliding keys across containers get a unique key',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          a:
            image: one
            files:
              /b-c:
                content: from a
          a-b:
            image: two
            files:
              /c:
                content: from a-b
      `,
      // 4e84717d = sha256('a-b/c'), first 8 hex digits.
      data: { 'a-b-c': 'from a', 'a-b-c-4e84717d': 'from a-b' },
      items: [{ key: 'a-b-c' }, { key: 'a-b-c-4e84717d' }],
      mounts: { a: [mount('/b-c', 'a-b-c')], 'a-b': [mount('/c', 'a-b-c-4e84717d')] },
    },
    {
      name: 'files of exactly 1 MiB in total fit',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /big:
                source: big.txt
      `,
      sources: [{ container: 'main', target: '/big', bytes: Buffer.alloc(MiB, 'a') }],
      data: { 'main-big': 'a'.repeat(MiB) },
      items: [{ key: 'main-big' }],
      mounts: { main: [mount('/big', 'main-big')] },
    },
  ];

  it.each(rows)('$name', (row) => {
    const { result, problems } = run(row);
    const workload = row.workload ?? 'web';
    expect(formatted(problems)).toEqual([]);
    const expected: FilesResult = {
      manifests: [
        configMap(workload, { ...(row.data ? { data: row.data } : {}), ...(row.binaryData ? { binaryData: row.binaryData } : {}) }),
      ],
      volumes: [filesVolume(workload, row.items)],
      mounts: new Map(),
    };
    expect(result.manifests).toStrictEqual(expected.manifests);
    expect(result.volumes).toStrictEqual(expected.volumes);
    expect(mountsObject(result.mounts)).toStrictEqual(row.mounts);
  });

  it('a workload without files gets no ConfigMap, volume or mounts', () => {
    const { result, problems } = run({
      name: 'none',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
      `,
    });
    expect(formatted(problems)).toEqual([]);
    expect(result.manifests).toEqual([]);
    expect(result.volumes).toEqual([]);
    expect(mountsObject(result.mounts)).toEqual({});
  });
});

describe('convertFiles: problems', () => {
  interface Row extends Case {
    messages: string[];
  }
  const rows: Row[] = [
    {
      name: 'binaryContent that is not base64',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/blob:
                binaryContent: "not base64!"
      `,
      messages: ['score.yaml:9:24: containers.main.files./etc/blob.binaryContent: is not valid base64'],
    },
    {
      name: 'binaryContent with a length that is not a multiple of 4',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/blob:
                binaryContent: aGVsbG8
      `,
      messages: ['score.yaml:9:24: containers.main.files./etc/blob.binaryContent: is not valid base64'],
    },
    {
      name: 'mode with a digit that is not octal',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/x:
                content: x
                mode: "0800"
      `,
      messages: [`score.yaml:10:15: containers.main.files./etc/x.mode: '0800' is not an octal file mode like "0644"`],
    },
    {
      name: 'mode written symbolically',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/x:
                content: x
                mode: rw-r--r--
      `,
      messages: [`score.yaml:10:15: containers.main.files./etc/x.mode: 'rw-r--r--' is not an octal file mode like "0644"`],
    },
    {
      name: 'list form without target',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              - target: /etc/ok
                content: ok
              - content: lost
      `,
      messages: [
        'score.yaml:10:9: containers.main.files[1]: a file in the list form needs a target path; better, use the map form keyed by target',
      ],
    },
    {
      name: 'unknown placeholder in content',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/x:
                content: "\${nope.x}"
      `,
      messages: [
        "score.yaml:9:18: containers.main.files./etc/x.content: ${nope.x} is not a known placeholder: use ${metadata.KEY} or ${resources.NAME.OUTPUT}, or write $${...} for a literal '${'",
      ],
    },
    {
      name: 'unknown metadata key in a source file',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/x:
                source: x.tpl
      `,
      sources: [{ container: 'main', target: '/etc/x', bytes: Buffer.from('team=${metadata.team}') }],
      messages: ["score.yaml:9:17: containers.main.files./etc/x.source: ${metadata.team}: metadata has no key 'team' (known: name)"],
    },
    {
      name: 'undeclared resource in content',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /etc/x:
                content: "\${resources.db.host}"
      `,
      messages: [
        "score.yaml:9:18: containers.main.files./etc/x.content: ${resources.db.host} refers to resource 'db', which this workload does not declare under 'resources'",
      ],
    },
    {
      name: 'one byte over 1 MiB',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /big:
                source: big.txt
      `,
      sources: [{ container: 'main', target: '/big', bytes: Buffer.alloc(MiB + 1, 'a') }],
      messages: [
        "score.yaml:5:3: containers: the workload's files hold 1048577 bytes, more than the 1 MiB a Kubernetes ConfigMap can store; mount large files from a volume instead",
      ],
    },
    {
      name: 'over 1 MiB only in total, across containers and binary files',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          one:
            image: nginx
            files:
              /half:
                source: half.txt
          two:
            image: nginx
            files:
              /half:
                source: half.bin
      `,
      sources: [
        { container: 'one', target: '/half', bytes: Buffer.alloc(MiB / 2, 'a') },
        // 524289 bytes, a multiple of 3: base64 without padding.
        { container: 'two', target: '/half', bytes: Buffer.alloc(MiB / 2 + 1, 0xff) },
      ],
      messages: [
        "score.yaml:5:3: containers: the workload's files hold 1048577 bytes, more than the 1 MiB a Kubernetes ConfigMap can store; mount large files from a volume instead",
      ],
    },
    {
      name: 'every problem of the workload is reported',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /a:
                binaryContent: "%%%"
              /b:
                content: b
                mode: "999"
      `,
      messages: [
        'score.yaml:9:24: containers.main.files./a.binaryContent: is not valid base64',
        `score.yaml:12:15: containers.main.files./b.mode: '999' is not an octal file mode like "0644"`,
      ],
    },
  ];

  it.each(rows)('$name', (row) => {
    const { problems } = run(row);
    expect(formatted(problems)).toEqual(row.messages);
  });
});

describe('convertFiles: the 1 MiB limit counts the bytes Kubernetes stores', () => {
  // Kubernetes sums len(data values) + len(decoded binaryData values) and allows up to 1048576.
  const rows = [
    { name: 'text file of exactly 1 MiB', bytes: Buffer.alloc(MiB, 'a') },
    // 1048576 = 3 * 349525 + 1: its base64 ends in '==', which must not be counted as bytes.
    { name: 'binary file of exactly 1 MiB', bytes: Buffer.alloc(MiB, 0xff) },
    { name: 'binary file of exactly 1 MiB - 1', bytes: Buffer.alloc(MiB - 1, 0xff) },
  ];
  it.each(rows)('$name is accepted', ({ bytes }) => {
    const { result, problems } = run({
      name: '',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            files:
              /big:
                source: big
      `,
      sources: [{ container: 'main', target: '/big', bytes }],
    });
    expect(formatted(problems)).toEqual([]);
    expect(result.manifests).toHaveLength(1);
  });
});

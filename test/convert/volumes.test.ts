import { describe, expect, it } from 'vitest';
import { PlaceholderError } from '../../src/convert/expand.js';
import type { PodVolume, VolumeMount } from '../../src/convert/pod-types.js';
import { convertVolumes } from '../../src/convert/volumes.js';
import { shortHash } from '../../src/convert/names.js';
import { expandContext, formatted, mountsObject, problemsFor, workloadFromYaml } from './fixtures.js';

/** Volumes the fake provisioner offers, by resource name; any other name has none. */
const RESOURCE_VOLUMES: Record<string, Record<string, unknown>> = {
  cache: { emptyDir: {} },
  shared: { persistentVolumeClaim: { claimName: 'shared-pvc' } },
};

interface Case {
  name: string;
  yaml: string;
  outputs?: Record<string, Record<string, unknown>>;
}

function run({ yaml, outputs }: Case) {
  const workload = workloadFromYaml(yaml);
  const problems = problemsFor(workload);
  const calls: string[] = [];
  const resourceVolume = (name: string) => {
    calls.push(name);
    const source = RESOURCE_VOLUMES[name];
    if (!source) throw new PlaceholderError(`resource '${name}' provides no volume`);
    return source;
  };
  const result = convertVolumes(workload.spec.containers, expandContext(workload, outputs), resourceVolume, problems);
  return { result, problems, calls };
}

describe('convertVolumes: pod volumes and mounts', () => {
  interface Row extends Case {
    volumes: PodVolume[];
    mounts: Record<string, VolumeMount[]>;
    calls: string[];
  }
  const rows: Row[] = [
    {
      name: 'a plain source names a PersistentVolumeClaim',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /data:
                source: data-claim
      `,
      volumes: [{ name: 'pvc-data-claim', persistentVolumeClaim: { claimName: 'data-claim' } }],
      mounts: { main: [{ name: 'pvc-data-claim', mountPath: '/data' }] },
      calls: [],
    },
    {
      name: 'a claim name with dots keeps them; the volume name is a DNS label',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /data:
                source: data.v1
      `,
      volumes: [{ name: 'pvc-data-v1-4c610ff1', persistentVolumeClaim: { claimName: 'data.v1' } }],
      mounts: { main: [{ name: 'pvc-data-v1-4c610ff1', mountPath: '/data' }] },
      calls: [],
    },
    {
      name: '${metadata.name} in the source is expanded',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /cache:
                source: \${metadata.name}-cache
      `,
      volumes: [{ name: 'pvc-web-cache', persistentVolumeClaim: { claimName: 'web-cache' } }],
      mounts: { main: [{ name: 'pvc-web-cache', mountPath: '/cache' }] },
      calls: [],
    },
    {
      name: 'a resource output in the source names the claim',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /data:
                source: \${resources.vol.claim}
      `,
      outputs: { vol: { claim: 'provisioned-claim' } },
      volumes: [{ name: 'pvc-provisioned-claim', persistentVolumeClaim: { claimName: 'provisioned-claim' } }],
      mounts: { main: [{ name: 'pvc-provisioned-claim', mountPath: '/data' }] },
      calls: [],
    },
    {
      name: '${resources.x} takes the volume the resource provides',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /tmp/cache:
                source: \${resources.cache}
      `,
      volumes: [{ name: 'vol-cache', emptyDir: {} }],
      mounts: { main: [{ name: 'vol-cache', mountPath: '/tmp/cache' }] },
      calls: ['cache'],
    },
    {
      name: 'path with a leading / becomes a relative subPath',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /var/lib/app:
                source: data
                path: /app/data
              /var/lib/rel:
                source: data
                path: rel
              /var/lib/root:
                source: data
                path: /
      `,
      volumes: [{ name: 'pvc-data', persistentVolumeClaim: { claimName: 'data' } }],
      mounts: {
        main: [
          { name: 'pvc-data', mountPath: '/var/lib/app', subPath: 'app/data' },
          { name: 'pvc-data', mountPath: '/var/lib/rel', subPath: 'rel' },
          { name: 'pvc-data', mountPath: '/var/lib/root' },
        ],
      },
      calls: [],
    },
    {
      name: 'readOnly: true is carried, readOnly: false is left out',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /ro:
                source: data
                readOnly: true
              /rw:
                source: data
                readOnly: false
      `,
      volumes: [{ name: 'pvc-data', persistentVolumeClaim: { claimName: 'data' } }],
      mounts: {
        main: [
          { name: 'pvc-data', mountPath: '/ro', readOnly: true },
          { name: 'pvc-data', mountPath: '/rw' },
        ],
      },
      calls: [],
    },
    {
      name: 'one pod volume shared by two containers',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          writer:
            image: writer
            volumes:
              /out:
                source: \${resources.shared}
          reader:
            image: reader
            volumes:
              /in:
                source: \${resources.shared}
                readOnly: true
      `,
      volumes: [{ name: 'vol-shared', persistentVolumeClaim: { claimName: 'shared-pvc' } }],
      mounts: {
        writer: [{ name: 'vol-shared', mountPath: '/out' }],
        reader: [{ name: 'vol-shared', mountPath: '/in', readOnly: true }],
      },
      calls: ['shared', 'shared'],
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
            volumes:
              - source: \${resources.cache}
                target: /cache
              - source: data
                target: /data
                path: /sub
      `,
      volumes: [
        { name: 'vol-cache', emptyDir: {} },
        { name: 'pvc-data', persistentVolumeClaim: { claimName: 'data' } },
      ],
      mounts: {
        main: [
          { name: 'vol-cache', mountPath: '/cache' },
          { name: 'pvc-data', mountPath: '/data', subPath: 'sub' },
        ],
      },
      calls: ['cache'],
    },
  ];

  it.each(rows)('$name', (row) => {
    const { result, problems, calls } = run(row);
    expect(formatted(problems)).toEqual([]);
    expect(result.volumes).toStrictEqual(row.volumes);
    expect(mountsObject(result.mounts)).toStrictEqual(row.mounts);
    expect(calls).toEqual(row.calls);
  });

  it('a workload without volumes has no pod volumes or mounts', () => {
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
    expect(result.volumes).toEqual([]);
    expect(mountsObject(result.mounts)).toEqual({});
  });

  it('two different claims never share one pod volume', () => {
    // 'data.v1' and 'data-v1' are different claims whose volume names both clean up to 'pvc-data-v1'.
    const { result, problems } = run({
      name: 'distinct claims',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /a:
                source: data.v1
              /b:
                source: data-v1
      `,
    });
    expect(formatted(problems)).toEqual([]);
    const claimOf = (mountPath: string) => {
      const mount = result.mounts.get('main')?.find((m) => m.mountPath === mountPath);
      const volume = result.volumes.find((v) => v.name === mount?.name);
      return (volume?.persistentVolumeClaim as { claimName?: string } | undefined)?.claimName;
    };
    expect(result.volumes).toHaveLength(2);
    expect(new Set(result.volumes.map((v) => v.name)).size).toBe(2);
    expect(claimOf('/a')).toBe('data.v1');
    expect(claimOf('/b')).toBe('data-v1');
  });

  it("a claim named like another claim's volume is refused, not mounted in its place", () => {
    const lookalike = `data-v1-${shortHash('data.v1')}`;
    const { result, problems } = run({
      name: 'lookalike claim',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /a:
                source: data.v1
              /b:
                source: ${lookalike}
      `,
    });
    expect(formatted(problems)).toEqual([
      `score.yaml:11:17: containers.main.volumes./b.source: its pod volume would be named 'pvc-${lookalike}', like another volume of this workload; use another claim or resource name`,
    ]);
    expect(result.volumes).toEqual([{ name: `pvc-${lookalike}`, persistentVolumeClaim: { claimName: 'data.v1' } }]);
  });
});

describe('convertVolumes: problems', () => {
  interface Row extends Case {
    messages: string[];
  }
  const rows: Row[] = [
    {
      name: 'a source that is not a valid claim name',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /data:
                source: Data_Claim
      `,
      messages: [
        "score.yaml:9:17: containers.main.volumes./data.source: 'Data_Claim' is neither ${resources.NAME} nor the name of a PersistentVolumeClaim (lowercase letters, digits, '-' and '.')",
      ],
    },
    {
      name: 'a source whose expansion is not a valid claim name',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /data:
                source: \${metadata.name}-
      `,
      messages: [
        "score.yaml:9:17: containers.main.volumes./data.source: 'web-' is neither ${resources.NAME} nor the name of a PersistentVolumeClaim (lowercase letters, digits, '-' and '.')",
      ],
    },
    {
      name: 'a resource that provides no volume',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /data:
                source: \${resources.db}
      `,
      messages: ["score.yaml:9:17: containers.main.volumes./data.source: resource 'db' provides no volume"],
    },
    {
      name: 'an undeclared resource output',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            volumes:
              /data:
                source: \${resources.nope.claim}
      `,
      messages: [
        "score.yaml:9:17: containers.main.volumes./data.source: ${resources.nope.claim} refers to resource 'nope', which this workload does not declare under 'resources'",
      ],
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
            volumes:
              - source: data
      `,
      messages: [
        'score.yaml:8:9: containers.main.volumes[0]: a volume in the list form needs a target path; better, use the map form keyed by target',
      ],
    },
    {
      name: 'every bad volume of every container is reported',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          one:
            image: nginx
            volumes:
              /a:
                source: UPPER
          two:
            image: nginx
            volumes:
              /b:
                source: \${resources.db}
      `,
      messages: [
        "score.yaml:9:17: containers.one.volumes./a.source: 'UPPER' is neither ${resources.NAME} nor the name of a PersistentVolumeClaim (lowercase letters, digits, '-' and '.')",
        "score.yaml:14:17: containers.two.volumes./b.source: resource 'db' provides no volume",
      ],
    },
  ];

  it.each(rows)('$name', (row) => {
    const { result, problems } = run(row);
    expect(formatted(problems)).toEqual(row.messages);
    expect(result.volumes).toEqual([]);
  });
});

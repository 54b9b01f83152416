/**
 * Every name score-ts derives from a workload name fits its kind's limit, even for the longest name each kind
 * accepts, starting with a letter or a digit: objects (checked with the render stage's rules), containers and
 * volumes (DNS-1123 labels).
 */
import { describe, expect, it } from 'vitest';
import { dnsLabel } from '../../src/convert/names.js';
import { convertWorkload } from '../../src/convert/workload.js';
import { nameProblem } from '../../src/render/name-rules.js';
import type { Manifest } from '../../src/base/types.js';
import { at, list, maybeList, maybeMapping, type Fields } from '../support/fields.js';
import { expandContext, workloadFromYaml } from './fixtures.js';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function workload(name: string, kind: string): string {
  const schedule = kind === 'CronJob' ? '\n        k8s.score.dev/schedule: "@daily"' : '';
  const ports = kind === 'Deployment' || kind === 'StatefulSet' ? 'service:\n      ports:\n        http:\n          port: 80' : '';
  return `
    apiVersion: score.dev/v1b1
    metadata:
      name: ${name}
      annotations:
        k8s.score.dev/kind: ${kind}${schedule}
    containers:
      main:
        image: app:1
        files:
          /etc/app.conf:
            content: x
        volumes:
          /data:
            source: \${resources.${'d'.repeat(63)}}
          /claim:
            source: ${'c'.repeat(60)}.v1
    ${ports}
  `;
}

/** The pod spec of a Deployment, StatefulSet, Job or CronJob. */
function podSpec(m: Manifest): Fields | undefined {
  return maybeMapping(m, 'spec', 'jobTemplate', 'spec', 'template', 'spec') ?? maybeMapping(m, 'spec', 'template', 'spec');
}

/** What a kind's limit refuses among the objects, and the container and pod volume names that are not DNS labels. */
function refusedNames(manifests: readonly Manifest[]): string[] {
  const objects = manifests.flatMap((m) => nameProblem(m.kind, m.metadata.name) ?? []);
  const pods = manifests.flatMap((m) => podSpec(m) ?? []);
  const podNames = pods.flatMap((p) =>
    [...(maybeList(p, 'initContainers') ?? []), ...list(p, 'containers'), ...(maybeList(p, 'volumes') ?? [])].map((x) =>
      String(at(x, 'name')),
    ),
  );
  return [...objects, ...podNames.filter((n) => !DNS_1123_LABEL.test(n))];
}

describe('names derived from the longest workload names', () => {
  it.each<{ name: string; kind: string; workloadName: string }>([
    { name: 'Deployment, 63 characters from a letter', kind: 'Deployment', workloadName: `w${'x'.repeat(62)}` },
    { name: 'Deployment, 63 characters from a digit', kind: 'Deployment', workloadName: `1${'x'.repeat(62)}` },
    { name: 'StatefulSet, 52 characters from a letter', kind: 'StatefulSet', workloadName: `w${'x'.repeat(51)}` },
    { name: 'StatefulSet, 52 characters from a digit', kind: 'StatefulSet', workloadName: `1${'x'.repeat(51)}` },
    { name: 'Job, 63 characters from a digit', kind: 'Job', workloadName: `1${'x'.repeat(62)}` },
    { name: 'CronJob, 52 characters from a digit', kind: 'CronJob', workloadName: `1${'x'.repeat(51)}` },
  ])('$name: every name is accepted', ({ kind, workloadName }) => {
    const input = workloadFromYaml(workload(workloadName, kind));
    const manifests = convertWorkload(input, {
      resourceOutputs: expandContext(input).resourceOutputs,
      resourceVolume: () => ({ emptyDir: {} }),
      waits: [{ resource: 'r'.repeat(63), waitFor: { host: 'db', port: 5432 } }],
    });
    expect(manifests.filter((m) => podSpec(m) !== undefined)).toHaveLength(1);
    expect(refusedNames(manifests)).toEqual([]);
    expect(nameProblem('Secret', dnsLabel(workloadName, '-secret-files'))).toBeUndefined();
  });
});

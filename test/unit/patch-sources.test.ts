import { describe, expect, it } from 'vitest';
import { ConvertError } from '../../src/base/errors.js';
import { applyPatchTemplatesWithSources } from '../../src/patch/patch-sources.js';
import { compileTemplate } from '../../src/templates/template-engine.js';
import { cryptoRandom } from '../../src/base/random.js';
import type { ManifestSource, SourcedManifest } from '../../src/base/manifest-source.js';
import { shownError } from '../provision/builders.js';

const WORKLOAD: ManifestSource = { kind: 'workload', workload: 'api', location: { file: 'api.yaml', line: 3, column: 9 } };
// A whole Deployment: patched objects are checked against the Kubernetes schema.
const podTemplate = { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'main', image: 'api' }] } };
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'api' } }, template: podTemplate },
};
const patch = (display: string, text: string) => ({ display, render: compileTemplate({ text, firstLine: 1 }) });
const apply = (objects: SourcedManifest[], ...templates: Array<ReturnType<typeof patch>>) =>
  applyPatchTemplatesWithSources(objects, templates, { workloads: {} }, { random: cryptoRandom(), env: {} }, () => {});
const add = (object: string) => `- op: set\n  path: "-1"\n  value: ${object}\n`;

describe('applyPatchTemplatesWithSources', () => {
  it.each<{ name: string; templates: Array<ReturnType<typeof patch>>; expected: string[] }>([
    {
      name: 'a changed object keeps its maker',
      templates: [patch('a.tpl', '- op: set\n  path: 0.spec.replicas\n  value: 3\n')],
      expected: ['workload/Deployment/api'],
    },
    {
      name: 'an added object is the template that added it, through later templates',
      templates: [
        patch('a.tpl', add('{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}')),
        patch('b.tpl', '- op: set\n  path: 1.data\n  value: {k: v}\n'),
      ],
      expected: ['workload/Deployment/api', 'patch a.tpl/ConfigMap/c'],
    },
    {
      name: 'an object moved to another namespace is the template that moved it',
      templates: [patch('a.tpl', '- op: set\n  path: 0.metadata.namespace\n  value: other\n')],
      expected: ['patch a.tpl/Deployment/api'],
    },
    {
      name: 'an identical copy is merged',
      templates: [patch('a.tpl', add(JSON.stringify(deployment)))],
      expected: ['workload/Deployment/api'],
    },
  ])('$name', ({ templates, expected }) => {
    const result = apply([{ manifest: deployment, source: WORKLOAD }], ...templates);
    expect(
      result.map(
        ({ manifest, source }) =>
          `${source.kind === 'patch' ? `patch ${source.template}` : source.kind}/${manifest.kind}/${manifest.metadata.name}`,
      ),
    ).toEqual(expected);
  });

  it("a different object named like a workload's is an error naming the template", () => {
    const copy = JSON.stringify({ ...deployment, spec: { ...deployment.spec, replicas: 9 } });
    expect(
      shownError(() => apply([{ manifest: deployment, source: WORKLOAD }], patch('.score-ts/x.patch.tpl', add(copy))), ConvertError),
    ).toEqual({
      message: 'two different objects would have the same kind and name',
      diagnostics: [
        ".score-ts/x.patch.tpl: patch template .score-ts/x.patch.tpl makes Deployment 'api', and workload 'api' (api.yaml:3:9) makes a different one with the same name; applied together, one would silently replace the other: rename one of them",
      ],
    });
  });
});

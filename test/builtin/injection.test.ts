/**
 * A value inserted into a template can never change the YAML around it: for every built-in provisioner,
 * params and metadata full of YAML syntax either come out as the same single strings or the provisioner
 * refuses them with a clear error; never as extra keys or extra manifests.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProvisionError } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import { loadProvisioners } from '../../src/provision/provisioner-file.js';
import { builtInFiles } from '../../src/provision/provisioner-files.js';
import { provisionResources } from '../../src/provision/provision.js';
import { workloadFromYaml } from '../convert/fixtures.js';
import { repoRoot } from '../support/run-cli.js';

const builtIns = builtInFiles().flatMap((file) =>
  loadProvisioners(parseYamlSource(file.display, readFileSync(file.absolute, 'utf8')), 'built-in'),
);

const PAYLOADS = [
  'x\n  evil: true',
  'x"\nevil: true\n"',
  "x'\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: evil}",
  '{evil: true}',
  '[evil]',
  '${evil}',
  '{{evil}}',
];

/** Every key anywhere in a value. */
function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keys);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]);
}

describe('built-in provisioners resist YAML injection', () => {
  it('has built-in provisioners to check', () => {
    expect(builtIns.length).toBeGreaterThan(0);
  });

  it.each(
    builtIns.flatMap((p) => PAYLOADS.map((payload) => ({ name: `${p.uri} with ${JSON.stringify(payload)}`, provisioner: p, payload }))),
  )('$name', ({ provisioner, payload }) => {
    const params = Object.fromEntries((provisioner.supportedParams ?? []).map((param) => [param, payload]));
    const workload = workloadFromYaml(`
apiVersion: score.dev/v1b1
metadata:
  name: victim
containers:
  main:
    image: nginx
resources:
  res:
    type: ${provisioner.type}
    ${provisioner.class ? `class: ${provisioner.class}` : ''}
    metadata:
      annotations:
        example.com/note: ${JSON.stringify(payload)}
    params: ${JSON.stringify(params)}
`);
    let result;
    try {
      result = provisionResources([workload], {
        provisioners: [provisioner],
        previous: {},
        sharedState: {},
        projectDir: repoRoot,
        seed: 'injection',
      });
    } catch (e) {
      // Refusing a value is safe; it must be a clear provision error, not a crash.
      expect(e).toBeInstanceOf(ProvisionError);
      return;
    }
    const everything = [result.sourcedManifests.map((o) => o.manifest), result.records];
    expect(keys(everything)).not.toContain('evil');
    expect(result.sourcedManifests.filter((o) => o.manifest.metadata.name === 'evil')).toEqual([]);
  });
});

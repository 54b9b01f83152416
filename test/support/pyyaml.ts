/**
 * A YAML 1.1 reader other than the `yaml` library: Debian's python3-yaml (PyYAML on libyaml, the C library
 * go-yaml was ported from, and so what kubectl's reader behaves like). .ci/run installs it; elsewhere the
 * tests that need it are skipped with one line saying so, except with CI=true, where they fail instead.
 */
import { spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

/** Reads each text (sent as base64 of its UTF-8 bytes, exactly as a file would hold it) with every document in it. */
const READER = `
import base64, json, sys, yaml
loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
results = []
for text in json.load(sys.stdin):
    try:
        results.append({'documents': list(yaml.load_all(base64.b64decode(text), Loader=loader))})
    except yaml.YAMLError as e:
        results.append({'error': str(e).splitlines()[0]})
print(json.dumps({'loader': loader.__name__, 'results': results}, default=repr))
`;

export type PyYamlResult = { documents: unknown[] } | { error: string };

/** Why PyYAML cannot be used here, or undefined when it can. */
export function pyYamlMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import yaml'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  return `${PYTHON} cannot import yaml: install the Debian package python3-yaml (.ci/run does this)`;
}

/** Every text read by PyYAML (libyaml's loader when PyYAML has it), in one process. */
export function readWithPyYaml(texts: readonly string[]): { loader: string; results: PyYamlResult[] } {
  const input = JSON.stringify(texts.map((t) => Buffer.from(t, 'utf8').toString('base64')));
  const run = spawnSync(PYTHON, ['-c', READER], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`PyYAML reader failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { loader: string; results: PyYamlResult[] };
}

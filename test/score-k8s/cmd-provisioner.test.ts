/**
 * cmd:// provisioners of score-k8s's format: the program named as score-k8s names it, the request in
 * score-k8s's JSON shape (field for field), `<mode>` replaced, the answer read strictly, and 🔐💬NAME_KEY💬🔐
 * in it made a secret reference, while the same text from a Score file reaches the program escaped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, mapping } from '../support/fields.js';
import { generateIn, objectOf, outputsOf, projectWith, scoreFile } from './support.js';

/** A program that keeps its request and arguments, and answers what ANSWER holds. */
const PROGRAM = `import { readFileSync, writeFileSync } from 'node:fs';
const request = readFileSync(0, 'utf8');
writeFileSync('request.json', request);
writeFileSync('args.json', JSON.stringify(process.argv.slice(2)));
process.stdout.write(readFileSync('answer.json', 'utf8'));
`;

function project(answer: unknown, params = ''): string {
  return projectWith({
    'score.yaml': scoreFile(
      'app',
      `  queue:\n    type: queue\n    metadata:\n      annotations: {owner: ops}\n${params}`,
      '      URL: ${resources.queue.url}\n      KEY: ${resources.queue.key}\n',
    ),
    'p.provisioners.yaml':
      "- uri: cmd://node#queue\n  type: queue\n  description: a queue\n  expected_outputs: [url, key]\n  args: ['./program.mjs', '<mode>', '{{ .Uid }}']\n",
    'program.mjs': PROGRAM,
    'answer.json': JSON.stringify(answer),
  });
}

describe('score-k8s cmd:// provisioners', () => {
  it("get score-k8s's request, with <mode> replaced by provision", async () => {
    const dir = project({ resource_outputs: { url: 'amqp://queue', key: 'k' } }, '    params: {vhost: "🔐💬other_password💬🔐"}\n');
    const run = await generateIn(dir, ['score.yaml', '--provisioners', 'p.provisioners.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'args.json'), 'utf8'))).toEqual(['provision', '{{ .Uid }}']);
    const request = mapping(JSON.parse(readFileSync(path.join(dir, 'request.json'), 'utf8')));
    expect(Object.keys(request)).toEqual([
      'resource_guid',
      'resource_uid',
      'resource_type',
      'resource_class',
      'resource_id',
      'resource_params',
      'resource_metadata',
      'source_workload',
      'workload_services',
      'namespace',
      'resource_state',
      'shared_state',
    ]);
    expect({ ...request, resource_guid: 'GUID' }).toEqual({
      resource_guid: 'GUID',
      resource_uid: 'queue.default#app.queue',
      resource_type: 'queue',
      resource_class: 'default',
      resource_id: 'app.queue',
      resource_params: { vhost: '🔐\u2060💬other_password💬🔐' },
      resource_metadata: { annotations: { owner: 'ops' } },
      source_workload: 'app',
      workload_services: {
        app: {
          ServiceName: 'app',
          ports: {
            80: { name: 'web', port: 80, target_port: 8080, protocol: 'TCP' },
            9090: { name: 'metrics', port: 9090, target_port: 9090, protocol: 'TCP' },
            metrics: { name: 'metrics', port: 9090, target_port: 9090, protocol: 'TCP' },
            web: { name: 'web', port: 80, target_port: 8080, protocol: 'TCP' },
          },
        },
      },
      namespace: '',
      resource_state: {},
      shared_state: {},
    });
  });

  it('answer 🔐💬NAME_KEY💬🔐 for a secret output, which a variable reads through a secretKeyRef', async () => {
    const dir = project({
      resource_outputs: { url: 'amqp://queue', key: '🔐💬queue-keys_api_key💬🔐' },
      resource_state: { n: 1 },
      manifests: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'queue-keys' }, stringData: { api_key: 'k' } }],
    });
    const run = await generateIn(dir, ['score.yaml', '--provisioners', 'p.provisioners.yaml']);
    expect(run.code, run.stderr).toBe(0);
    const env = at(objectOf(run.docs, 'Deployment'), 'spec', 'template', 'spec', 'containers', 0, 'env');
    expect(env).toEqual([
      { name: 'KEY', valueFrom: { secretKeyRef: { name: 'queue-keys', key: 'api_key' } } },
      { name: 'URL', value: 'amqp://queue' },
    ]);
    expect(await outputsOf(dir, 'queue.default#app.queue')).toEqual({ url: 'amqp://queue', key: '<secret queue-keys/api_key>' });
  });

  it.each([
    {
      name: 'a field score-k8s does not know',
      answer: { resource_outputs: { url: 'x', key: 'y' }, wait_for: {} },
      error:
        "cmd://node#queue: 'node' answered unknown fields (wait_for): score-k8s's answer has resource_outputs, resource_state, shared_state and manifests",
    },
    {
      name: 'an output it promised and did not give',
      answer: { resource_outputs: { key: 'x' } },
      error: 'cmd://node#queue did not give the outputs it promises: url',
    },
    {
      name: 'manifests that are not objects',
      answer: { resource_outputs: { url: 'x', key: 'y' }, manifests: ['x'] },
      error: "cmd://node#queue: 'node' answered manifests that are not a list of objects",
    },
  ])('refuse an answer with $name', async ({ answer, error }) => {
    const run = await generateIn(project(answer), ['score.yaml', '--provisioners', 'p.provisioners.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[1]).toBe(`  score.yaml:17:3: resources.queue: ${error}`);
  });

  it("score-ts's own cmd:// format says when a program answers score-k8s's secret reference", async () => {
    const dir = projectWith({
      'score.yaml': scoreFile('app', '  queue: {type: queue}\n'),
      'p.provisioners.yaml': '- uri: cmd://node\n  type: queue\n  args: [./program.mjs]\n',
      'program.mjs': PROGRAM,
      'answer.json': JSON.stringify({ resource_outputs: { key: '🔐💬queue-keys_api_key💬🔐' } }),
    });
    const run = await generateIn(dir, ['score.yaml', '--provisioners', 'p.provisioners.yaml']);
    expect(run.stderr.split('\n')[1]).toBe(
      '  score.yaml:14:3: resources.queue: cmd://node: \'node\' answered an output with 🔐💬NAME_KEY💬🔐, a score-k8s secret reference, which this file\'s format (score-ts\'s) reads as text: make `# score-ts: go-template` the file\'s first line to read it in score-k8s\'s format, or answer {"secretRef": {"name": NAME, "key": KEY}}',
    );
  });
});

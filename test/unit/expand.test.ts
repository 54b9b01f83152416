import { describe, expect, it } from 'vitest';
import { expandText, PlaceholderError, resolveReference, type ExpandContext } from '../../src/convert/expand.js';

const ctx: ExpandContext = {
  metadata: {
    name: 'web',
    annotations: { 'example.com/owner': 'team-a', 'k8s.score.dev/kind': 'Deployment' },
    replicas: 3,
    debug: true,
    nothing: null,
    tags: ['a', 'b'],
    nested: { list: [1, 'x'], deep: { v: 'deep' } },
    'dotted.key': 'top',
  },
  resourceOutputs: (name) =>
    name === 'db' ? { host: 'db.local', port: 5432, empty: '', conn: { user: 'u', tls: false } } : name === 'bare' ? {} : undefined,
};

describe('expandText', () => {
  it.each<{ name: string; input: string; expected: string }>([
    { name: 'plain text', input: 'no placeholders', expected: 'no placeholders' },
    { name: 'metadata name', input: '${metadata.name}', expected: 'web' },
    { name: 'text around placeholders', input: 'svc-${metadata.name}-${metadata.replicas}', expected: 'svc-web-3' },
    { name: 'annotation with escaped dots', input: '${metadata.annotations.example\\.com/owner}', expected: 'team-a' },
    { name: 'annotation with several escaped dots', input: '${metadata.annotations.k8s\\.score\\.dev/kind}', expected: 'Deployment' },
    { name: 'top-level metadata key with a dot', input: '${metadata.dotted\\.key}', expected: 'top' },
    { name: 'nested metadata', input: '${metadata.nested.deep.v}', expected: 'deep' },
    { name: 'number as JSON', input: '${metadata.replicas}', expected: '3' },
    { name: 'boolean as JSON', input: '${metadata.debug}', expected: 'true' },
    { name: 'null as empty text', input: '[${metadata.nothing}]', expected: '[]' },
    { name: 'list as JSON', input: '${metadata.tags}', expected: '["a","b"]' },
    { name: 'map as JSON', input: '${metadata.nested}', expected: '{"list":[1,"x"],"deep":{"v":"deep"}}' },
    {
      name: 'annotations map as JSON',
      input: '${metadata.annotations}',
      expected: '{"example.com/owner":"team-a","k8s.score.dev/kind":"Deployment"}',
    },
    { name: 'resource outputs', input: 'postgres://${resources.db.host}:${resources.db.port}', expected: 'postgres://db.local:5432' },
    { name: 'empty resource output', input: '<${resources.db.empty}>', expected: '<>' },
    { name: 'nested resource output as JSON', input: '${resources.db.conn}', expected: '{"user":"u","tls":false}' },
    { name: 'nested resource output', input: '${resources.db.conn.tls}', expected: 'false' },
    { name: '$$ escapes', input: 'keep $${metadata.name} and $$HOME', expected: 'keep ${metadata.name} and $HOME' },
    { name: 'unterminated ${ stays', input: 'x ${metadata.name', expected: 'x ${metadata.name' },
  ])('$name', ({ input, expected }) => {
    expect(expandText(input, ctx)).toBe(expected);
  });

  it.each<{ name: string; input: string; message: string }>([
    {
      name: 'unknown root',
      input: '${foo.bar}',
      message:
        "${foo.bar} is not a known placeholder: use ${metadata.KEY} or ${resources.NAME.OUTPUT}, or write $${...} for a literal '${'",
    },
    {
      name: 'root alone',
      input: 'x ${env}',
      message: "${env} is not a known placeholder: use ${metadata.KEY} or ${resources.NAME.OUTPUT}, or write $${...} for a literal '${'",
    },
    { name: 'metadata alone', input: '${metadata}', message: '${metadata} needs a metadata key, like ${metadata.name}' },
    {
      name: 'missing metadata key lists the known keys',
      input: '${metadata.nope}',
      message:
        "${metadata.nope}: metadata has no key 'nope' (known: annotations, debug, dotted.key, name, nested, nothing, replicas, tags)",
    },
    {
      name: 'missing annotation',
      input: '${metadata.annotations.zz}',
      message: "${metadata.annotations.zz}: metadata has no key 'annotations.zz' (known: example.com/owner, k8s.score.dev/kind)",
    },
    {
      name: 'annotation with an unescaped dot',
      input: '${metadata.annotations.example.com/owner}',
      message:
        "${metadata.annotations.example.com/owner}: metadata has no key 'annotations.example' (known: example.com/owner, k8s.score.dev/kind)",
    },
    {
      name: 'inherited object members are not keys',
      input: '${metadata.toString}',
      message:
        "${metadata.toString}: metadata has no key 'toString' (known: annotations, debug, dotted.key, name, nested, nothing, replicas, tags)",
    },
    {
      name: 'looking inside a string',
      input: '${metadata.name.first}',
      message: "${metadata.name.first}: cannot look up 'first' in metadata: 'name' is not a map",
    },
    {
      name: 'looking inside a list',
      input: '${metadata.tags.0}',
      message: "${metadata.tags.0}: cannot look up '0' in metadata: 'tags' is not a map",
    },
    {
      name: 'missing resource',
      input: '${resources.cache.host}',
      message: "${resources.cache.host} refers to resource 'cache', which this workload does not declare under 'resources'",
    },
    {
      name: 'resources alone',
      input: '${resources}',
      message: "${resources} refers to resource '', which this workload does not declare under 'resources'",
    },
    {
      name: 'resource without an output',
      input: '${resources.db}',
      message: '${resources.db} needs an output name, like ${resources.db.host}',
    },
    {
      name: 'missing output lists the known outputs',
      input: '${resources.db.password}',
      message: "${resources.db.password}: resource 'db' has no key 'password' (known: conn, empty, host, port)",
    },
    {
      name: 'resource with no outputs at all',
      input: '${resources.bare.host}',
      message: "${resources.bare.host}: resource 'bare' has no key 'host' (known: none)",
    },
    {
      name: 'looking inside a scalar output',
      input: '${resources.db.host.name}',
      message: "${resources.db.host.name}: cannot look up 'name' in resource 'db': 'host' is not a map",
    },
    {
      name: 'syntax error becomes a PlaceholderError',
      input: 'a ${metadata..name}',
      message: 'placeholder ${metadata..name} has an empty part',
    },
  ])('rejects $name', ({ input, message }) => {
    expect(() => expandText(input, ctx)).toThrow(PlaceholderError);
    expect(() => expandText(input, ctx)).toThrow(new PlaceholderError(message));
  });
});

describe('resolveReference', () => {
  it.each<{ name: string; ref: string[]; expected: string }>([
    { name: 'metadata key', ref: ['metadata', 'name'], expected: 'web' },
    { name: 'annotation key with dots', ref: ['metadata', 'annotations', 'k8s.score.dev/kind'], expected: 'Deployment' },
    { name: 'resource output number', ref: ['resources', 'db', 'port'], expected: '5432' },
  ])('$name', ({ ref, expected }) => {
    expect(resolveReference(ref, '${...}', ctx)).toBe(expected);
  });

  it('uses the given source text in its messages', () => {
    expect(() => resolveReference(['metadata', 'x'], '${metadata.x}', ctx)).toThrow(
      new PlaceholderError(
        "${metadata.x}: metadata has no key 'x' (known: annotations, debug, dotted.key, name, nested, nothing, replicas, tags)",
      ),
    );
  });

  it('rejects an empty reference as an unknown placeholder', () => {
    expect(() => resolveReference([], '${}', ctx)).toThrow(
      new PlaceholderError(
        "${} is not a known placeholder: use ${metadata.KEY} or ${resources.NAME.OUTPUT}, or write $${...} for a literal '${'",
      ),
    );
  });
});

/**
 * Conformance of our own Score schema (schemas/score-v1b1.json) with the official
 * score.dev v1b1 schema: for every sample file and for a table of hand-made variants,
 * both schemas must give the same verdict, and for the table that verdict must be the
 * one written in the row.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access -- the rows edit the parsed YAML (Doc, below) at arbitrary paths; typed accessors would hide the one-line mutations */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { sharedData } from '../support/shared-data.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const specDir = sharedData('the schema conformance tests', 'score-spec');
const corpusDir = specDir === undefined ? undefined : sharedData('the schema conformance tests', 'corpus');
const available = specDir !== undefined && corpusDir !== undefined;

/** Parsed YAML; mutations poke at arbitrary paths, so the shape is deliberately loose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately untyped: see the comment above
type Doc = any;

function readJson(file: string): object {
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

// Ours must compile in full strict mode. The official schema uses bare `required`
// inside oneOf/anyOf/not, which only ajv's strictRequired check objects to.
const validateOurs = new Ajv2020({ allErrors: true, strict: true }).compile(readJson(path.join(repoRoot, 'schemas', 'score-v1b1.json')));
const validateOfficial = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(
  available ? readJson(path.join(specDir, 'score-v1b1.json')) : {},
);

interface Verdicts {
  ours: boolean;
  official: boolean;
  details: string;
}

function judge(doc: unknown): Verdicts {
  const ours = validateOurs(doc);
  const oursErrors = JSON.stringify(validateOurs.errors ?? []);
  const official = validateOfficial(doc);
  const officialErrors = JSON.stringify(validateOfficial.errors ?? []);
  return { ours, official, details: `ours errors: ${oursErrors}\nofficial errors: ${officialErrors}` };
}

function findYamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return findYamlFiles(full);
      return entry.endsWith('.yaml') ? [full] : [];
    });
}

const sampleFiles = !available
  ? []
  : [...findYamlFiles(specDir), ...findYamlFiles(corpusDir)].map((file) => ({ name: path.relative(path.dirname(specDir), file), file }));

const fullYaml = available ? readFileSync(path.join(specDir, 'score-full.yaml'), 'utf8') : '';
const c1 = (d: Doc): Doc => d.containers['container-one1'];
const label = (n: number): string => 'a'.repeat(n);

interface Row {
  name: string;
  /** Edits the copy of score-full.yaml in place (returning undefined), or returns a whole replacement document. */
  mutate: (doc: Doc) => unknown;
  expected: boolean;
}

function buildVariant(mutate: Row['mutate']): unknown {
  const doc: unknown = parse(fullYaml);
  const replaced = mutate(doc);
  return replaced === undefined ? doc : replaced;
}

const minimal = (): unknown => ({
  apiVersion: 'score.dev/v1b1',
  metadata: { name: 'minimal' },
  containers: { main: { image: 'busybox' } },
});

const invalidRows: Row[] = [
  { name: 'missing apiVersion', mutate: (d) => void delete d.apiVersion, expected: false },
  { name: 'apiVersion of another version', mutate: (d) => void (d.apiVersion = 'score.dev/v1b2'), expected: false },
  { name: 'apiVersion with a trailing newline', mutate: (d) => void (d.apiVersion = 'score.dev/v1b1\n'), expected: false },
  { name: 'apiVersion as a number', mutate: (d) => void (d.apiVersion = 1), expected: false },
  { name: 'missing metadata', mutate: (d) => void delete d.metadata, expected: false },
  { name: 'missing metadata.name', mutate: (d) => void delete d.metadata.name, expected: false },
  { name: 'metadata.name with uppercase', mutate: (d) => void (d.metadata.name = 'My-Workload'), expected: false },
  { name: 'metadata.name of 64 characters', mutate: (d) => void (d.metadata.name = label(64)), expected: false },
  { name: 'metadata.name with a leading dash', mutate: (d) => void (d.metadata.name = '-web'), expected: false },
  { name: 'metadata.name with a trailing dash', mutate: (d) => void (d.metadata.name = 'web-'), expected: false },
  { name: 'metadata.name of one character', mutate: (d) => void (d.metadata.name = 'a'), expected: false },
  { name: 'metadata.name with a dot', mutate: (d) => void (d.metadata.name = 'web.app'), expected: false },
  { name: 'annotation key of one character', mutate: (d) => void (d.metadata.annotations.x = 'y'), expected: false },
  { name: 'annotation value as a number', mutate: (d) => void (d.metadata.annotations.count = 3), expected: false },
  { name: 'extra top-level key', mutate: (d) => void (d.extensions = {}), expected: false },
  { name: 'missing containers', mutate: (d) => void delete d.containers, expected: false },
  { name: 'empty containers map', mutate: (d) => void (d.containers = {}), expected: false },
  { name: 'container name with uppercase', mutate: (d) => void (d.containers.Web = { image: 'x' }), expected: false },
  { name: 'container without image', mutate: (d) => void delete c1(d).image, expected: false },
  { name: 'container with an empty image', mutate: (d) => void (c1(d).image = ''), expected: false },
  { name: 'container with an unknown key', mutate: (d) => void (c1(d).ports = [80]), expected: false },
  { name: 'command with a number item', mutate: (d) => void (c1(d).command = ['sleep', 5]), expected: false },
  { name: 'args as a string', mutate: (d) => void (c1(d).args = 'hello'), expected: false },
  { name: 'variable value as a number', mutate: (d) => void (c1(d).variables.PORT = 8080), expected: false },
  { name: 'variable value as a boolean', mutate: (d) => void (c1(d).variables.DEBUG = true), expected: false },
  { name: 'variable value null', mutate: (d) => void (c1(d).variables.EMPTY = null), expected: false },
  { name: 'variable name containing =', mutate: (d) => void (c1(d).variables['A=B'] = 'x'), expected: false },
  { name: 'variable name empty', mutate: (d) => void (c1(d).variables[''] = 'x'), expected: false },
  { name: 'file (map) with both content and source', mutate: (d) => void (c1(d).files['/my/file'].content = 'x'), expected: false },
  {
    name: 'file (map) with content and binaryContent',
    mutate: (d) => void (c1(d).files['/my/other/file'].binaryContent = 'AA=='),
    expected: false,
  },
  { name: 'file (map) with no content at all', mutate: (d) => void (c1(d).files['/x'] = { mode: '0644' }), expected: false },
  { name: 'file (map) that also sets target', mutate: (d) => void (c1(d).files['/my/file'].target = '/my/file'), expected: false },
  { name: 'file (map) with an empty source', mutate: (d) => void (c1(d).files['/my/file'].source = ''), expected: false },
  { name: 'file (list) without any content', mutate: (d) => void (c1(d).files = [{ target: '/a' }]), expected: false },
  { name: 'file (list) with an empty target', mutate: (d) => void (c1(d).files = [{ target: '', content: 'x' }]), expected: false },
  { name: 'file mode with 8 in it', mutate: (d) => void (c1(d).files['/my/file'].mode = '0688'), expected: false },
  { name: 'file mode with five digits', mutate: (d) => void (c1(d).files['/my/file'].mode = '00644'), expected: false },
  { name: 'file mode as a number', mutate: (d) => void (c1(d).files['/my/file'].mode = 644), expected: false },
  { name: 'file mode with 0o prefix', mutate: (d) => void (c1(d).files['/my/file'].mode = '0o644'), expected: false },
  { name: 'file noExpand as a string', mutate: (d) => void (c1(d).files['/my/other/file'].noExpand = 'yes'), expected: false },
  { name: 'file with an unknown key', mutate: (d) => void (c1(d).files['/my/file'].owner = 'root'), expected: false },
  { name: 'files as a string', mutate: (d) => void (c1(d).files = '/my/file'), expected: false },
  { name: 'volume (list) without source', mutate: (d) => void (c1(d).volumes = [{ target: '/mnt/a' }]), expected: false },
  { name: 'volume (map) without source', mutate: (d) => void delete c1(d).volumes['/mnt/something'].source, expected: false },
  { name: 'volume (map) that also sets target', mutate: (d) => void (c1(d).volumes['/mnt/something'].target = '/mnt/x'), expected: false },
  { name: 'volume readOnly as a string', mutate: (d) => void (c1(d).volumes['/mnt/something'].readOnly = 'true'), expected: false },
  {
    name: 'before with an unknown ready value',
    mutate: (d) => void (c1(d).before = { 'container-two2': { ready: 'ready' } }),
    expected: false,
  },
  { name: 'before without ready', mutate: (d) => void (c1(d).before = { 'container-two2': {} }), expected: false },
  {
    name: 'before with an extra key',
    mutate: (d) => void (c1(d).before = { 'container-two2': { ready: 'started', timeout: 5 } }),
    expected: false,
  },
  { name: 'before keyed by a bad container name', mutate: (d) => void (c1(d).before = { Two: { ready: 'started' } }), expected: false },
  { name: 'probe with neither httpGet nor exec', mutate: (d) => void (c1(d).livenessProbe = {}), expected: false },
  { name: 'httpGet probe without port', mutate: (d) => void delete c1(d).livenessProbe.httpGet.port, expected: false },
  { name: 'httpGet probe without path', mutate: (d) => void delete c1(d).livenessProbe.httpGet.path, expected: false },
  { name: 'httpGet probe with port 0', mutate: (d) => void (c1(d).livenessProbe.httpGet.port = 0), expected: false },
  { name: 'httpGet probe with a negative port', mutate: (d) => void (c1(d).livenessProbe.httpGet.port = -80), expected: false },
  { name: 'httpGet probe with a lowercase scheme', mutate: (d) => void (c1(d).readinessProbe.httpGet.scheme = 'https'), expected: false },
  { name: 'httpGet probe with an empty host', mutate: (d) => void (c1(d).readinessProbe.httpGet.host = ''), expected: false },
  {
    name: 'http header name with a space',
    mutate: (d) => void (c1(d).readinessProbe.httpGet.httpHeaders[0].name = 'X Y'),
    expected: false,
  },
  {
    name: 'http header with an empty value',
    mutate: (d) => void (c1(d).readinessProbe.httpGet.httpHeaders[0].value = ''),
    expected: false,
  },
  { name: 'exec probe without command', mutate: (d) => void (c1(d).livenessProbe.exec = {}), expected: false },
  { name: 'probe with an unknown key', mutate: (d) => void (c1(d).livenessProbe.tcpSocket = { port: 80 }), expected: false },
  { name: 'cpu limit as a number', mutate: (d) => void (c1(d).resources.limits.cpu = 1), expected: false },
  { name: 'cpu limit with a fractional milli value', mutate: (d) => void (c1(d).resources.limits.cpu = '1.5m'), expected: false },
  { name: 'cpu limit negative', mutate: (d) => void (c1(d).resources.limits.cpu = '-1'), expected: false },
  { name: 'memory limit with a lowercase unit', mutate: (d) => void (c1(d).resources.limits.memory = '128mi'), expected: false },
  { name: 'memory limit with a leading zero', mutate: (d) => void (c1(d).resources.limits.memory = '0128M'), expected: false },
  { name: 'memory limit as a number', mutate: (d) => void (c1(d).resources.limits.memory = 1024), expected: false },
  { name: 'unknown container resources key', mutate: (d) => void (c1(d).resources.gpu = '1'), expected: false },
  { name: 'unknown limits key', mutate: (d) => void (c1(d).resources.limits.storage = '1Gi'), expected: false },
  { name: 'service port 0', mutate: (d) => void (d.service.ports['port-one'].port = 0), expected: false },
  { name: 'service port above 65535', mutate: (d) => void (d.service.ports['port-one'].port = 65536), expected: false },
  { name: 'service port as a string', mutate: (d) => void (d.service.ports['port-one'].port = '80'), expected: false },
  { name: 'service port fractional', mutate: (d) => void (d.service.ports['port-one'].port = 80.5), expected: false },
  { name: 'service port missing', mutate: (d) => void delete d.service.ports['port-one'].port, expected: false },
  { name: 'service targetPort negative', mutate: (d) => void (d.service.ports['port-one'].targetPort = -1), expected: false },
  { name: 'service protocol lowercase', mutate: (d) => void (d.service.ports['port-one'].protocol = 'tcp'), expected: false },
  { name: 'service protocol SCTP', mutate: (d) => void (d.service.ports['port-one'].protocol = 'SCTP'), expected: false },
  { name: 'service port name with an underscore', mutate: (d) => void (d.service.ports.my_port = { port: 80 }), expected: false },
  { name: 'service with an unknown key', mutate: (d) => void (d.service.type = 'LoadBalancer'), expected: false },
  { name: 'resource without type', mutate: (d) => void delete d.resources['resource-two2'].type, expected: false },
  { name: 'resource type of one character', mutate: (d) => void (d.resources['resource-two2'].type = 'x'), expected: false },
  { name: 'resource type with an underscore', mutate: (d) => void (d.resources['resource-two2'].type = 'my_db'), expected: false },
  { name: 'resource class with a dot', mutate: (d) => void (d.resources['resource-one1'].class = 'big.one'), expected: false },
  { name: 'resource id with uppercase', mutate: (d) => void (d.resources['resource-three'].id = 'Shared'), expected: false },
  { name: 'resource id with an empty label', mutate: (d) => void (d.resources['resource-three'].id = 'a..b'), expected: false },
  { name: 'resource id ending in a dash', mutate: (d) => void (d.resources['resource-three'].id = 'shared-'), expected: false },
  { name: 'resource id of 64 characters', mutate: (d) => void (d.resources['resource-three'].id = label(64)), expected: false },
  { name: 'resource name with uppercase', mutate: (d) => void (d.resources.Db = { type: 'postgres' }), expected: false },
  { name: 'resource with an unknown key', mutate: (d) => void (d.resources['resource-two2'].outputs = {}), expected: false },
  { name: 'resource params as a list', mutate: (d) => void (d.resources['resource-one1'].params = ['a']), expected: false },
  {
    name: 'resource annotation key with a bad prefix',
    mutate: (d) => void (d.resources['resource-one1'].metadata.annotations['Bad.com/key'] = 'v'),
    expected: false,
  },
];

const validRows: Row[] = [
  { name: 'score-full.yaml unchanged', mutate: () => undefined, expected: true },
  { name: 'minimal workload', mutate: () => minimal(), expected: true },
  { name: 'metadata.name of 63 characters', mutate: (d) => void (d.metadata.name = label(63)), expected: true },
  { name: 'metadata.name of two characters', mutate: (d) => void (d.metadata.name = 'ab'), expected: true },
  { name: 'metadata with extra nested keys', mutate: (d) => void (d.metadata.team = { owner: 'x' }), expected: true },
  {
    name: 'files in the deprecated list form',
    mutate: (d) => void (c1(d).files = [{ target: '/a', content: 'x', mode: '644' }]),
    expected: true,
  },
  { name: 'file in list form without target', mutate: (d) => void (c1(d).files = [{ source: 'a.txt' }]), expected: true },
  {
    name: 'volumes in the deprecated list form',
    mutate: (d) => void (c1(d).volumes = [{ target: '/mnt', source: 'v', readOnly: true }]),
    expected: true,
  },
  { name: 'volume in list form without target', mutate: (d) => void (c1(d).volumes = [{ source: 'v' }]), expected: true },
  { name: 'volume with an empty source', mutate: (d) => void (c1(d).volumes['/mnt/x'] = { source: '' }), expected: true },
  { name: 'file with noExpand', mutate: (d) => void (c1(d).files['/my/other/file'].noExpand = true), expected: true },
  { name: 'file with empty inline content', mutate: (d) => void (c1(d).files['/empty'] = { content: '' }), expected: true },
  { name: 'binaryContent that is not base64', mutate: (d) => void (c1(d).files['/b'] = { binaryContent: 'not base64!' }), expected: true },
  { name: 'exec-only probe', mutate: (d) => void (c1(d).livenessProbe = { exec: { command: ['true'] } }), expected: true },
  { name: 'exec probe with an empty command', mutate: (d) => void (c1(d).livenessProbe = { exec: { command: [] } }), expected: true },
  {
    name: 'httpGet-only probe with HTTPS',
    mutate: (d) => void (c1(d).livenessProbe = { httpGet: { port: 443, path: '', scheme: 'HTTPS' } }),
    expected: true,
  },
  { name: 'before with ready: started', mutate: (d) => void (c1(d).before = { 'container-two2': { ready: 'started' } }), expected: true },
  { name: 'before with ready: healthy', mutate: (d) => void (c1(d).before = { 'container-two2': { ready: 'healthy' } }), expected: true },
  { name: 'before with ready: complete', mutate: (d) => void (c1(d).before = { 'container-two2': { ready: 'complete' } }), expected: true },
  { name: 'variable name with spaces and lowercase', mutate: (d) => void (c1(d).variables['my var'] = '1'), expected: true },
  {
    name: 'cpu and memory in other accepted forms',
    mutate: (d) => void (c1(d).resources.limits = { cpu: '250m', memory: '0.5Gi' }),
    expected: true,
  },
  { name: 'empty resources limits', mutate: (d) => void (c1(d).resources = { limits: {} }), expected: true },
  {
    name: 'resource with id, class, params and metadata',
    mutate: (d) =>
      void (d.resources.db = { type: 'postgres', class: 'Large-1', id: 'a--b.c-d', params: { x: [1] }, metadata: { note: 1 } }),
    expected: true,
  },
  { name: 'resource type with uppercase letters', mutate: (d) => void (d.resources.dns = { type: 'DNS' }), expected: true },
  {
    name: 'service port with UDP and edge values',
    mutate: (d) => void (d.service.ports.udp = { port: 65535, targetPort: 1, protocol: 'UDP' }),
    expected: true,
  },
  { name: 'service without ports', mutate: (d) => void (d.service = {}), expected: true },
  { name: 'empty resources map', mutate: (d) => void (d.resources = {}), expected: true },
];

describe.skipIf(!available)('schemas/score-v1b1.json against the official score.dev schema', () => {
  it('finds the shared sample files', () => {
    expect(sampleFiles.map((s) => s.name)).toContain(path.join('score-spec', 'score-full.yaml'));
    expect(sampleFiles.filter((s) => s.name.startsWith('corpus')).length).toBeGreaterThan(0);
  });

  it.each(sampleFiles)('gives the official verdict for $name', ({ file }) => {
    const verdicts = judge(parse(readFileSync(file, 'utf8')));
    expect(verdicts.ours, verdicts.details).toBe(verdicts.official);
  });

  it.each([...invalidRows, ...validRows])('$name -> valid: $expected', ({ mutate, expected }) => {
    const verdicts = judge(buildVariant(mutate));
    expect(verdicts.ours, `our schema\n${verdicts.details}`).toBe(expected);
    expect(verdicts.official, `official schema\n${verdicts.details}`).toBe(expected);
  });
});

/**
 * Builders for the provisioner tables: provisioner files and workloads are written as YAML text and parsed
 * with the real loaders, so every line number in a diagnostic is the one a user would see.
 */
import { ScoreTsError, formatDiagnostic } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import type { ProvisionRequest } from '../../src/provision/provision-request.js';
import { loadProvisioners, type Provisioner, type TemplateProvisioner } from '../../src/provision/provisioner-file.js';
import type { RandomSource } from '../../src/base/random.js';
import type { TemplateData } from '../../src/templates/template-engine.js';
import { SecretRefCodec } from '../../src/base/secret-ref.js';
import { dedent } from '../convert/fixtures.js';

export { dedent, workloadFromYaml, SCORE_FILE } from '../convert/fixtures.js';

/** The file name every provisioner case is "read" from. */
export const PROVISIONER_FILE = 'test.provisioners.yaml';

/** Provisioners parsed from YAML text (dedented: its first line is line 1 of the file). */
export function provisionersFromYaml(text: string): Provisioner[] {
  return loadProvisioners(parseYamlSource(PROVISIONER_FILE, dedent(text)), 'run');
}

/** The only provisioner of a file, a template:// one. */
export function provisionerFromYaml(text: string): TemplateProvisioner {
  const list = provisionersFromYaml(text);
  if (list.length !== 1 || list[0]!.kind !== 'template')
    throw new Error(`expected one template provisioner, got ${list.map((p) => p.kind).join(', ') || 'none'}`);
  return list[0]!;
}

/** A request with plain values; tests override what they look at. */
export function request(overrides: Partial<ProvisionRequest> = {}): ProvisionRequest {
  return {
    uid: 'postgres.default#web.db',
    guid: '00000000-0000-4000-8000-000000000000',
    type: 'postgres',
    class: 'default',
    id: 'web.db',
    params: {},
    metadata: {},
    state: {},
    shared: {},
    sourceWorkload: 'web',
    workloadServices: {},
    namespace: '',
    references: [],
    ...overrides,
  };
}

/** The token of the secret references in the tables (a run makes a random one). */
export const TEST_TOKEN = '0123456789abcdef0123456789abcdef';
/** The secret references of the tables, with TEST_TOKEN. */
export const TEST_SECRET_REFS = new SecretRefCodec(TEST_TOKEN);

/** A secret reference as TEST_SECRET_REFS writes it. */
export function testMarker(name: string, key: string): string {
  return `\u27e6secret:${TEST_TOKEN}:${name}:${key}\u27e7`;
}

/** What helpers read while a template renders: a random source (counting by default), an environment and more. */
export function templateData(
  random: RandomSource = countingRandom(),
  env: Record<string, string | undefined> = {},
  more: Partial<TemplateData> = {},
): TemplateData {
  return { random, env, secretRefs: TEST_SECRET_REFS, ...more };
}

/** A random source that gives the bytes 0, 1, 2, ... (wrapping at 256), so helpers give exact values. */
export function countingRandom(start = 0): RandomSource {
  let next = start;
  return {
    bytes(count) {
      const out = Buffer.alloc(count);
      for (let i = 0; i < count; i++) out[i] = next++ % 256;
      return out;
    },
  };
}

/** A random source that gives the listed bytes, then zeros. */
export function fixedRandom(bytes: readonly number[]): RandomSource {
  let at = 0;
  return {
    bytes(count) {
      const out = Buffer.alloc(count);
      for (let i = 0; i < count; i++) out[i] = bytes[at++] ?? 0;
      return out;
    },
  };
}

/** What a ScoreTsError shows: its message and each diagnostic as the CLI prints it. */
export interface Shown {
  readonly message: string;
  readonly diagnostics: string[];
}

/** Runs `fn`, which must throw a ScoreTsError of `type`, and returns what it shows. */
export function shownError(fn: () => unknown, type: new (...args: never[]) => ScoreTsError = ScoreTsError): Shown {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof type)) throw e;
    return { message: e.message, diagnostics: e.diagnostics.map(formatDiagnostic) };
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** The error `fn` throws (fails the test when it throws nothing). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

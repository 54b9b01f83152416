/**
 * cmd:// provisioners: the program gets the request as JSON on stdin and answers JSON on stdout:
 * {"resource_outputs": {...}, "resource_state": {...}, "shared_state": {...}, "manifests": [...]}.
 * An output {"secretRef": {"name": N, "key": K}} marks a secret, like the secretRef template helper.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Manifest } from '../types.js';
import type { Provisioner } from './provisioner-file.js';
import type { ProvisionRequest, ProvisionResult, WaitFor } from './provision-request.js';
import { checkWaitFor } from './run-template-provisioner.js';
import { encodeSecretRef } from './secret-ref.js';
import { isPlainMap as isMap } from '../plain-data.js';

const TIMEOUT_MS = 60_000;

export class CommandError extends Error {}

export function runCmdProvisioner(provisioner: Provisioner, request: ProvisionRequest, projectDir: string): ProvisionResult {
  const { program, args } = provisioner.command!;
  // A path with a slash is relative to the project folder; a bare name is looked up on PATH.
  const executable = program.includes('/') ? path.resolve(projectDir, program) : program;
  const result = spawnSync(executable, [...args], {
    cwd: projectDir,
    input: JSON.stringify(toWire(request)),
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new CommandError(code === 'ENOENT' ? `cannot run '${program}': no such program` : code === 'ETIMEDOUT' ? `'${program}' did not finish within ${TIMEOUT_MS / 1000}s` : `cannot run '${program}': ${result.error.message}`);
  }
  if (result.status !== 0) {
    const stderr = result.stderr.trim();
    throw new CommandError(`'${program}' exited with ${result.status ?? result.signal}${stderr ? `:\n${indent(stderr)}` : ' and wrote nothing on stderr'}`);
  }
  return fromWire(result.stdout, program);
}

function toWire(r: ProvisionRequest): Record<string, unknown> {
  return {
    resource_uid: r.uid,
    resource_guid: r.guid,
    resource_type: r.type,
    resource_class: r.class,
    resource_id: r.id,
    resource_params: r.params,
    resource_metadata: r.metadata,
    resource_state: r.state,
    shared_state: r.shared,
    source_workload: r.sourceWorkload,
    workload_services: r.workloadServices,
    namespace: r.namespace,
    references: r.references,
  };
}

function fromWire(stdout: string, program: string): ProvisionResult {
  let answer: unknown;
  try {
    answer = JSON.parse(stdout);
  } catch {
    throw new CommandError(`'${program}' did not answer JSON on stdout`);
  }
  if (!isMap(answer)) throw new CommandError(`'${program}' must answer a JSON object`);
  const field = <T>(name: string, check: (v: unknown) => boolean, fallback: T): T => {
    const value = answer[name];
    if (value === undefined || value === null) return fallback;
    if (!check(value)) throw new CommandError(`'${program}' answered a ${name} that is not ${fallback instanceof Array ? 'a list' : 'an object'}`);
    return value as T;
  };
  const manifests = field<Manifest[]>('manifests', (v) => Array.isArray(v) && v.every(isMap), []);
  return {
    outputs: decodeSecretRefs(field<Record<string, unknown>>('resource_outputs', isMap, {})) as Record<string, unknown>,
    state: field<Record<string, unknown>>('resource_state', isMap, {}),
    shared: field<Record<string, unknown>>('shared_state', isMap, {}),
    manifests,
    ...waitForField(field<Record<string, unknown>>('wait_for', isMap, {}), program),
  };
}

function waitForField(value: Record<string, unknown>, program: string): { waitFor?: WaitFor } {
  try {
    const waitFor = checkWaitFor(value);
    return waitFor ? { waitFor } : {};
  } catch {
    throw new CommandError(`'${program}' answered a wait_for without a host and a port (1-65535)`);
  }
}

function decodeSecretRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeSecretRefs);
  if (!isMap(value)) return value;
  const ref = value.secretRef;
  if (Object.keys(value).length === 1 && isMap(ref) && typeof ref.name === 'string' && typeof ref.key === 'string') return encodeSecretRef(ref.name, ref.key);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeSecretRefs(v)]));
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

/**
 * cmd:// provisioners: the program gets the request as JSON on stdin and answers JSON on stdout:
 * {"resource_outputs": {...}, "resource_state": {...}, "shared_state": {...}, "manifests": [...]}.
 * An output {"secretRef": {"name": N, "key": K}} marks a secret, like the secretRef template helper.
 */
import path from 'node:path';
import type { Manifest } from '../base/types.js';
import type { CmdProvisioner } from './provisioner-file.js';
import type { ProvisionRequest, ProvisionResult } from './provision-request.js';
import { runProgram, type ProgramOutcome } from './program-relay.js';
import { checkWaitFor } from './run-template-provisioner.js';
import type { SecretRefCodec } from '../base/secret-ref.js';
import { isPlainMap as isMap } from '../base/plain-data.js';
import { type WaitFor } from '../convert/wait-for.js';

/** The limits of one program run: its time, its answer (outputs, state and manifests as JSON) and the stderr shown. */
export interface CmdLimits {
  readonly timeoutMs: number;
  readonly maxStdout: number;
  readonly maxStderr: number;
}

export const CMD_LIMITS: CmdLimits = { timeoutMs: 60_000, maxStdout: 16 * 1024 * 1024, maxStderr: 8 * 1024 };

export class CommandError extends Error {}

export function runCmdProvisioner(
  provisioner: CmdProvisioner,
  request: ProvisionRequest,
  projectDir: string,
  secretRefs: SecretRefCodec,
  limits: CmdLimits = CMD_LIMITS,
): ProvisionResult {
  const { program, args } = provisioner;
  // A path with a slash is relative to the project folder; a bare name is looked up on PATH.
  const executable = program.includes('/') ? path.resolve(projectDir, program) : program;
  const outcome = runProgram({
    executable,
    args,
    cwd: projectDir,
    env: { ...process.env },
    input: JSON.stringify(toWire(request)),
    ...limits,
  });
  checkOutcome(outcome, program, limits);
  return fromWire(outcome.stdout, program, secretRefs);
}

/** Throws the CommandError that says why the program gave no answer; the program's stderr is shown, cut to a limit. */
export function checkOutcome(outcome: ProgramOutcome, program: string, limits: CmdLimits): void {
  if (outcome.startError) throw new CommandError(`cannot run '${program}': ${START_ERRORS[outcome.startError] ?? outcome.startError}`);
  if (outcome.stopped === 'timeout')
    throw new CommandError(`'${program}' did not finish within ${limits.timeoutMs / 1000}s (it was stopped)`);
  if (outcome.stopped === 'stdout-too-large') {
    throw new CommandError(
      `'${program}' wrote more than ${sizeInWords(limits.maxStdout)} on stdout (it was stopped): an answer is at most ${sizeInWords(limits.maxStdout)} of JSON`,
    );
  }
  if (outcome.status === 0) return;
  const stderr = outcome.stderr.trim();
  const cut = outcome.stderrCut ? `\n    ... (stderr cut at ${sizeInWords(limits.maxStderr)})` : '';
  throw new CommandError(
    `'${program}' exited with ${outcome.status ?? outcome.signal}${stderr ? `:\n${indent(stderr)}${cut}` : ' and wrote nothing on stderr'}`,
  );
}

const START_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such program',
  EACCES: 'permission denied (is it executable?)',
  ENOTDIR: 'no such program',
};

function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
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

/** A program's answer: one JSON object on stdout. */
export function parseAnswerObject(stdout: string, program: string): Record<string, unknown> {
  let answer: unknown;
  try {
    answer = JSON.parse(stdout);
  } catch {
    throw new CommandError(`'${program}' did not answer JSON on stdout`);
  }
  if (!isMap(answer)) throw new CommandError(`'${program}' must answer a JSON object`);
  return answer;
}

function fromWire(stdout: string, program: string, secretRefs: SecretRefCodec): ProvisionResult {
  const answer = parseAnswerObject(stdout, program);
  const field = <T>(name: string, check: (v: unknown) => boolean, fallback: T): T => {
    const value = answer[name];
    if (value === undefined || value === null) return fallback;
    if (!check(value))
      throw new CommandError(`'${program}' answered a ${name} that is not ${fallback instanceof Array ? 'a list' : 'an object'}`);
    return value as T;
  };
  const manifests = field<Manifest[]>('manifests', (v) => Array.isArray(v) && v.every(isMap), []);
  if (SCORE_K8S_REF.test(JSON.stringify(answer.resource_outputs ?? null))) {
    throw new CommandError(
      `'${program}' answered an output with 🔐💬NAME_KEY💬🔐, a score-k8s secret reference, which this file's format (score-ts's) reads as text: make \`# score-ts: go-template\` the file's first line to read it in score-k8s's format, or answer {"secretRef": {"name": NAME, "key": KEY}}`,
    );
  }
  return {
    outputs: decodeSecretRefs(field<Record<string, unknown>>('resource_outputs', isMap, {}), secretRefs) as Record<string, unknown>,
    state: field<Record<string, unknown>>('resource_state', isMap, {}),
    shared: field<Record<string, unknown>>('shared_state', isMap, {}),
    manifests,
    ...waitForField(field<Record<string, unknown>>('wait_for', isMap, {}), program),
  };
}

/** score-k8s's secret reference, 🔐💬NAME_KEY💬🔐 (see score-k8s/secret-refs.ts). */
const SCORE_K8S_REF = /\u{1F510}\u{1F4AC}[^\u{1F4AC}]*_[^\u{1F4AC}]*\u{1F4AC}\u{1F510}/u;

function waitForField(value: Record<string, unknown>, program: string): { waitFor?: WaitFor } {
  try {
    const waitFor = checkWaitFor(value);
    return waitFor ? { waitFor } : {};
  } catch {
    throw new CommandError(`'${program}' answered a wait_for without a host and a port (1-65535)`);
  }
}

function decodeSecretRefs(value: unknown, secretRefs: SecretRefCodec): unknown {
  if (Array.isArray(value)) return value.map((item) => decodeSecretRefs(item, secretRefs));
  if (!isMap(value)) return value;
  const ref = value.secretRef;
  if (Object.keys(value).length === 1 && isMap(ref) && typeof ref.name === 'string' && typeof ref.key === 'string')
    return secretRefs.encode(ref.name, ref.key);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeSecretRefs(v, secretRefs)]));
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

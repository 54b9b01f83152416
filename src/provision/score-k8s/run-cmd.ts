/**
 * A cmd:// provisioner of score-k8s's format: the program gets score-k8s's request on stdin (resource_guid,
 * resource_uid, resource_type, resource_class, resource_id, resource_params, resource_metadata,
 * source_workload, workload_services with ServiceName and ports by name and number, namespace,
 * resource_state, shared_state) with `<mode>` in its args replaced by `provision`, and answers score-k8s's
 * JSON (resource_outputs, resource_state, shared_state, manifests; any other field is an error). Limits,
 * stderr and failures are those of score-ts's own cmd:// provisioners (run-cmd-provisioner.ts).
 */
import type { Manifest } from '../../base/types.js';
import type { ScoreK8sCmdProvisioner } from '../provisioner-file.js';
import type { ProvisionRequest, ProvisionResult, WorkloadService } from '../provision-request.js';
import { runProgram } from '../program-relay.js';
import { checkOutcome, CMD_LIMITS, CommandError, parseAnswerObject, type CmdLimits } from '../run-cmd-provisioner.js';
import { SecretRefError, type SecretRefCodec } from '../../base/secret-ref.js';
import { isPlainMap } from '../../base/plain-data.js';
import { convertMarkers, escapeMarkers, mapPlainStrings, unescapeMarkers } from './secret-refs.js';

const ANSWER_FIELDS = new Set(['resource_outputs', 'resource_state', 'shared_state', 'manifests']);

export function runScoreK8sCmd(
  provisioner: ScoreK8sCmdProvisioner,
  request: ProvisionRequest,
  projectDir: string,
  secretRefs: SecretRefCodec,
  limits: CmdLimits = CMD_LIMITS,
): ProvisionResult {
  const { binary, args } = provisioner;
  const program = binary.display;
  const outcome = runProgram({
    executable: binary.resolve(projectDir),
    args: args.map((a) => (a === '<mode>' ? 'provision' : a)),
    cwd: projectDir,
    env: { ...process.env },
    input: JSON.stringify(requestJson(request)),
    ...limits,
  });
  checkOutcome(outcome, program, limits);
  const answer = readAnswer(outcome.stdout, program);
  const convert = (v: unknown): unknown => {
    try {
      return mapPlainStrings(v, (s) => convertMarkers(s, secretRefs));
    } catch (e) {
      if (e instanceof SecretRefError) throw new CommandError(`'${program}' answered ${e.message}`);
      throw e;
    }
  };
  const shared = convert(answer.shared_state ?? {}) as Record<string, unknown>;
  return {
    outputs: mapPlainStrings(convert(answer.resource_outputs ?? {}), unescapeMarkers) as Record<string, unknown>,
    state: convert(answer.resource_state ?? {}) as Record<string, unknown>,
    shared,
    manifests: mapPlainStrings(convert(answer.manifests ?? []), unescapeMarkers) as Manifest[],
  };
}

/** score-k8s's provisioners.Input as JSON, field for field; Score file text escaped (see secret-refs.ts). */
function requestJson(r: ProvisionRequest): Record<string, unknown> {
  const fromScore = (v: Readonly<Record<string, unknown>>) => (Object.keys(v).length === 0 ? null : mapPlainStrings(v, escapeMarkers));
  return {
    resource_guid: r.guid,
    resource_uid: r.uid,
    resource_type: r.type,
    resource_class: r.class,
    resource_id: r.id,
    resource_params: fromScore(r.params),
    resource_metadata: fromScore(r.metadata),
    source_workload: r.sourceWorkload,
    workload_services: Object.fromEntries(Object.entries(r.workloadServices).map(([name, s]) => [name, networkService(s)])),
    namespace: r.namespace,
    resource_state: mapPlainStrings(r.state, escapeMarkers),
    shared_state: mapPlainStrings(r.shared, escapeMarkers),
  };
}

function networkService(s: WorkloadService): Record<string, unknown> {
  const port = (name: string, p: { port: number; targetPort: number; protocol: string }) => ({
    name,
    port: p.port,
    target_port: p.targetPort,
    protocol: p.protocol,
  });
  const ports: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(s.ports)) ports[name] = port(name, p);
  for (const [number, p] of Object.entries(s.portsByNumber))
    ports[number] ??= port(Object.entries(s.ports).find(([, q]) => q === p)?.[0] ?? '', p);
  return { ServiceName: s.serviceName, ports };
}

interface Answer {
  resource_outputs?: Record<string, unknown>;
  resource_state?: Record<string, unknown>;
  shared_state?: Record<string, unknown>;
  manifests?: Array<Record<string, unknown>>;
}

function readAnswer(stdout: string, program: string): Answer {
  const answer = parseAnswerObject(stdout, program);
  const unknown = Object.keys(answer).filter((k) => !ANSWER_FIELDS.has(k));
  if (unknown.length > 0)
    throw new CommandError(
      `'${program}' answered unknown fields (${unknown.join(', ')}): score-k8s's answer has resource_outputs, resource_state, shared_state and manifests`,
    );
  for (const key of ['resource_outputs', 'resource_state', 'shared_state'] as const) {
    if (answer[key] !== undefined && answer[key] !== null && !isPlainMap(answer[key]))
      throw new CommandError(`'${program}' answered a ${key} that is not an object`);
  }
  const manifests = answer.manifests;
  if (manifests !== undefined && manifests !== null && !(Array.isArray(manifests) && manifests.every(isPlainMap)))
    throw new CommandError(`'${program}' answered manifests that are not a list of objects`);
  return answer;
}

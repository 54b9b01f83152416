/**
 * The one place that knows every kind of provisioner (provisioner-file.ts) and the runner of each: a new
 * engine is a new kind there and a case here. A runner never changes the request's shared state: it returns
 * its patch in the result, which provision.ts merges. score-k8s's format loads on first use (gate.ts).
 */
import type { Provisioner } from './provisioner-file.js';
import type { ProvisionRequest, ProvisionResult } from './provision-request.js';
import type { RandomSource } from '../base/random.js';
import type { SecretRefCodec } from '../base/secret-ref.js';
import type { EnvAllowList } from '../templates/env-allow-list.js';
import { runCmdProvisioner } from './run-cmd-provisioner.js';
import { runTemplateProvisioner } from './run-template-provisioner.js';
import { scoreK8sFormat } from './score-k8s/gate.js';

/** What a run gives the runners besides the request; each kind reads what it needs. */
export interface RunContext {
  /** The resource's random source, for the templates' helpers. */
  readonly random: RandomSource;
  /** The environment the getenv helper reads (without score-ts's own variables). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly envAllowList: EnvAllowList;
  readonly secretRefs: SecretRefCodec;
  /** The metadata of the workload the resource comes from. */
  readonly workloadMetadata: Readonly<Record<string, unknown>>;
  readonly projectDir: string;
}

export function runByKind(provisioner: Provisioner, request: ProvisionRequest, ctx: RunContext): ProvisionResult {
  switch (provisioner.kind) {
    case 'template':
      return runTemplateProvisioner(provisioner, request, {
        random: ctx.random,
        env: ctx.env,
        secretRefs: ctx.secretRefs,
        envAllowList: ctx.envAllowList,
      });
    case 'cmd':
      return runCmdProvisioner(provisioner, request, ctx.projectDir, ctx.secretRefs);
    case 'go-template':
      return scoreK8sFormat().runGoTemplateProvisioner(provisioner, request, ctx);
    case 'score-k8s-cmd':
      return scoreK8sFormat().runScoreK8sCmd(provisioner, request, ctx.projectDir, ctx.secretRefs);
    default:
      return noRunner(provisioner);
  }
}

/** Compiles only while every kind has its case above. */
function noRunner(provisioner: never): never {
  throw new Error(`no runner for provisioner kind '${(provisioner as Provisioner).kind}'`);
}

/** Runs a provisioner of score-k8s's format: its Go templates, or its cmd:// program with score-k8s's JSON. */
import type { Provisioner } from '../provisioner-file.js';
import type { ProvisionRequest, ProvisionResult } from '../provision-request.js';
import { runGoTemplateProvisioner, type GoProvisionContext } from '../run-go-template-provisioner.js';
import { runScoreK8sCmd } from './run-cmd.js';

export function runScoreK8sProvisioner(provisioner: Provisioner, request: ProvisionRequest, ctx: GoProvisionContext & { readonly projectDir: string }): ProvisionResult {
  if (provisioner.scoreK8s?.command) return runScoreK8sCmd(provisioner, request, ctx.projectDir, ctx.secretRefs);
  return runGoTemplateProvisioner(provisioner, request, ctx);
}

/**
 * Renders a template:// provisioner's stages in order: init, state, shared, outputs, manifests. The rendered
 * shared is a patch returned in the result (provision.ts merges it); the later stages see the shared state with
 * it merged, as the next resource will.
 */
import type { Manifest } from '../base/types.js';
import type { TemplateProvisioner } from './provisioner-file.js';
import type { ProvisionRequest, ProvisionResult } from './provision-request.js';
import { renderStage, TemplateError, type TemplateData, type TemplateStage } from '../templates/template-engine.js';
import { TemplateFailure } from '../templates/template-helpers.js';
import { applyMergePatch } from '../base/merge-patch.js';
import { type WaitFor } from '../convert/wait-for.js';

/** A stage failed: the provisioner, the stage, (when known) the line of its file, and each problem it found. */
export class StageError extends Error {
  constructor(
    message: string,
    readonly stage: TemplateStage,
    readonly line: number | undefined,
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

export function runTemplateProvisioner(provisioner: TemplateProvisioner, request: ProvisionRequest, data: TemplateData): ProvisionResult {
  const context: Record<string, unknown> = { ...request, init: {} };
  const render = (stage: TemplateStage): unknown => {
    const template = provisioner.templates[stage];
    if (!template) return stage === 'manifests' ? [] : {};
    try {
      return renderStage(stage, template, context, data);
    } catch (e) {
      if (e instanceof TemplateError || e instanceof TemplateFailure)
        throw new StageError(e.message, stage, e instanceof TemplateError ? e.line : undefined, e.problems);
      throw e;
    }
  };
  context.init = render('init');
  const state = render('state') as Record<string, unknown>;
  context.state = state;
  const shared = render('shared') as Record<string, unknown>;
  context.shared = withPatch(request.shared, shared);
  const outputs = render('outputs') as Record<string, unknown>;
  context.outputs = outputs;
  const manifests = render('manifests') as Manifest[];
  const waitFor = provisioner.templates.wait_for ? checkWaitFor(render('wait_for')) : undefined;
  return { state, shared, outputs, manifests, ...(waitFor ? { waitFor } : {}) };
}

/** wait_for renders `{host, port}`; an empty map means there is nothing to wait for. */
export function checkWaitFor(value: unknown): WaitFor | undefined {
  const map = value as Record<string, unknown>;
  if (Object.keys(map).length === 0) return undefined;
  const port = Number(map.port);
  if (typeof map.host !== 'string' || map.host === '' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StageError('wait_for must give a host (string) and a port (1-65535)', 'wait_for', undefined);
  }
  return { host: map.host, port };
}

/**
 * The shared state with a patch merged, for the later stages. The request's own is never changed: only the
 * maps the patch merges into are copied (a whole copy per resource would grow with the shared state).
 */
function withPatch(shared: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  if (Object.keys(patch).length === 0) return shared;
  return applyMergePatch({ ...shared }, patch, { copyOnWrite: true });
}

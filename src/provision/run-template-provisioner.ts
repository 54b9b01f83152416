/** Renders a template:// provisioner's stages in order: init, state, shared, outputs, manifests. */
import type { Manifest } from '../base/types.js';
import type { Provisioner } from './provisioner-file.js';
import type { ProvisionRequest, ProvisionResult } from './provision-request.js';
import { renderStage, TemplateError, type TemplateData, type TemplateStage } from '../templates/template-engine.js';
import { TemplateFailure } from '../templates/template-helpers.js';
import { isPlainMap as isMap } from '../base/plain-data.js';
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

export function runTemplateProvisioner(provisioner: Provisioner, request: ProvisionRequest, data: TemplateData): ProvisionResult {
  const context: Record<string, unknown> = { ...request, init: {} };
  const render = (stage: TemplateStage): unknown => {
    const template = provisioner.templates[stage];
    if (!template) return stage === 'manifests' ? [] : {};
    try {
      return renderStage(stage, template, context, data);
    } catch (e) {
      if (e instanceof TemplateError || e instanceof TemplateFailure) throw new StageError(e.message, stage, e instanceof TemplateError ? e.line : undefined, e.problems);
      throw e;
    }
  };
  context.init = render('init');
  const state = render('state') as Record<string, unknown>;
  context.state = state;
  const shared = render('shared') as Record<string, unknown>;
  // The live shared state is merged in place (no copies); merging the same patch again is harmless.
  mergeShared(request.shared as Record<string, unknown>, shared);
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

/** Deep merge of maps into `target` (in place): later values win, maps merge, null deletes. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function mergeShared(target: Record<string, unknown>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    // Shared state comes from templates and programs: never let it reach an object's prototype.
    if (UNSAFE_KEYS.has(key)) continue;
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    if (value === null) delete target[key];
    else if (isMap(value) && isMap(current)) mergeShared(current, value);
    else target[key] = value;
  }
  return target;
}

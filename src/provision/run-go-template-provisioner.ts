/**
 * Runs a template:// provisioner of score-k8s's format as score-k8s's templateprov does: its Go templates
 * render in order (init, state, shared, outputs, manifests) on a `*templateprov.Data`; each rendered text is
 * read as YAML (empty text gives an empty map, or no manifests); the state is replaced by the rendered one,
 * the rendered shared is a JSON merge patch (null deletes) returned in the result for provision.ts to merge,
 * and the later stages see the new values. `encodeSecretRef` and `🔐💬NAME_KEY💬🔐` make score-ts secret references (score-k8s/secret-refs.ts).
 */
import { GoTemplateError, type GoMap, type GoValue } from '../templates/go/index.js';
import { systemClock, withGoRun, type GoRun } from '../templates/go/sprig-funcs.js';
import type { GoTemplateProvisioner } from './provisioner-file.js';
import type { ProvisionRequest, ProvisionResult } from './provision-request.js';
import type { RandomSource } from '../base/random.js';
import { STAGE_LIMITS } from '../templates/render-budget.js';
import { StageError } from './run-template-provisioner.js';
import { SecretRefError, type SecretRefCodec } from '../base/secret-ref.js';
import { renderedYamlProblem } from '../templates/yaml-problem.js';
import { applyMergePatch } from '../base/merge-patch.js';
import { goErrorText, type GoStage } from './score-k8s/provisioner-entries.js';
import { decodeRenderedYaml } from './score-k8s/rendered-yaml.js';
import { convertMarkers, escapeMarkers, mapPlainStrings, unescapeMarkers } from './score-k8s/secret-refs.js';
import {
  goData,
  goWorkloadServices,
  mapGoStrings,
  nilWhenEmpty,
  plainData,
  templateData,
  type GoRequest,
} from './score-k8s/template-data.js';
import type { Manifest } from '../base/types.js';
import { isGoMap } from '../templates/go/index.js';

/** What a run gives a Go template provisioner besides the request. */
export interface GoProvisionContext {
  readonly random: RandomSource;
  readonly secretRefs: SecretRefCodec;
  /** The metadata of the workload the resource comes from (`.WorkloadMetadata`). */
  readonly workloadMetadata: Readonly<Record<string, unknown>>;
  /** The clock of sprig's date functions (the system's by default). */
  readonly now?: () => bigint;
}

const LIMITS = { maxOutput: STAGE_LIMITS.maxOutput, maxIterations: STAGE_LIMITS.maxIterations };

export function runGoTemplateProvisioner(
  provisioner: GoTemplateProvisioner,
  request: ProvisionRequest,
  ctx: GoProvisionContext,
): ProvisionResult {
  const run: GoRun = { random: ctx.random, now: ctx.now ?? systemClock, secretRefs: ctx.secretRefs };
  const fromScore = (v: unknown): GoValue => mapGoStrings(goData(v), escapeMarkers);
  const go: GoRequest = {
    request,
    params: nilWhenEmpty(request.params, fromScore),
    metadata: nilWhenEmpty(request.metadata, fromScore),
    workloadMetadata: nilWhenEmpty(ctx.workloadMetadata, fromScore),
    workloadServices: goWorkloadServices(request.workloadServices),
  };
  const stages = { init: {} as GoMap, state: fromScore(request.state) as GoMap, shared: fromScore(request.shared) as GoMap };
  const render = (stage: GoStage): GoValue | undefined => renderStage(provisioner, stage, () => templateData(go, stages), run);
  stages.init = (render('init') as GoMap | undefined) ?? {};
  stages.state = (render('state') as GoMap | undefined) ?? {};
  const sharedPatch = (render('shared') as GoMap | undefined) ?? {};
  stages.shared = applyMergePatch(stages.shared, sharedPatch) as GoMap;
  const outputs = (render('outputs') as GoMap | undefined) ?? {};
  const manifests = (render('manifests') as GoValue[] | undefined) ?? [];
  return {
    state: plainData(stages.state) as Record<string, unknown>,
    shared: plainData(sharedPatch) as Record<string, unknown>,
    outputs: mapPlainStrings(plainData(outputs), unescapeMarkers) as Record<string, unknown>,
    manifests: mapPlainStrings(plainData(manifests), unescapeMarkers) as Manifest[],
  };
}

/** Renders and reads one stage; undefined when it has no template or renders only white space. */
function renderStage(provisioner: GoTemplateProvisioner, stage: GoStage, data: () => GoValue, run: GoRun): GoValue | undefined {
  const compiled = provisioner.templates[stage];
  if (!compiled) return undefined;
  const template = compiled.template;
  if (!template) throw new StageError(compiled.parseError!.message, stage, compiled.parseError!.line ?? compiled.lineOffset + 1);
  let text: string;
  try {
    text = withGoRun(run, () => template.execute(data(), '', LIMITS));
  } catch (e) {
    if (e instanceof GoTemplateError)
      throw new StageError(goErrorText(e), stage, e.line ? compiled.lineOffset + e.line : compiled.lineOffset + 1);
    throw e;
  }
  if (text.trim() === '') return undefined;
  const fail = (message: string): never => {
    throw new StageError(message, stage, compiled.lineOffset + 1);
  };
  let value: GoValue;
  try {
    value = decodeRenderedYaml(text);
  } catch (e) {
    return fail(`rendered ${stage} is not valid YAML${renderedYamlProblem(e, text)}`);
  }
  if (value === null || value === undefined) return undefined;
  if (stage === 'manifests' ? !Array.isArray(value) || !value.every(isGoMap) : !isGoMap(value)) {
    return fail(
      stage === 'manifests'
        ? 'rendered manifests must be a YAML list of maps (Kubernetes objects)'
        : `rendered ${stage} must be a YAML map`,
    );
  }
  try {
    return mapGoStrings(value, (s) => convertMarkers(s, run.secretRefs!));
  } catch (e) {
    if (e instanceof SecretRefError) return fail(e.message.replace(/^secretRef: /, ''));
    throw e;
  }
}

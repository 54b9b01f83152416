/**
 * Everything of score-ts that runs Go templates (the engine, sprig, score-k8s's formats), behind one module
 * that go-support-gate.ts loads on first use: a run without Go templates never loads it.
 */
export { loadScoreK8sProvisioners } from './provisioner-entries.js';
export { runScoreK8sProvisioner } from './run-provisioner.js';
export { applyGoTemplate, compileGoPatchTemplate } from '../../patch/go-patch-templates.js';
export { renderFormatTemplate } from '../../inspect/go-format.js';

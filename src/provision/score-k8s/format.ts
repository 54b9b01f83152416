/** Everything of a provisioner file in score-k8s's format, behind one module that gate.ts loads on first use. */
export { loadScoreK8sProvisioners } from './provisioner-entries.js';
export { runGoTemplateProvisioner } from '../run-go-template-provisioner.js';
export { runScoreK8sCmd } from './run-cmd.js';

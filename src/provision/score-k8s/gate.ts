/** score-k8s's provisioner format (format.ts), loaded on first use: see base/lazy-module.ts. */
import { lazyModule } from '../../base/lazy-module.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a literal require() is how esbuild makes the module a lazy initialisation (base/lazy-module.ts)
export const scoreK8sFormat = lazyModule('score-k8s-provisioners', () => require('./format.js') as typeof import('./format.js'));

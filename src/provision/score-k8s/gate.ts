/** score-k8s's provisioner format (format.ts), loaded on first use: see base/lazy-module.ts. */
import { lazyModule } from '../../base/lazy-module.js';

export const scoreK8sFormat = lazyModule('score-k8s-provisioners', () => require('./format.js') as typeof import('./format.js'));

/** Patch templates in Go (go-patch-templates.ts), loaded on first use: see base/lazy-module.ts. */
import { lazyModule } from '../base/lazy-module.js';

export const goPatchTemplates = lazyModule(
  'go-patch-templates',
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a literal require() is how esbuild makes the module a lazy initialisation (base/lazy-module.ts)
  () => require('./go-patch-templates.js') as typeof import('./go-patch-templates.js'),
);

/** Patch templates in Go (go-patch-templates.ts), loaded on first use: see base/lazy-module.ts. */
import { lazyModule } from '../base/lazy-module.js';

export const goPatchTemplates = lazyModule('go-patch-templates', () => require('./go-patch-templates.js') as typeof import('./go-patch-templates.js'));

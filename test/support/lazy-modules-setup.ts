/**
 * Vitest setup: the tests run score-ts's sources unbundled, where a lazy module's gate cannot require() its
 * TypeScript module; each is imported here and provided by name instead (the bundle loads them on first use,
 * see src/base/lazy-module.ts).
 */
import { provideModule } from '../../src/base/lazy-module.js';
import * as goFormat from '../../src/inspect/go-format.js';
import * as goPatchTemplates from '../../src/patch/go-patch-templates.js';
import * as scoreK8sFormat from '../../src/provision/score-k8s/format.js';

provideModule('go-format', goFormat);
provideModule('go-patch-templates', goPatchTemplates);
provideModule('score-k8s-provisioners', scoreK8sFormat);

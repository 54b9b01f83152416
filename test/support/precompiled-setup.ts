/**
 * Vitest setup: the tests run score-ts's sources unbundled, given the same precompiled validators and built-in
 * provisioners the bundle holds: dist/generated/, which `npm run build` (run by `npm test`) writes. Nothing
 * compiles them at run time, in the tests or for users (src/base/precompiled.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { providePrecompiled, type Precompiled } from '../../src/base/precompiled.js';

const index = new URL('../../dist/generated/index.cjs', import.meta.url);
if (!existsSync(index)) throw new Error('dist/generated/ is missing: run `npm run build` before vitest (`npm test` does both)');
providePrecompiled(createRequire(import.meta.url)(index.pathname) as Precompiled);

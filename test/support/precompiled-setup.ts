/**
 * Vitest setup: the tests run score-ts's sources unbundled, given the same precompiled validators and built-in
 * provisioners the bundle holds: dist/generated/, which `npm run build` (run by `npm test`) writes. Nothing
 * compiles them at run time, in the tests or for users (src/base/precompiled.ts).
 */
import { createRequire } from 'node:module';
import { providePrecompiled, type Precompiled } from '../../src/base/precompiled.js';

providePrecompiled(createRequire(import.meta.url)('../../dist/generated/index.cjs') as Precompiled);

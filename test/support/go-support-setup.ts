/**
 * Vitest setup: the tests run score-ts's sources unbundled, where go-support-gate.ts cannot require() its
 * TypeScript module; it is imported here instead (the bundle loads it lazily, see the gate).
 */
import * as goSupport from '../../src/provision/score-k8s/go-support.js';
import { provideGoSupport } from '../../src/provision/score-k8s/go-support-gate.js';

provideGoSupport(goSupport);

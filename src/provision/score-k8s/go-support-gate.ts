/**
 * The way to Go template support (go-support.ts), loaded on first use: the engine and sprig are a third of
 * the bundle, and evaluating them would cost every run some 10 ms. In the bundle, esbuild turns this
 * require() into a lazy initialisation of go-support.ts, sharing every other module with the rest of the
 * CLI. Unbundled (the test suite), test/support/go-support-setup.ts provides the module before any test runs.
 */
import type * as GoSupportModule from './go-support.js';

export type GoSupport = typeof GoSupportModule;

let support: GoSupport | undefined;

export function goSupport(): GoSupport {
  support ??= require('./go-support.js') as GoSupport;
  return support;
}

/** For code that runs the sources unbundled: the module, imported. */
export function provideGoSupport(module: GoSupport): void {
  support = module;
}

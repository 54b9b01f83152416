/**
 * A module loaded on first use, so a run that never needs it does not pay for evaluating it (the Go template
 * engine and sprig are a third of the bundle, some 10 ms). Each gate calls `lazyModule` with a literal
 * `require()` of its module, which esbuild turns into a lazy initialisation inside the bundle, sharing every
 * other module with the rest of the CLI. Unbundled (the test suite runs the sources), require() cannot load
 * TypeScript: test/support/lazy-modules-setup.ts imports each gated module and provides it by name first.
 */
const provided = new Map<string, unknown>();

export function lazyModule<T>(name: string, load: () => T): () => T {
  let module: T | undefined;
  return () => (module ??= (provided.get(name) as T | undefined) ?? load());
}

/** For code that runs the sources unbundled: the module, imported. */
export function provideModule(name: string, module: unknown): void {
  provided.set(name, module);
}

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Each run's temporary files go in one folder, removed at the end (test/support/temp-root.ts).
    globalSetup: ['test/support/temp-root.ts'],
    // The modules the bundle loads on first use (src/base/lazy-module.ts), and what the build precompiled
    // (src/base/precompiled.ts): the same dist/generated/ modules the bundle holds.
    setupFiles: ['test/support/lazy-modules-setup.ts', 'test/support/precompiled-setup.ts'],
  },
});

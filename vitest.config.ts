import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Each run's temporary files go in one folder, removed at the end (test/support/temp-root.ts).
    globalSetup: ['test/support/temp-root.ts'],
    // Go template support, which the bundle loads on first use (src/base/lazy-module.ts).
    setupFiles: ['test/support/lazy-modules-setup.ts'],
  },
});

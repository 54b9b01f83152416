import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Go template support, which the bundle loads on first use (src/provision/score-k8s/go-support-gate.ts).
    setupFiles: ['test/support/go-support-setup.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Generous for a shared 2-core machine; a test that hangs still fails, later.
    testTimeout: 60_000,
    // Pages load their code on first visit: a wait polls for up to 10 s before it fails.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});

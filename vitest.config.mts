import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: true,
    setupFiles: ['test/setup.ts'],
    include: ['test/**/*.test.ts'],
    // The package tests install ESLint 8, 9 and 10 into throwaway projects.
    testTimeout: 30_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});

// The slow end-to-end suites of test/integration (`*.e2e.ts`), outside `npm test`:
//   npx vitest run --config test/integration/vitest.e2e.config.mts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: true,
    include: ['test/integration/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 3_600_000,
    pool: 'forks',
    // One suite at a time: they measure wall-clock time on a small machine.
    fileParallelism: false,
  },
});

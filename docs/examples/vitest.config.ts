// The docs' runnable examples (docs/mock-grid.md "In CI"), one vitest project of `pnpm test`. The global setup is
// the one line a user's config needs.
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docs',
    environment: 'node',
    include: ['**/*.test.ts'],
    globalSetup: ['@aipg/mock-grid/vitest'],
    // Limits sized for a saturated CI machine: see ../../vitest.config.ts.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

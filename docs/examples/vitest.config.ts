// The docs' runnable examples (docs/mock-grid.md "In CI"), one vitest project of `pnpm test`. The first global
// setup is the one line a user's config needs; the second stands in for the grid's simulated workers until they
// are in @aipg/mock-grid (it does nothing once the grid lists the fleet's models).
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docs',
    environment: 'node',
    include: ['**/*.test.ts'],
    globalSetup: ['@aipg/mock-grid/vitest', '../../packages/mock-grid/test/helpers/stand-in-fleet.ts'],
    // Limits sized for a saturated CI machine: see ../../vitest.config.ts.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

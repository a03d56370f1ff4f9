import { defineProject } from 'vitest/config';

// Limits sized for a saturated CI machine, not for a hang detector's 5 s: see ../../vitest.config.ts.
export default defineProject({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    name: 'example-chat',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});

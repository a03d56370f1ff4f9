import { defineProject } from 'vitest/config';

// Limits sized for a saturated CI machine, not for a hang detector's 5 s: see ../../vitest.config.ts.
// 60 s here: each test starts the demo and its three node processes through tsx (16–18 s each beside a
// CPU burner), and the demo's own default time limit is 60 s.
export default defineProject({
  test: {
    testTimeout: 60_000,
    hookTimeout: 30_000,
    name: 'example-demo',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});

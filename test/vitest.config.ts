import { defineProject } from 'vitest/config';

// Tests of the repository's own tooling, run against what users get: packed tarballs (packaging/) and the
// build script (build/).
export default defineProject({
  test: {
    name: 'repo',
    environment: 'node',
    include: ['**/*.test.ts'],
    // Generous: on a saturated machine a spawned node's start-up alone can take seconds.
    testTimeout: 180_000,
  },
});

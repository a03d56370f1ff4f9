import { defineProject } from 'vitest/config';

// Tests of the repository's own tooling, run against what users get: packed tarballs (packaging/) and the
// build script (build/).
export default defineProject({
  test: {
    name: 'repo',
    environment: 'node',
    include: ['**/*.test.ts'],
    // Generous: on a saturated machine a spawned node's start-up alone can take seconds — in hooks too (a
    // beforeEach that writes a scratch workspace timed out at vitest's 10 s default on a saturated machine).
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});

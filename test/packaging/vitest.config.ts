import { defineProject } from 'vitest/config';

// The packed-tarball checks: slow to set up (pack, install, tsc, two CLIs), so one file shares all of it.
export default defineProject({
  test: {
    name: 'packaging',
    environment: 'node',
    include: ['*.test.ts'],
    // Generous: on a saturated machine a program's node start-up alone can take seconds.
    testTimeout: 180_000,
  },
});

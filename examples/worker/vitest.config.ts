import { defineProject } from 'vitest/config';
import { TIMEOUTS } from '../../vitest.shared';

export default defineProject({
  test: { ...TIMEOUTS, name: 'example-worker', environment: 'node', include: ['test/**/*.test.ts'] },
});

import { defineProject } from 'vitest/config';
import { TIMEOUTS } from '../../vitest.shared';

export default defineProject({
  test: { ...TIMEOUTS, name: 'example-chat', environment: 'node', include: ['test/**/*.test.ts'] },
});

import { defineProject } from 'vitest/config';
import { TIMEOUTS } from '../../vitest.shared';

export default defineProject({
  test: { ...TIMEOUTS, name: 'mock-grid', environment: 'node', include: ['test/**/*.test.ts'] },
});

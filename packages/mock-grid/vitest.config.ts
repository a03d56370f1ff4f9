import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'mock-grid', environment: 'node', include: ['test/**/*.test.ts'] },
});

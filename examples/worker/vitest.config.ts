import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'example-worker', environment: 'node', include: ['test/**/*.test.ts'] },
});

import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'example-demo', environment: 'node', include: ['test/**/*.test.ts'] },
});

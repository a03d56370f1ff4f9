import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'example-chat', environment: 'node', include: ['test/**/*.test.ts'] },
});

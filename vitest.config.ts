import { defineConfig } from 'vitest/config';

// One vitest run over every package and example; each has its own vitest.config.ts (defineProject).
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*', 'test'],
  },
});

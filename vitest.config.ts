import { defineConfig } from 'vitest/config';

// One vitest run over every package and example; each has its own vitest.config.ts (defineProject).
//
// Each project sets testTimeout and hookTimeout to 30 s (projects do not inherit them from here). CI runs
// on a shared 2-core machine that is often saturated, where a test takes several times as long as on a
// quiet one. No test relies on a limit to pass (waits are measured on fake clocks, budgets in counted
// work), so a limit only has to stop a hang — and must never mistake a busy machine for one, which
// vitest's 5 s / 10 s defaults did.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*', 'docs/examples', 'test'],
  },
});

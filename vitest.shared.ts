/**
 * Limits every vitest project uses (each project's vitest.config.ts spreads them in).
 *
 * CI runs on a shared 2-core machine that is often saturated, where the same test takes several times
 * as long as on a quiet one. No test here relies on a limit to pass: budgets are counted in work (fake
 * clocks, counters), so these limits only stop a test that hangs. They are generous so that a busy
 * machine is never mistaken for a hang; vitest's 5 s / 10 s defaults were not (RULES.md: "no test may
 * depend on the machine's speed").
 */
export const TIMEOUTS = { testTimeout: 30_000, hookTimeout: 30_000 } as const;

// How every benchmark starts its mock grid (docs/mock-grid.md "Options" and "Limits"): the limits that guard
// a live grid against one noisy caller are off, because every benchmark client is that one caller.
import type { startMockGrid } from '@aipg/mock-grid';

export const BENCH_GRID_OPTIONS = {
  port: 0,
  // The core's and the door's rate limits.
  rateLimits: false,
  limits: {
    // Keep-alive connections stay open: one reconnect per 1,000 requests (the default cap, which closes the
    // connection with `Connection: close`) is not what these figures measure.
    maxRequestsPerConnection: 1_000_000_000,
  },
} as const satisfies Parameters<typeof startMockGrid>[0];

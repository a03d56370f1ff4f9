import { defineProject } from 'vitest/config';
import { TIMEOUTS } from '../../vitest.shared';

export default defineProject({
  test: {
    ...TIMEOUTS,
    name: 'sdk',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests start real git repositories, databases and HTTP servers;
    // the default 5 s is too tight for PGlite's ~3 s boot on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest runs availableParallelism() - 1 files at once: one on this 2-core machine, which
    // left both cores mostly idle while files waited on PostgreSQL, git and child processes
    // (the suite took 14 minutes serially). Three files at once keep it under the CI budget;
    // every file has its own databases, repositories and ports, so files do not share state.
    maxWorkers: 3,
  },
});

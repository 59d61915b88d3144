import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests run the built program (dist/) in the test process: loaded by Node as bin/tariff.js loads it,
    // not transformed by the test runner.
    server: { deps: { external: [/\/dist\//] } },
    // A CLI test runs the program several times; on a machine shared by many sessions one run has taken 5 s, and the
    // in-process plan-sharing property (15-20 s alone) over 300 s.
    testTimeout: 600_000,
    // A suite's beforeAll may generate a large file or run the CLI on a busy machine.
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // Processes, not threads: the CLI suites spawn the program, and a crashed or stuck fork is isolated.
    pool: 'forks',
    // Vitest's default is one worker less than the cores: on a 2-core machine a single worker, which sat
    // idle while the program it had spawned ran. Two: one file's test waits on its CLI while another's runs.
    // Within a CLI file the tests run side by side (describe.concurrent) and tariffAsync queues the runs beyond
    // cores + 1 per worker, so more workers would only add processes. Threads instead of forks measured no faster.
    maxWorkers: 2,
    minWorkers: 1,
  },
});

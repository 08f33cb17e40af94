import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Tests talk to real databases; two workers match this machine's two cores.
    maxWorkers: 2,
    // A developer's own .env must not reach the processes tests start; a test of .env loading sets its own.
    env: { ENV_FILE: '/dev/null' },
  },
})

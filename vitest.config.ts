import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // Browser suites start their own dev servers; running them side by side on 2 cores only slows both.
    fileParallelism: true,
    maxWorkers: 2,
  },
})

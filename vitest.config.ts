import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

const fromRoot = (path: string) => new URL(path, import.meta.url).pathname

export default defineConfig({
  plugins: [
    vue(),
  ],
  define: {
    __DECK_LANG__: JSON.stringify('nl'),
    __DECK_JOIN_URL__: JSON.stringify(''),
    __DECK_REPO_URL__: JSON.stringify('https://github.com/ops-demo/gitops-in-practice'),
    __DEV__: 'true',
  },
  resolve: {
    // Component tests run without Slidev: its client and virtual modules are replaced by small fakes.
    alias: {
      '@slidev/client': fromRoot('./tests/helpers/slidev-client.ts'),
      'server-reactive:lang': fromRoot('./tests/helpers/server-reactive-lang.ts'),
      'server-reactive:nav': fromRoot('./tests/helpers/server-reactive-nav.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
})

import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { configDefaults, defineConfig, defineProject } from 'vitest/config'
import { NODE_TESTS, nodeProject, testTimeout, VENDOR_WORKERD_TESTS } from './vitest.node.ts'

// The audit database's schema, applied inside workerd by test/apply-migrations.ts.
const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname)

/**
 * The relay's tests run inside workerd (the Workers runtime) and talk HTTP to the demo upstream,
 * which test/global-setup.ts starts in Node on 127.0.0.1.
 */
export const workerdProject = defineProject({
  plugins: [
    cloudflareTest((ctx) => ({
      wrangler: { configPath: '../wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_UPSTREAM_URL: ctx.inject('upstreamUrl'),
          TEST_MIGRATIONS: migrations,
          TEST_ACCESS_TEAM_DOMAIN: ctx.inject('accessTeamDomain'),
          TEST_ACCESS_KEYS: ctx.inject('accessPrivateKeys'),
        },
      },
    })),
  ],
  test: {
    name: 'workerd',
    globalSetup: ['./test/global-setup.ts'],
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['test/**/*.test.ts', VENDOR_WORKERD_TESTS],
    exclude: [...configDefaults.exclude, ...NODE_TESTS.filter((pattern) => pattern.startsWith('test/'))],
    // One workerd for every file instead of one started per file. Files already keep apart without
    // it: each relay has its own vendor keys, gate and hub, and a file that counts audit rows
    // clears the tables first.
    isolate: false,
    testTimeout,
  },
})

export default defineConfig({
  test: {
    projects: [workerdProject, nodeProject, './demo-upstream/vitest.config.ts'],
  },
})

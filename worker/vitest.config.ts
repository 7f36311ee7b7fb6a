import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// The audit database's schema, applied inside workerd by test/apply-migrations.ts.
const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname)

// The relay's tests run inside workerd (the Workers runtime) and talk HTTP to the demo upstream,
// which test/global-setup.ts starts in Node on 127.0.0.1.
export default defineConfig({
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
    globalSetup: ['./test/global-setup.ts'],
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['test/**/*.test.ts'],
    // A bound on a test, never a measure of it: speed is measured by the benchmarks (npm run bench),
    // and a loaded 2-core machine can take several times vitest's default 5 s for a real workerd test.
    testTimeout: 60_000,
  },
})

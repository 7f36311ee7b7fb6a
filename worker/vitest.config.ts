import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// The relay's tests run inside workerd (the Workers runtime) and talk HTTP to the demo upstream,
// which test/global-setup.ts starts in Node on 127.0.0.1.
export default defineConfig({
  plugins: [
    cloudflareTest((ctx) => ({
      wrangler: { configPath: '../wrangler.toml' },
      miniflare: { bindings: { TEST_UPSTREAM_URL: ctx.inject('upstreamUrl') } },
    })),
  ],
  test: {
    globalSetup: ['./test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
  },
})

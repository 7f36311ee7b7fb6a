import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The demo upstream is plain Node code (no workerd), so its tests run in Node's own environment.
// `root` is this folder so the config works from any working directory.
export default defineConfig({
  test: {
    name: 'demo-upstream',
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'node',
    include: ['*.test.ts'],
  },
})

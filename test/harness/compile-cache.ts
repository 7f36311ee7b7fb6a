import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Vitest global setup: one V8 compile cache for the run's Node processes (NODE_COMPILE_CACHE, which
 * they inherit). Every relay starts wrangler (a 15 MB CLI) and every stack the demo upstream; with
 * the cache only the first of each compiles them: a stack's start takes ~1.3 s less CPU (~7 s).
 * Node checks each entry's hash, so processes writing it at once cost a recompile, never a wrong
 * result. A cache the caller set is kept (`npm test` sets one for the whole run, run-suite.ts).
 */
export default async function setup() {
  if (process.env.NODE_COMPILE_CACHE) return
  const dir = await mkdtemp(join(tmpdir(), 'idv-lens-compile-cache-'))
  process.env.NODE_COMPILE_CACHE = dir
  return async () => {
    delete process.env.NODE_COMPILE_CACHE
    await rm(dir, { recursive: true, force: true })
  }
}

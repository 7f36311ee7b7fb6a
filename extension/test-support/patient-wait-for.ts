import { vi } from 'vitest'

/**
 * `vi.waitFor` gives up after 1 s unless told otherwise. A store that settles in a few milliseconds
 * on a quiet machine can need more on a busy 2-core CI runner with a second copy of the suite
 * beside it, and a test must not fail for that. Waits without their own timeout get 20 s here (the
 * test's 60 s bound still catches a hang); a wait that names its timeout keeps it.
 */
const waitFor = vi.waitFor.bind(vi)
vi.waitFor = ((callback, options) =>
  waitFor(callback, typeof options === 'number' ? options : { timeout: 20_000, interval: 10, ...options })) as typeof vi.waitFor

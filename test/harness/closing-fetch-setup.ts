import { useClosingFetch } from './closing-fetch.ts'
import { recordFileCpu } from './file-cpu.ts'

// setupFiles of the relay and browser projects: every request a test file sends to wrangler dev on a
// fresh connection, and (with FILE_CPU set) each file's CPU seconds recorded.
useClosingFetch()
recordFileCpu()

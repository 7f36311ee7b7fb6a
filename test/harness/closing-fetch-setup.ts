import { useClosingFetch } from './closing-fetch.ts'

// setupFiles of the relay and browser projects: every request a test file sends to wrangler dev on a fresh connection.
useClosingFetch()

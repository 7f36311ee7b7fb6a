import { applyD1Migrations, env } from 'cloudflare:test'
import type { D1Migration } from 'cloudflare:test'

// Every test file starts from the repository's migrations (applying is idempotent).
const bindings = env as unknown as { AUDIT_DB: D1Database; TEST_MIGRATIONS: D1Migration[] }
await applyD1Migrations(bindings.AUDIT_DB, bindings.TEST_MIGRATIONS)

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AUDIT_TEMPLATE_ENV, applyAuditMigrations } from './stack.ts'

/**
 * Vitest global setup: the audit schema applied once, to a state directory every relay of the run
 * starts from a copy of (stack.ts). The test files' processes inherit the variable naming it.
 */
export default async function setup() {
  if (process.env[AUDIT_TEMPLATE_ENV]) return // the whole run's (run-suite.ts)
  const template = await mkdtemp(join(tmpdir(), 'idv-lens-audit-template-'))
  await applyAuditMigrations(template)
  process.env[AUDIT_TEMPLATE_ENV] = template
  return async () => {
    delete process.env[AUDIT_TEMPLATE_ENV]
    await rm(template, { recursive: true, force: true })
  }
}

import type { Vendor } from '../vendor-shape/vendor.ts'
import { outOfBounds } from './body-bounds.ts'

/**
 * What a vendor's 2xx body must be before anything reads, keeps or relays it: within the bounds below,
 * then the envelope each read endpoint documents, as each vendor declares it (vendors/<name>/bodies.ts).
 * Anything else is `upstream-invalid`, never a 500, never kept.
 */
export type BodyCheck = { ok: true } | { ok: false; why: 'not-json' } | { ok: false; why: 'invalid'; where: string }

/**
 * Checks one 2xx body of `path` against the vendor's `bodies` (a list when it has no `/`: `inquiries`, `sessions`; a single object
 * otherwise, and for a write: it answers what it made, as Onfido's `POST /workflow_runs`). `where` names the first field that is wrong by its path in the schema, never a value.
 */
export function checkVendorBody(bodies: Vendor['bodies'], path: string, text: string, write = false): BodyCheck {
  const unbounded = outOfBounds(text)
  if (unbounded) return { ok: false, why: 'invalid', where: unbounded }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, why: 'not-json' }
  }
  const parsed = bodies[write || path.includes('/') ? 'single' : 'list'].safeParse(json)
  if (parsed.success) return { ok: true }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length
    ? issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('')
    : 'the body'
  return { ok: false, why: 'invalid', where }
}

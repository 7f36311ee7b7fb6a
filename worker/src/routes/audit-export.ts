import { Hono } from 'hono'
import { AUDIT_EXPORT_FORMATS, type AuditExportFormat } from '@idv-lens/shared/api'
import type { AppEnv } from '../env.ts'
import { auditExportStream } from '../audit/export.ts'
import { auditRange } from '../audit/range.ts'
import { oldestAuditRow } from '../audit/usage.ts'
import { okFile } from '../middleware/ok-body.ts'
import { isoDate, oneOf, querySchema, refineQuery, validQuery } from '../validation/query.ts'
import { adminAuditDb } from './admin-db.ts'

const exportQuery = refineQuery(querySchema({ since: isoDate(), until: isoDate(), format: oneOf(AUDIT_EXPORT_FORMATS) }), (q, ctx) => {
  const range = auditRange(q)
  if (range.since !== undefined && range.until !== undefined && range.since > range.until)
    ctx.addIssue({ code: 'custom', path: ['until'], message: 'must not be before since' })
})

const MEDIA_TYPES: Record<AuditExportFormat, string> = { ndjson: 'application/x-ndjson', csv: 'text/csv; charset=utf-8' }

/** `idv-lens-audit-2026-11-01-2026-11-27.csv`: the range's days, `start` or `now` where it is open. */
const fileName = (q: { since?: string; until?: string }, format: AuditExportFormat) =>
  `idv-lens-audit-${q.since?.slice(0, 10) ?? 'start'}-${q.until?.slice(0, 10) ?? 'now'}.${format}`

/**
 * `GET /v1/admin/audit/export?since=&until=&format=ndjson|csv` (admins): every row of the range, oldest
 * first, streamed a page at a time (audit/export.ts). The export itself is a /v1 request, so it leaves
 * its own audit row like any other. How far back rows go is in `Audit-Retention-Days` and `Audit-Oldest-Row`.
 */
export const auditExportRoutes = new Hono<AppEnv>().get(
  '/audit/export',
  okFile({
    mediaTypes: Object.values(MEDIA_TYPES).map((type) => type.split(';')[0]!),
    description:
      'Every audit row of the range, oldest first: one JSON object a line (ndjson), or CSV with a header row, formula-like cells neutralised.',
  }),
  validQuery(exportQuery),
  async (c) => {
    const db = adminAuditDb(c, 'the audit log')
    const q = c.req.valid('query')
    const format = (q.format ?? 'ndjson') as AuditExportFormat
    const oldest = await oldestAuditRow(db)
    return new Response(auditExportStream(db, { format, range: auditRange(q) }), {
      headers: {
        'content-type': MEDIA_TYPES[format],
        'content-disposition': `attachment; filename="${fileName(q, format)}"`,
        'audit-retention-days': String(c.get('config').audit.retentionDays),
        'audit-oldest-row': oldest === null ? 'none' : new Date(oldest).toISOString(),
      },
    })
  },
)

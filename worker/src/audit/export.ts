import { AUDIT_EXPORT_COLUMNS, type AuditExportFormat, type AuditExportRow } from '@idv-lens/shared/api'
import type { AuditDatabase } from './database.ts'
import { csvLine } from './csv.ts'
import { AUDIT_RECORD_COLUMNS, auditRecordOf, type AuditRow } from './store.ts'

/** Rows per D1 query of an export: one query per chunk the reader pulls. */
export const EXPORT_PAGE_ROWS = 1000

type ExportRow = AuditRow & { client_request_id: string | null; vendor: string | null; duration_ms: number; vendor_calls: number | null }

export type ExportRange = { since?: number; until?: number }

type Keyset = { at: number; seq: number }

const COLUMNS = `${AUDIT_RECORD_COLUMNS}, client_request_id, vendor, duration_ms, vendor_calls`

/**
 * One page of the range, oldest first, after the keyset `after` (at, seq): the audit_at index holds
 * (at, rowid), so each page is an index range scan however deep into the export it is.
 */
async function exportPage(db: AuditDatabase, page: { range: ExportRange; after: Keyset | null; rows?: number }): Promise<ExportRow[]> {
  const { range, after, rows = EXPORT_PAGE_ROWS } = page
  const where: string[] = []
  const params: unknown[] = []
  if (range.since !== undefined) where.push('at >= ?'), params.push(range.since)
  if (range.until !== undefined) where.push('at <= ?'), params.push(range.until)
  if (after) where.push('(at, seq) > (?, ?)'), params.push(after.at, after.seq)
  const sql = `SELECT ${COLUMNS} FROM audit${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY at, seq LIMIT ?`
  return (
    await db
      .prepare(sql)
      .bind(...params, rows)
      .all<ExportRow>()
  ).results
}

/** Every column, in the export's order (NDJSON keys as CSV columns). */
function exportRow(r: ExportRow): AuditExportRow {
  const row: AuditExportRow = {
    ...auditRecordOf(r),
    clientRequestId: r.client_request_id,
    vendor: r.vendor,
    durationMs: r.duration_ms,
    vendorCalls: r.vendor_calls,
  }
  return Object.fromEntries(AUDIT_EXPORT_COLUMNS.map((column) => [column, row[column]])) as AuditExportRow
}

function encodeRow(row: AuditExportRow, format: AuditExportFormat): string {
  if (format === 'ndjson') return `${JSON.stringify(row)}\n`
  return csvLine(AUDIT_EXPORT_COLUMNS.map((column) => (column === 'ids' ? row.ids.join(' ') : row[column])))
}

export type ExportOptions = { format: AuditExportFormat; range: ExportRange; pageRows?: number }

/**
 * The range's rows as a byte stream, oldest first: each pull reads one page from D1 and enqueues it,
 * and nothing is read ahead of the reader (high-water mark 0), so an export of a million rows holds
 * one page at a time, and a reader that goes away (`cancel`) stops the queries.
 */
export function auditExportStream(db: AuditDatabase, options: ExportOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let after: Keyset | null = null
  let header = options.format === 'csv'
  let done = false
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (done) return
        if (header) {
          header = false
          controller.enqueue(encoder.encode(csvLine([...AUDIT_EXPORT_COLUMNS])))
          return
        }
        const page = await exportPage(db, { range: options.range, after, rows: options.pageRows })
        const last = page.at(-1)
        if (last) {
          after = { at: last.at, seq: last.seq }
          controller.enqueue(encoder.encode(page.map((r) => encodeRow(exportRow(r), options.format)).join('')))
        }
        if (page.length < (options.pageRows ?? EXPORT_PAGE_ROWS)) {
          done = true
          controller.close()
        }
      },
      cancel() {
        done = true
      },
    },
    { highWaterMark: 0 },
  )
}

import type { AuditExportFormat } from '@idv-lens/shared/api'
import type { RelayResult } from './messages.ts'

/**
 * The admin page's audit export goes over a port, not a message: the background streams the relay's
 * answer to the page a chunk at a time (a month of a team's audit is far more than one message holds).
 * The page sends one `AuditExportRequest`; the background answers `chunk`s, then one `end`.
 */
export const AUDIT_EXPORT_PORT = 'audit-export'

export type AuditExportRequest = { since: string; until: string; format: AuditExportFormat }

/** What the relay said about the file: its name, and how far back its rows can go. */
export type AuditExportMeta = { fileName: string; retentionDays: number | null; oldestRow: string | null }

export type AuditExportMessage = { type: 'chunk'; text: string } | { type: 'end'; result: RelayResult<AuditExportMeta> }

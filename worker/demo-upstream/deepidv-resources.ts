/**
 * deepidv's two session reads (docs/vendors/deepidv.md §3, §4) as plain functions. Hono wiring is in deepidv-app.ts.
 */
import { deepidvErrors } from './deepidv-errors.ts'
import type { DeepidvSession, DeepidvSessionRecord, DeepidvUser } from './deepidv-types.ts'
import { derivedString } from './prng.ts'
import type { Dataset } from './seed.ts'
import { DAY, parseIso8601 } from './timeline.ts'

export const DEFAULT_LIMIT = 50
export const MAX_LIMIT = 500
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface ListSessionsBody {
  sessions: DeepidvSessionRecord[]
  next_token: string | null
}

export interface RetrieveSessionBody {
  session_record: DeepidvSessionRecord
  user: DeepidvUser | null
  sender_user: DeepidvUser | null
  resource_links: Record<string, string>
}

/** `next_token` is base64 of `{"id":"<last session id>"}`, like the docs' example `eyJpZCI6ImFiYzEyMyJ9`. */
export function encodeNextToken(id: string): string {
  return btoa(JSON.stringify({ id }))
}

function decodeNextToken(token: string, dataset: Dataset): number {
  try {
    const parsed: unknown = JSON.parse(atob(token))
    if (typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'string') {
      const position = dataset.index.deepidvSessionPosition.get(parsed.id)
      if (position !== undefined) return position
    }
  } catch {
    // Not base64 or not JSON: same answer as an unknown id.
  }
  throw deepidvErrors.badRequest('Invalid next_token')
}

function dateParam(params: URLSearchParams, name: 'start_date' | 'end_date'): number | null {
  const value = params.get(name)
  if (value === null || value.trim() === '') return null
  const parsed = parseIso8601(value)
  if (!parsed) throw deepidvErrors.badRequest(`Invalid ${name} format. Use ISO 8601.`)
  // "Created on or before" a date-only end_date includes that whole day.
  return name === 'end_date' && parsed.dateOnly ? parsed.ms + DAY - 1 : parsed.ms
}

/**
 * Query modes in the documented priority (D1): external_id > workflow_id > by_organization > sender.
 * Modes don't combine; the date range applies in every mode (undocumented; the useful reading).
 */
export function listSessions(dataset: Dataset, params: URLSearchParams, userId: string): ListSessionsBody {
  const limitParam = params.get('limit')
  const limit =
    limitParam === null || limitParam.trim() === '' ? DEFAULT_LIMIT : /^\d+$/.test(limitParam.trim()) ? Number(limitParam) : Number.NaN
  if (!(limit >= 1 && limit <= MAX_LIMIT)) throw deepidvErrors.badRequest(`limit must be an integer between 1 and ${MAX_LIMIT}`)
  const byOrganizationParam = (params.get('by_organization') ?? 'false').trim().toLowerCase()
  if (byOrganizationParam !== 'true' && byOrganizationParam !== 'false')
    throw deepidvErrors.badRequest('by_organization must be true or false')
  const start = dateParam(params, 'start_date')
  const end = dateParam(params, 'end_date')
  const token = params.get('next_token')
  const from = token === null || token === '' ? 0 : decodeNextToken(token, dataset) + 1
  const externalId = params.get('external_id')?.trim() || null
  const workflowId = params.get('workflow_id')?.trim() || null

  const inMode: (r: DeepidvSessionRecord) => boolean =
    externalId !== null
      ? (r) => r.external_id === externalId
      : workflowId !== null
        ? (r) => r.workflow_id === workflowId
        : byOrganizationParam === 'true'
          ? () => true
          : (r) => r.sender_user_id === userId
  const matches = (s: DeepidvSession): boolean =>
    s.record.organization_id === dataset.deepidvOrganizationId &&
    inMode(s.record) &&
    (start === null || s.createdAtMs >= start) &&
    (end === null || s.createdAtMs <= end)

  const sessions: DeepidvSessionRecord[] = []
  const all = dataset.deepidvSessions
  let i = from
  for (; i < all.length && sessions.length < limit; i++) {
    const session = all[i] as DeepidvSession
    if (matches(session)) sessions.push(session.record)
  }
  let more = false
  for (; i < all.length && !more; i++) more = matches(all[i] as DeepidvSession)
  const last = sessions.at(-1)
  return { sessions, next_token: more && last ? encodeNextToken(last.id) : null }
}

export function retrieveSession(dataset: Dataset, id: string, requestTime: number): RetrieveSessionBody {
  if (!UUID.test(id)) throw deepidvErrors.badRequest('Invalid session id')
  const session = dataset.deepidvSessions[dataset.index.deepidvSessionPosition.get(id) ?? -1]
  if (!session) throw deepidvErrors.notFound('Session not found')
  const record = session.record
  return {
    session_record: record,
    user: dataset.index.deepidvUsers.get(record.user_id) ?? null,
    sender_user: dataset.index.deepidvUsers.get(record.sender_user_id) ?? null,
    resource_links: resourceLinks(record, requestTime),
  }
}

/** Presigned S3 GET links for each uploaded file, minted per request and valid 15 minutes (expiry is [INF]). */
function resourceLinks(record: DeepidvSessionRecord, requestTime: number): Record<string, string> {
  const amzDate = new Date(requestTime)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  const day = amzDate.slice(0, 8)
  const accessKey = `ASIA${derivedString(`${record.organization_id}/key`, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`
  const links: Record<string, string> = {}
  for (const [key, uploaded] of Object.entries(record.uploads)) {
    if (!uploaded) continue
    const objectKey = `${record.organization_id}/${record.id}/${key}.${key === 'pdf_summary' ? 'pdf' : 'jpg'}`
    const query = [
      'X-Amz-Algorithm=AWS4-HMAC-SHA256',
      `X-Amz-Credential=${accessKey}%2F${day}%2Fca-central-1%2Fs3%2Faws4_request`,
      `X-Amz-Date=${amzDate}`,
      'X-Amz-Expires=900',
      'X-Amz-SignedHeaders=host',
      `X-Amz-Signature=${derivedString(`${objectKey}@${amzDate}`, 64)}`,
    ].join('&')
    links[key] = `https://deepidv-uploads.s3.amazonaws.com/${objectKey}?${query}`
  }
  return links
}

/**
 * The demo's Onfido webhook deliveries (docs/vendors/onfido.md §6): `workflow_run.completed` for a run
 * that ended, and `report.completed` for one of its check's reports, each with the whole run as its
 * `resource` (personal data included, as Onfido sends it), signed `X-SHA2-Signature: <hex HMAC-SHA256
 * of the body>` with the webhook's token.
 */
import type { OnfidoDataset } from './onfido-seed.ts'

const encoder = new TextEncoder()
const ENDED: ReadonlySet<string> = new Set(['approved', 'declined', 'review', 'abandoned', 'error'])
const API = 'https://api.eu.onfido.com/v3.6'

export async function onfidoSignature(token: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return Array.from(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body))), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')
}

/** The `n`th delivery of the replay (oldest ended run first): even ones the run, odd ones a report of its check. */
export async function onfidoDelivery(data: OnfidoDataset, n: number, token: string, nowMs: number) {
  const runs = data.runs.filter((run) => ENDED.has(run.status)).reverse()
  const run = runs[Math.floor(n / 2) % runs.length]!
  const check = [...data.checks.values()].find((c) => c.applicant_id === run.applicant_id)
  const reportId = n % 2 === 1 ? check?.report_ids[0] : undefined
  const at = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const object = reportId
    ? { id: reportId, status: 'complete', completed_at_iso8601: at, href: `${API}/reports/${reportId}` }
    : { id: run.id, status: run.status, completed_at_iso8601: at, href: `${API}/workflow_runs/${run.id}` }
  const name = reportId ? 'report.completed' : 'workflow_run.completed'
  const body = JSON.stringify({ payload: { resource_type: reportId ? 'report' : 'workflow_run', action: name, object, resource: run } })
  return { body, signature: await onfidoSignature(token, body), id: object.id, name }
}

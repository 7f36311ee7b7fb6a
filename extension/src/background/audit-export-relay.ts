import { browser, type Browser } from '#imports'
import { AUDIT_EXPORT_FORMATS } from '@idv-lens/shared/api'
import { AUDIT_EXPORT_PORT, type AuditExportMessage, type AuditExportMeta, type AuditExportRequest } from '../lib/audit-export-port.ts'
import type { RelayResult } from '../lib/messages.ts'
import type { Relay } from './relay-client.ts'
import { isExtensionPage, type Sender } from './sender-policy.ts'

const ISO_DAY_OR_TIME = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+Z)?$/

/** The page's request, or null when it is not one (nothing is then asked of the relay). */
function checkRequest(req: unknown): AuditExportRequest | null {
  const r = req as Partial<AuditExportRequest> | null
  if (!r || typeof r.since !== 'string' || typeof r.until !== 'string' || !ISO_DAY_OR_TIME.test(r.since) || !ISO_DAY_OR_TIME.test(r.until))
    return null
  if (!AUDIT_EXPORT_FORMATS.includes(r.format as never)) return null
  return { since: r.since, until: r.until, format: r.format! }
}

/**
 * One export: the relay's stream decoded and handed to `chunk` as it arrives. The call is bounded by
 * `signal` (the page going away), not by the usual 20 s: a large export takes longer.
 */
export function exportAudit(
  relay: Relay,
  req: AuditExportRequest,
  out: { chunk(text: string): void; signal: AbortSignal },
): Promise<RelayResult<AuditExportMeta>> {
  return relay.call<AuditExportMeta>(null, false, async (c, o) => {
    const res = await c.v1.admin.audit.export.$get({ query: req }, { ...o, init: { signal: out.signal } })
    if (!res.ok || !res.body) return res as never
    const meta: AuditExportMeta = {
      fileName: /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `idv-lens-audit.${req.format}`,
      retentionDays: Number(res.headers.get('audit-retention-days')) || null,
      oldestRow: /^\d{4}-/.test(res.headers.get('audit-oldest-row') ?? '') ? res.headers.get('audit-oldest-row') : null,
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        out.chunk(value)
      }
    } finally {
      reader.releaseLock()
    }
    const text = JSON.stringify(meta)
    return { ok: true, status: 200, headers: new Headers(), text: async () => text, json: async () => meta }
  })
}

/** Serves the admin page's export port (extension pages only); closing the page cancels the export. */
export function registerAuditExport(relay: Relay): () => void {
  const onConnect = (port: Browser.runtime.Port) => {
    if (port.name !== AUDIT_EXPORT_PORT) return
    if (!port.sender || !isExtensionPage(port.sender as Sender)) return port.disconnect()
    const abort = new AbortController()
    port.onDisconnect.addListener(() => abort.abort())
    const post = (message: AuditExportMessage) => {
      if (!abort.signal.aborted) port.postMessage(message)
    }
    port.onMessage.addListener((message: unknown) => {
      const req = checkRequest(message)
      if (!req) return port.disconnect()
      void exportAudit(relay, req, { chunk: (text) => post({ type: 'chunk', text }), signal: abort.signal })
        .catch(
          (err: unknown): RelayResult<AuditExportMeta> => ({
            ok: false,
            error: { kind: 'internal', reason: { code: 'extension-failed', error: String(err) } },
          }),
        )
        .then((result) => post({ type: 'end', result }))
    })
  }
  browser.runtime.onConnect.addListener(onConnect)
  return () => browser.runtime.onConnect.removeListener(onConnect)
}

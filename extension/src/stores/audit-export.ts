import { browser } from '#imports'
import { signal } from '@preact/signals'
import { AUDIT_EXPORT_PORT, type AuditExportMessage, type AuditExportRequest } from '../lib/audit-export-port.ts'
import type { RelayFailure } from '../lib/messages.ts'

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; bytes: number }
  | { phase: 'done'; fileName: string; bytes: number }
  | { phase: 'failed'; error: RelayFailure }

type Port = {
  postMessage(message: unknown): void
  disconnect(): void
  onMessage: { addListener(cb: (message: AuditExportMessage) => void): void }
}

/** Offers a file for download from this page: an anchor on a blob URL (no downloads permission needed). */
export function saveFile(blob: Blob, fileName: string): () => void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  return () => URL.revokeObjectURL(url)
}

/**
 * The admin page's audit export: asks the background over a port (lib/audit-export-port.ts) and keeps
 * each chunk as a Blob part as it comes (the browser may keep large blobs on disk), then saves the file.
 */
export function createAuditExport(deps: { connect?: () => Port; save?: typeof saveFile } = {}) {
  const connect = deps.connect ?? (() => browser.runtime.connect({ name: AUDIT_EXPORT_PORT }) as unknown as Port)
  const save = deps.save ?? saveFile
  const state = signal<ExportState>({ phase: 'idle' })
  let release = () => {}

  function start(req: AuditExportRequest): void {
    release()
    const port = connect()
    let parts: Blob[] = []
    let bytes = 0
    state.value = { phase: 'running', bytes }
    port.onMessage.addListener((message) => {
      if (message.type === 'chunk') {
        const part = new Blob([message.text])
        parts.push(part)
        bytes += part.size
        state.value = { phase: 'running', bytes }
        return
      }
      port.disconnect()
      if (!message.result.ok) {
        state.value = { phase: 'failed', error: message.result.error }
        return
      }
      const blob = new Blob(parts, { type: req.format === 'csv' ? 'text/csv' : 'application/x-ndjson' })
      parts = []
      release = save(blob, message.result.data.fileName)
      state.value = { phase: 'done', fileName: message.result.data.fileName, bytes: blob.size }
    })
    port.postMessage(req)
  }

  return { state, start }
}

export type AuditExport = ReturnType<typeof createAuditExport>

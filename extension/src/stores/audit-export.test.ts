import { describe, expect, it } from 'vitest'
import type { AuditExportMessage } from '../lib/audit-export-port.ts'
import { createAuditExport } from './audit-export.ts'

/** A port the test answers by hand, as the background would. */
function fakePort() {
  const sent: unknown[] = []
  let listener: (m: AuditExportMessage) => void = () => {}
  const port = {
    disconnected: false,
    postMessage: (m: unknown) => void sent.push(m),
    disconnect() {
      port.disconnected = true
    },
    onMessage: { addListener: (cb: (m: AuditExportMessage) => void) => void (listener = cb) },
  }
  return { port, sent, answer: (m: AuditExportMessage) => listener(m) }
}

describe('the admin page audit export', () => {
  it('asks once, keeps each chunk in order, and saves one file with the relay name', async () => {
    const { port, sent, answer } = fakePort()
    const saved: { blob: Blob; name: string }[] = []
    const exporter = createAuditExport({ connect: () => port, save: (blob, name) => (saved.push({ blob, name }), () => {}) })
    const req = { since: '2026-11-01T00:00:00.000Z', until: '2026-11-27T23:59:59.999Z', format: 'csv' as const }
    exporter.start(req)
    expect(sent).toEqual([req])
    answer({ type: 'chunk', text: 'time,requestId\r\n' })
    answer({ type: 'chunk', text: 'a,ü\r\n' })
    expect(exporter.state.value).toEqual({ phase: 'running', bytes: 16 + 6 })
    answer({
      type: 'end',
      result: {
        ok: true,
        data: { fileName: 'idv-lens-audit-2026-11-01-2026-11-27.csv', retentionDays: 90, oldestRow: null },
        freshness: null,
        receivedAt: 0,
      },
    })
    expect(saved).toHaveLength(1)
    expect(saved[0]!.name).toBe('idv-lens-audit-2026-11-01-2026-11-27.csv')
    expect(await saved[0]!.blob.text()).toBe('time,requestId\r\na,ü\r\n')
    expect(exporter.state.value).toEqual({ phase: 'done', fileName: 'idv-lens-audit-2026-11-01-2026-11-27.csv', bytes: 22 })
    expect(port.disconnected).toBe(true)
  })

  it('saves nothing when the relay refuses, and says why', () => {
    const { port, answer } = fakePort()
    const saved: unknown[] = []
    const exporter = createAuditExport({ connect: () => port, save: (blob) => (saved.push(blob), () => {}) })
    exporter.start({ since: '2026-11-01', until: '2026-11-02', format: 'ndjson' })
    const error = { kind: 'bad-request' as const, reason: { code: 'problem' as const, problem: { code: 'forbidden' } } }
    answer({ type: 'end', result: { ok: false, error: error as never } })
    expect(saved).toEqual([])
    expect(exporter.state.value).toEqual({ phase: 'failed', error })
  })
})

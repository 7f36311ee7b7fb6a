// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMarkStore } from '../marks/mark-store.ts'
import { createPageIdsReport } from './page-ids-report.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function setup() {
  const store = createMarkStore()
  const send = vi.fn(async () => {})
  const onPublish = vi.fn()
  const report = createPageIdsReport({ store, send, onPublish, setTimer: (run, ms) => setTimeout(run, ms) })
  const add = (id: string) => {
    const t = document.createTextNode(id)
    return store.add({
      id,
      kind: 'persona-inquiry',
      range: { startContainer: t, startOffset: 0, endContainer: t, endOffset: id.length },
      nodes: [t],
      link: null,
    })!
  }
  return { store, send, onPublish, report, add }
}

describe('createPageIdsReport', () => {
  it('should send the IDs and kinds once per burst of changes, and only when the set changed', () => {
    const { send, report, add } = setup()
    add(INQ)
    report.changed()
    add(INQ)
    report.changed()
    vi.advanceTimersByTime(250)
    expect(send).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenCalledWith([{ id: INQ, kind: 'persona-inquiry' }])
    // Another occurrence of the same ID changes nothing worth reporting.
    add(INQ)
    report.changed()
    vi.advanceTimersByTime(250)
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('should report on demand even when nothing changed (an empty page reports too)', () => {
    const { send, report, onPublish } = setup()
    report.now()
    expect(send).toHaveBeenCalledWith([])
    expect(onPublish).toHaveBeenCalledWith([])
  })

  it('should resolve an on-demand report once the background has it, and never reject', async () => {
    const { send, report } = setup()
    let answer!: () => void
    send.mockImplementationOnce(() => new Promise<void>((resolve) => (answer = resolve)))
    let done = false
    const reporting = report.now().then(() => (done = true))
    await Promise.resolve()
    expect(done).toBe(false)
    answer()
    await reporting
    send.mockRejectedValueOnce(new Error('Extension context invalidated.'))
    await expect(report.now()).resolves.toBeUndefined()
  })

  it('should flush at once when a scan ends, but not send the same set twice', () => {
    const { send, report, add } = setup()
    void report.flush()
    expect(send).toHaveBeenCalledWith([])
    add(INQ)
    report.changed()
    void report.flush()
    expect(send).toHaveBeenCalledTimes(2)
    expect(send).toHaveBeenLastCalledWith([{ id: INQ, kind: 'persona-inquiry' }])
    // The report the change scheduled finds nothing new, nor does a second flush.
    vi.advanceTimersByTime(250)
    void report.flush()
    expect(send).toHaveBeenCalledTimes(2)
  })
})

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
    return store.add({ id, kind: 'persona-inquiry', range: { startContainer: t, startOffset: 0, endContainer: t, endOffset: id.length }, nodes: [t], link: null })!
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

  it('should report the quick count at once, keep it in every report while the scan marks, and never count less', () => {
    const { send, onPublish, report, add, store } = setup()
    const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
    const IQSE = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
    const counted = [
      { id: INQ, kind: 'persona-inquiry' as const },
      { id: EVT, kind: 'persona-event' as const },
    ]
    void report.early(counted)
    expect(send).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenLastCalledWith(counted)
    // The scan has marked one of the two so far: the badge must not drop to 1.
    add(INQ)
    report.changed()
    vi.advanceTimersByTime(250)
    expect(send).toHaveBeenCalledTimes(1)
    // Our own list shows only what has marks.
    expect(onPublish).toHaveBeenLastCalledWith(store.ids())
    // A mark the count did not see (the page changed since) joins the report.
    const t = document.createTextNode(IQSE)
    store.add({ id: IQSE, kind: 'persona-inquiry-session', range: { startContainer: t, startOffset: 0, endContainer: t, endOffset: IQSE.length }, nodes: [t], link: null })
    report.changed()
    vi.advanceTimersByTime(250)
    expect(send).toHaveBeenCalledTimes(2)
    expect(send).toHaveBeenLastCalledWith([...counted, { id: IQSE, kind: 'persona-inquiry-session' }])
    // The scan's first pass ends: the marks alone are the page's IDs (the page lost EVT meanwhile).
    void report.endEarly()
    expect(send).toHaveBeenCalledTimes(3)
    expect(send).toHaveBeenLastCalledWith([
      { id: INQ, kind: 'persona-inquiry' },
      { id: IQSE, kind: 'persona-inquiry-session' },
    ])
    // A count that finishes after that adds nothing.
    void report.early(counted)
    expect(send).toHaveBeenCalledTimes(3)
  })

  it('should not send again when the first pass ends with the marks the count already reported', () => {
    const { send, report, add } = setup()
    void report.early([{ id: INQ, kind: 'persona-inquiry' }])
    add(INQ)
    void report.endEarly()
    expect(send).toHaveBeenCalledTimes(1)
  })
})

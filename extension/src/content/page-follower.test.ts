// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMarkStore } from './marks/mark-store.ts'
import { afterFirstFrame, followPage } from './page-follower.ts'
import { createPageScanner } from './scan/page-scanner.ts'
import { createSlicer } from './scan/slicer.ts'

/**
 * The follower with the real store, scanner and slicer; slices run only when the test says so, and
 * their clock stands still: how much fits in the page's own task must not depend on the machine.
 */
function setup() {
  const requested: (() => void)[] = []
  const slicer = createSlicer({ now: () => 0, requestSlice: (run) => void requested.push(() => run()) })
  const store = createMarkStore()
  const scanner = createPageScanner({ store, slicer, uuids: () => false })
  const scan = vi.spyOn(scanner, 'scan')
  const batches: (readonly MutationRecord[])[] = []
  const follower = followPage({ doc: document, store, scanner, slicer, onNavigate: () => {}, onBatch: (batch) => batches.push(batch) })
  follower.observe()
  return { store, scan, batches, requested, follower }
}

/** The observer's records arrive in a microtask. */
const records = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => document.body.replaceChildren())

describe('followPage', () => {
  it('should hand every change to onBatch (a class may move or cover a mark) but scan only for the attributes that change what is scanned', async () => {
    const p = document.body.appendChild(document.createElement('p'))
    const link = p.appendChild(document.createElement('a'))
    const { scan, batches, requested, follower } = setup()
    p.setAttribute('class', 'open')
    p.style.color = 'red'
    await records()
    expect(batches.flat().map((r) => r.attributeName)).toEqual(['class', 'style'])
    expect(scan).not.toHaveBeenCalled()
    expect(requested).toHaveLength(0)
    link.setAttribute('href', 'https://app.withpersona.com/dashboard/inquiries/inq_zEx4jL84ShbUyuwX6AzPSqt6')
    await records()
    expect(scan).toHaveBeenCalledWith(p)
    follower.disconnect()
  })

  it("should scan a small change in the page's own task and ask for no slice after it (a ticking clock costs one task)", async () => {
    const clock = document.body.appendChild(document.createElement('header'))
    clock.textContent = 'updated 1 s ago'
    const { store, requested, follower } = setup()
    clock.textContent = 'updated 2 s ago, see inq_zEx4jL84ShbUyuwX6AzPSqt6'
    await records()
    expect(store.size).toBe(1)
    expect(requested).toHaveLength(0)
    follower.disconnect()
  })
})

const LAST = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const NEW = 'inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu'
const AHEAD = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'

/**
 * The content script's first pass (page-scan.ts) over `html`, started as the content script starts
 * it, on a clock where each read costs 2 ms: a 30 ms slice walks about 3,000 nodes, and a change's
 * 6 ms in the page's own task plans it and resumes the scan once.
 */
function firstPass(html: string) {
  document.body.innerHTML = html
  let time = 0
  const requested: (() => void)[] = []
  const slicer = createSlicer({ now: () => (time += 2), requestSlice: (run) => void requested.push(() => run()), firstPassSliceMs: 30 })
  const store = createMarkStore()
  const scanner = createPageScanner({ store, slicer, uuids: () => false })
  const follower = followPage({ doc: document, store, scanner, slicer, onNavigate: () => {}, onBatch: () => {} })
  scanner.scan(document.body)
  slicer.runNow(30)
  follower.observe()
  const step = () => requested.shift()?.()
  const finish = () => {
    while (requested.length > 0) step()
  }
  return { store, slicer, follower, step, finish, ids: () => store.ids().map((p) => p.id) }
}

describe('followPage during the first pass', () => {
  it("should mark IDs the page adds while the first pass walks a big ticket in the page's own task, not after the walk, and each once in the end", async () => {
    const { store, slicer, follower, finish, ids } = firstPass(
      `<main id="conversation">${'<p>A reply without an ID.</p>'.repeat(8000)}<p>Last one: ${LAST}</p></main>`,
    )
    expect(slicer.pending).toBe(1)
    // A reply above the walk (behind it) and one below it (ahead of it), as a helpdesk renders them.
    const reply = (id: string) => Object.assign(document.createElement('article'), { innerHTML: `<p>Follow-up about ${id}</p>` })
    document.getElementById('conversation')!.prepend(reply(NEW))
    document.getElementById('conversation')!.append(reply(AHEAD))
    await records()
    expect(ids()).toEqual([NEW, AHEAD])
    expect(slicer.pending).toBe(1) // the first pass goes on
    finish()
    expect(ids().sort()).toEqual([AHEAD, LAST, NEW].sort())
    for (const id of [NEW, AHEAD, LAST]) expect(store.marksOf(id).size).toBe(1)
    follower.disconnect()
  })

  it('should mark the new text of the block the walk stands in before the walk goes on, and leave no old mark', async () => {
    // One block of 3,000 inline nodes: its run is gathered over several slices, and holds old text when it changes.
    const spans = Array.from({ length: 1500 }, (_, i) => `<span>part ${i}</span>`).join(' ')
    const { store, slicer, follower, step, ids } = firstPass(
      `<main><div id="long">${spans}</div>${'<p>A reply without an ID.</p>'.repeat(5000)}<p>Last one: ${LAST}</p></main>`,
    )
    const changed = document.querySelectorAll('#long span')[10]!.firstChild as Text
    changed.data = NEW
    await records()
    while (!ids().includes(NEW) && slicer.pending > 0) step()
    expect(ids()).toEqual([NEW])
    // The walk's run through the block, gathered before the change, puts no old text's marks back: the mark stays throughout.
    let gone = 0
    while (slicer.pending > 0) {
      step()
      if (!ids().includes(NEW)) gone++
    }
    expect(gone).toBe(0)
    expect(ids().sort()).toEqual([LAST, NEW].sort())
    expect([...store.marksOf(NEW)].map((m) => m.nodes)).toEqual([[changed]])
    follower.disconnect()
  })
})

describe('afterFirstFrame', () => {
  afterEach(() => vi.restoreAllMocks())

  it('should resolve in a task after the next frame, not before it (the page lays itself out and paints first)', async () => {
    const frames: FrameRequestCallback[] = []
    vi.spyOn(document.defaultView!, 'requestAnimationFrame').mockImplementation((run) => frames.push(run))
    let resolved = false
    void afterFirstFrame(document).then(() => (resolved = true))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(resolved).toBe(false)
    expect(frames).toHaveLength(1)
    frames[0]!(0) // the frame
    expect(resolved).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(resolved).toBe(true)
  })

  it('should resolve at once in a hidden document, which renders no frames', async () => {
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    const raf = vi.spyOn(document.defaultView!, 'requestAnimationFrame')
    await afterFirstFrame(document)
    expect(raf).not.toHaveBeenCalled()
  })
})

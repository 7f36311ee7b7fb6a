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

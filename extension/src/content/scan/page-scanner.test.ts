// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { createMarkStore } from '../marks/mark-store.ts'
import { createPageScanner } from './page-scanner.ts'
import { createSlicer } from './slicer.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const IQSE = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

/** Slices run synchronously, so a scan is finished when `scan()` returns. */
function setup(options: { uuids?: boolean; maxChars?: number; maxIds?: number } = {}) {
  const store = createMarkStore({ maxIds: options.maxIds })
  const slicer = createSlicer({ requestSlice: (run) => run() })
  const scanner = createPageScanner({ store, slicer, uuids: () => options.uuids ?? false, maxChars: options.maxChars })
  return { store, scanner, ids: () => store.ids().map((p) => p.id) }
}

beforeEach(() => {
  document.body.innerHTML = ''
})

describe('createPageScanner', () => {
  it('should find IDs in text, code blocks and dashboard links, and none in editors or decoys', () => {
    document.body.innerHTML = `
      <p>Customer wrote about ${INQ}.</p>
      <pre><code>{"session": "${IQSE}"}</code></pre>
      <a href="https://app.withpersona.com/dashboard/events/${EVT}">the event</a>
      <textarea>inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e</textarea>
      <div contenteditable>inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu</div>
      <p>decoys: inq_ABC123, INQ_zEx4jL84ShbUyuwX6AzPSqt6, my_inq_zEx4jL84ShbUyuwX6AzPSqt6x, ${UUID}</p>`
    const { scanner, store, ids } = setup()
    scanner.scan(document.body)
    expect(ids()).toEqual([INQ, IQSE, EVT])
    // The link's mark covers the link's text.
    const [linkMark] = store.marksOf(EVT)
    expect(linkMark!.link?.textContent).toBe('the event')
  })

  it('should list IDs in reading order, links included', () => {
    document.body.innerHTML = `<p>Event ${EVT}, <a href="https://app.withpersona.com/dashboard/inquiry-sessions/${IQSE}">View session</a> and ${INQ}.</p>`
    const { scanner, ids } = setup()
    scanner.scan(document.body)
    expect(ids()).toEqual([EVT, IQSE, INQ])
  })

  it('should mark a dashboard link once when its text already shows the ID', () => {
    document.body.innerHTML = `<a href="https://app.withpersona.com/dashboard/inquiries/${INQ}">${INQ}</a>`
    const { scanner, store } = setup()
    scanner.scan(document.body)
    expect(store.marksOf(INQ).size).toBe(1)
    expect([...store.marksOf(INQ)][0]!.link).toBeNull()
  })

  it('should count bare UUIDs only where UUID recognition is on', () => {
    document.body.innerHTML = `<p>deepidv session ${UUID}</p>`
    const off = setup()
    off.scanner.scan(document.body)
    expect(off.ids()).toEqual([])
    const on = setup({ uuids: true })
    on.scanner.scan(document.body)
    expect(on.ids()).toEqual([UUID])
  })

  it('should not duplicate marks when the same text is scanned again', () => {
    document.body.innerHTML = `<p>${INQ} and ${INQ}</p>`
    const { scanner, store } = setup()
    scanner.scan(document.body)
    scanner.scan(document.body.firstChild!)
    scanner.scan(document.body)
    expect(store.marksOf(INQ).size).toBe(2)
  })

  it('should forget IDs that edited text no longer holds', () => {
    document.body.innerHTML = `<p id="p">${INQ}</p>`
    const { scanner, ids } = setup()
    scanner.scan(document.body)
    const p = document.getElementById('p')!
    ;(p.firstChild as Text).data = 'nothing here'
    scanner.scan(p)
    expect(ids()).toEqual([])
  })

  it("should let text past the window's budget wait, keeping its marks, and read it once there is room", () => {
    document.body.innerHTML = `<p id="a">${INQ}</p><p id="b">${'x'.repeat(100)}</p>`
    const clock = { now: 0 }
    const timers: { at: number; run: () => void }[] = []
    const store = createMarkStore()
    const slicer = createSlicer({ requestSlice: (run) => run() })
    const scanner = createPageScanner({
      store,
      slicer,
      uuids: () => false,
      maxChars: 150,
      windowMs: 10_000,
      now: () => clock.now,
      setTimer: (run, ms) => timers.push({ at: clock.now + ms, run }),
    })
    const ids = () => store.ids().map((p) => p.id)
    scanner.scan(document.body)
    expect(ids()).toEqual([INQ])
    const a = document.getElementById('a')!
    const b = document.getElementById('b')!
    // A page rewriting the long paragraph: the first rewrite fits, the next ones wait.
    scanner.scan(b)
    expect(scanner.textCapped).toBe(true)
    // The ID's paragraph changes too (a new ID next to the old one): it waits, and the old mark stays.
    a.append(` and ${EVT}`)
    scanner.scan(a)
    expect(ids()).toEqual([INQ])
    expect(store.marksOf(INQ).size).toBe(1)
    expect(timers).toHaveLength(1)

    // The window slides on: the waiting text is read, as much per window as the budget allows
    // (the long paragraph in the first window, the ID's paragraph in the next), never more.
    let windows = 0
    while (timers.length > 0) {
      clock.now = timers[0]!.at
      timers.shift()!.run()
      windows++
      expect(scanner.windowChars).toBeLessThanOrEqual(150)
    }
    expect(windows).toBe(2)
    expect(ids()).toEqual([INQ, EVT])
    expect(scanner.textCapped).toBe(false)
    expect(scanner.windowChars).toBeLessThanOrEqual(150)
  })

  it("should keep a long text's marks while it is read again across several slices, then swap them in one step", () => {
    // 200 KB of one text node with an ID in the middle: read in 64 KB windows, one per slice here.
    const filler = 'status sync ok; '.repeat(6400)
    document.body.innerHTML = `<p id="p">${filler} ${INQ} ${filler}</p>`
    const store = createMarkStore({})
    const slices: (() => void)[] = []
    let clock = 0
    // Each reading of the clock is 10 ms later, so every slice runs a single unit of work.
    const slicer = createSlicer({ requestSlice: (run) => slices.push(() => run()), now: () => (clock += 10) })
    const scanner = createPageScanner({ store, slicer, uuids: () => false })
    const drainAll = (seen: number[]) => {
      while (slices.length > 0) {
        slices.shift()!()
        seen.push(store.marksOf(INQ).size)
      }
    }
    scanner.scan(document.body)
    drainAll([])
    expect(store.marksOf(INQ).size).toBe(1)

    // The page edits the paragraph's text elsewhere: it is read again, and the mark never goes away.
    const text = document.getElementById('p')!.firstChild as Text
    text.data = `x${text.data}`
    scanner.scan(text)
    const seen: number[] = []
    drainAll(seen)
    expect(seen.length).toBeGreaterThan(2)
    expect(seen.every((n) => n === 1)).toBe(true)
  })

  it('should read the root again from the start when the page removed the part it stood in between two slices', () => {
    document.body.innerHTML = `<div id="a">${'<p>filler</p>'.repeat(40)}</div><p>${EVT}</p><section><p>${INQ}</p></section>`
    const store = createMarkStore({})
    const slices: (() => void)[] = []
    let clock = 0
    // Each reading of the clock is 10 ms later, so every slice runs a single unit (16 runs) of work.
    const slicer = createSlicer({ requestSlice: (run) => slices.push(() => run()), now: () => (clock += 10) })
    const scanner = createPageScanner({ store, slicer, uuids: () => false })
    scanner.scan(document.body)
    slices.shift()!()
    document.getElementById('a')!.remove()
    while (slices.length > 0) slices.shift()!()
    expect(store.ids().map((id) => id.id)).toEqual([EVT, INQ])
  })

  it('should read a text longer than the whole budget when the window is empty', () => {
    document.body.innerHTML = `<pre>${'x '.repeat(100)} ${INQ}</pre>`
    const { scanner, ids } = setup({ maxChars: 50 })
    scanner.scan(document.body)
    expect(ids()).toEqual([INQ])
  })

  it('should stop at the distinct-ID cap', () => {
    document.body.innerHTML = `<p>${INQ} ${IQSE} ${EVT}</p>`
    const { scanner, store, ids } = setup({ maxIds: 2 })
    scanner.scan(document.body)
    expect(ids()).toEqual([INQ, IQSE])
    expect(store.capped).toBe(true)
  })

  it('should read blocks of plain text whole and count their text, with the same IDs and marks as a walk through their nodes', () => {
    document.body.innerHTML = `<article><div>Customer 1</div><p>nothing to see here</p><p>see ${INQ} please</p><p>a <b>${IQSE}</b> b</p><pre>${EVT}</pre></article>`
    const { scanner, store, ids } = setup()
    scanner.scan(document.body)
    expect(ids()).toEqual([INQ, IQSE, EVT])
    expect(scanner.scannedChars).toBe(document.body.textContent!.length)
    const [mark] = store.marksOf(INQ)
    expect(mark!.nodes).toEqual([document.querySelectorAll('p')[1]!.firstChild])
    expect(mark!.range.startOffset).toBe(4)
  })

  it('should drop the marks of a block whose text changed even when a queued root around it reads it', () => {
    document.body.innerHTML = `<div id="d"><p id="p">${INQ}</p></div>`
    const store = createMarkStore()
    const queued: (() => void)[] = []
    const slicer = createSlicer({ requestSlice: (run) => queued.push(run) })
    const scanner = createPageScanner({ store, slicer, uuids: () => false })
    scanner.scan(document.body)
    while (queued.length) queued.shift()!()
    expect(store.marksOf(INQ).size).toBe(1)

    // One batch of the page's changes: the paragraph's text (its block is queued) and something else in the div.
    const p = document.getElementById('p')!
    ;(p.firstChild as Text).data = 'nothing here any more'
    scanner.scan(p)
    scanner.scan(document.getElementById('d')!)
    while (queued.length) queued.shift()!()
    expect(store.marksOf(INQ).size).toBe(0)
    expect(store.marks).toBe(0)
  })

  it('should scan a root queued inside another queued root only once', () => {
    document.body.innerHTML = `<div><p>${INQ}</p></div>`
    const store = createMarkStore()
    const queued: (() => void)[] = []
    const slicer = createSlicer({ requestSlice: (run) => queued.push(run) })
    const scanner = createPageScanner({ store, slicer, uuids: () => false })
    scanner.scan(document.body.firstChild!.firstChild!)
    scanner.scan(document.body)
    while (queued.length) queued.shift()!()
    expect(store.marksOf(INQ).size).toBe(1)
  })

  it('should find IDs inside open shadow roots, nested ones too, and report each root each time it meets it', () => {
    document.body.innerHTML = `<p>${INQ}</p><ticket-view></ticket-view>`
    const outer = document.querySelector('ticket-view')!.attachShadow({ mode: 'open' })
    outer.innerHTML = `<p>Session ${IQSE}</p><email-view></email-view>`
    const inner = outer.querySelector('email-view')!.attachShadow({ mode: 'open' })
    inner.innerHTML = `<p>Event ${EVT}</p>`
    const store = createMarkStore()
    const slicer = createSlicer({ requestSlice: (run) => run() })
    const found: ShadowRoot[] = []
    const scanner = createPageScanner({ store, slicer, uuids: () => false, onShadowRoot: (root) => found.push(root) })
    scanner.scan(document.body)
    expect(store.ids().map((p) => p.id)).toEqual([INQ, IQSE, EVT])
    expect(found).toEqual([outer, inner])
    // Scanning again does not duplicate marks; the follower is told of the roots again (it knows
    // which ones it follows, and may have let go of one that left the page and came back).
    scanner.scan(document.body)
    expect(store.marksOf(EVT).size).toBe(1)
    expect(found).toEqual([outer, inner, outer, inner])
  })

  it('should read the shadow root of a component scanned as a root of its own (the page appended it as one node)', () => {
    document.body.innerHTML = `<main><p>${INQ}</p></main>`
    const host = document.createElement('id-panel')
    host.attachShadow({ mode: 'open' }).innerHTML = `<p>Event ${EVT}</p>`
    document.querySelector('main')!.append(host)
    const found: ShadowRoot[] = []
    const store = createMarkStore()
    const scanner = createPageScanner({
      store,
      slicer: createSlicer({ requestSlice: (run) => run() }),
      uuids: () => false,
      onShadowRoot: (root) => found.push(root),
    })
    scanner.scan(host)
    expect(store.ids().map((p) => p.id)).toEqual([EVT])
    expect(found).toEqual([host.shadowRoot])
  })
})

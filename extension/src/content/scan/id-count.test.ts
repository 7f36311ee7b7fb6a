// @vitest-environment happy-dom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { generateTicketPage } from '../../../../test/bench/ticket-page.ts'
import { createIdCount, type IdCountOptions } from './id-count.ts'
import { createMarkStore, idKey } from '../marks/mark-store.ts'
import { createPageScanner } from './page-scanner.ts'
import { createSlicer } from './slicer.ts'
import { UI_TAG } from './text-runs.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const IQSE = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/helpdesk')

type Rules = { uuids?: boolean; maxIds?: number; maxChars?: number }

/** What the full scan finds (slices run synchronously here). */
function scanned(rules: Rules = {}): string[] {
  const store = createMarkStore({ maxIds: rules.maxIds })
  const slicer = createSlicer({ requestSlice: (run) => run() })
  createPageScanner({ store, slicer, uuids: () => rules.uuids ?? false, maxChars: rules.maxChars }).scan(document.body)
  return store.ids().map((p) => p.key)
}

/** What the quick count finds, by the same rules, in one step. */
function counted(rules: Rules = {}): string[] {
  const options: IdCountOptions = { uuids: rules.uuids ?? false, maxIds: rules.maxIds ?? 2000, maxChars: rules.maxChars ?? 10 * 1024 * 1024 }
  const count = createIdCount(document.body, options)
  expect(count.step(Number.POSITIVE_INFINITY)).toBe(true)
  return count.ids().map((p) => idKey(p.id, p.kind))
}

const bodyOf = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html

beforeEach(() => {
  document.body.innerHTML = ''
})

describe('createIdCount', () => {
  it.each(['zendesk-ticket.html', 'intercom-conversation.html', 'front-conversation.html', 'other-site.html'])(
    'should find exactly the IDs the full scan marks, in the same order, on %s',
    (file) => {
      document.body.innerHTML = bodyOf(readFileSync(join(FIXTURES, file), 'utf8'))
      for (const uuids of [false, true]) {
        const full = scanned({ uuids })
        expect(full.length).toBeGreaterThan(0)
        expect(counted({ uuids })).toEqual(full)
      }
    },
  )

  it('should find the benchmark ticket’s IDs, and only them, like the full scan', () => {
    // A slice of the 5 MB page (happy-dom is slow): the IDs placed in it, among the same decoys.
    const { html, ids } = generateTicketPage(400 * 1024)
    document.body.innerHTML = bodyOf(html)
    const full = scanned()
    expect(full.length).toBeGreaterThan(200)
    expect(full.filter((id) => !ids.includes(id))).toEqual([])
    expect(counted()).toEqual(full)
  })

  it('should skip what the scan skips: editors, form controls, scripts, our UI, decoys and glued text', () => {
    document.body.innerHTML = `
      <p>Customer wrote about ${INQ}.</p>
      <textarea>inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e</textarea>
      <input value="inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu">
      <select><option>inq_Abcdefghijkmnopqrstuvwx1</option></select>
      <script>var x = "inq_Bbcdefghijkmnopqrstuvwx1"</script>
      <style>/* inq_Cbcdefghijkmnopqrstuvwx1 */</style>
      <div contenteditable>inq_Dbcdefghijkmnopqrstuvwx1</div>
      <div role="textbox">inq_Ebcdefghijkmnopqrstuvwx1</div>
      <div hidden>inq_Fbcdefghijkmnopqrstuvwx1</div>
      <${UI_TAG}>inq_Gbcdefghijkmnopqrstuvwx1</${UI_TAG}>
      <p>decoys: inq_ABC123, INQ_zEx4jL84ShbUyuwX6AzPSqt6, my_inq_zEx4jL84ShbUyuwX6AzPSqt6x, ${UUID}</p>
      <p>split over inline tags: <b>iqse_</b>T8PrqpoEhwhUV1wHReuU9ofs; glued across blocks:</p><div>evt_</div><div>o9byQRbjygu76Jbtea9wuJ1boP7a</div>`
    expect(counted()).toEqual([INQ, IQSE])
    expect(counted()).toEqual(scanned())
  })

  it('should judge an ID at the edge of a text node by its whole run (glued letters, split escapes)', () => {
    document.body.innerHTML = `
      <p>glued: x<span>${INQ}</span> and <span>${EVT}</span>y</p>
      <p>escaped: https://example.test/?q=%2<b>F</b>${IQSE}%2C</p>
      <p>inside a text: a ${INQ}x b</p>
      <p>split before its underscore: <b>ev</b>${EVT.slice(2)} ok</p>`
    expect(scanned()).toEqual([IQSE, EVT])
    expect(counted()).toEqual(scanned())
  })

  it('should count dashboard links as the scan marks them, and bare UUIDs only where they count', () => {
    document.body.innerHTML = `
      <p>Event ${EVT}, <a href="https://app.withpersona.com/dashboard/inquiry-sessions/${IQSE}">View session</a></p>
      <p><a href="https://app.withpersona.com/dashboard/inquiries/${INQ}">${INQ}</a> deepidv ${UUID.toUpperCase()}</p>`
    expect(counted()).toEqual([EVT, IQSE, INQ])
    expect(counted()).toEqual(scanned())
    expect(counted({ uuids: true })).toEqual([EVT, IQSE, INQ, UUID])
    expect(counted({ uuids: true })).toEqual(scanned({ uuids: true }))
  })

  it('should read open shadow roots met in the blocks it walks after the page, as the scan does', () => {
    document.body.innerHTML = `<p>${INQ}</p><p>About <x-card></x-card></p><p>${EVT} <x-card></x-card></p>`
    const [quiet, busy] = [...document.querySelectorAll('x-card')].map((host) => host.attachShadow({ mode: 'open' }))
    busy!.innerHTML = `<p>${IQSE}</p>`
    quiet!.innerHTML = `<p>inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu</p>`
    // The second host's block holds an ID, so it is walked and its shadow root read; the first
    // host's block holds no ID character, so its shadow root is left to the scan (a subset, never more).
    expect(counted()).toEqual([INQ, EVT, IQSE])
    expect(scanned()).toEqual([INQ, EVT, 'inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu', IQSE])
  })

  it('should stop at the store’s cap on distinct IDs, keeping the same first IDs as the scan', () => {
    document.body.innerHTML = `<p>${EVT}</p><p>${INQ} ${EVT} ${IQSE}</p>`
    expect(counted({ maxIds: 2 })).toEqual([EVT, INQ])
    expect(counted({ maxIds: 2 })).toEqual(scanned({ maxIds: 2 }))
  })

  it('should not count text past the scan’s text budget (the scan leaves it for a later window)', () => {
    document.body.innerHTML = `<p>${INQ}</p><p>${'x'.repeat(100)} ${IQSE}</p><p>${EVT}</p>`
    // The scanner reads EVT's short run in the room left; the count, which knows only an upper bound
    // of what the scanner read before, leaves it to the scan's report.
    expect(scanned({ maxChars: 120 })).toEqual([INQ, EVT])
    expect(counted({ maxChars: 120 })).toEqual([INQ])
    // A text longer than the whole budget is read when it comes first.
    document.body.innerHTML = `<p>${'x'.repeat(200)} ${IQSE}</p><p>${EVT}</p>`
    expect(counted({ maxChars: 120 })).toEqual([IQSE])
    expect(scanned({ maxChars: 120 })).toEqual([IQSE])
  })

  it('should stop at its time limit and go on from there on the next step', () => {
    document.body.innerHTML = Array.from({ length: 3000 }, (_, i) => `<p>${i === 2999 ? INQ : 'none'}</p>`).join('')
    let clock = 0
    const count = createIdCount(document.body, { uuids: false, maxIds: 2000, maxChars: 1e7, now: () => clock++ })
    let steps = 0
    while (!count.step(5)) steps++
    expect(steps).toBeGreaterThan(0)
    expect(count.done).toBe(true)
    expect(count.ids()).toEqual([{ id: INQ, kind: 'persona-inquiry' }])
  })
})

/**
 * Copies `source`'s children into `target` one node at a time, in document order, as the HTML
 * parser inserts them (a text first half-written, then completed: the parser appends to the last
 * text while it is the last node). Yields every `every` insertions: a chunk the parser ends.
 */
function* parseInto(target: Element, source: Element, every: number): Generator<void> {
  const copies = new Map<Node, Node>([[source, target]])
  const walker = document.createTreeWalker(source, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
  let inserted = 0
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const copy = node.cloneNode(false)
    copies.set(node, copy)
    if (copy.nodeType === 3) {
      const data = (node as Text).data
      ;(copy as Text).data = data.slice(0, data.length >> 1)
      copies.get(node.parentNode!)!.appendChild(copy)
      if (++inserted % every === 0) yield
      ;(copy as Text).appendData(data.slice(data.length >> 1))
    } else copies.get(node.parentNode!)!.appendChild(copy)
    if (++inserted % every === 0) yield
  }
}

describe('createIdCount while the page parses', () => {
  const options: IdCountOptions = { uuids: false, maxIds: 2000, maxChars: 10 * 1024 * 1024 }
  const sourceOf = (html: string) => {
    const source = document.createElement('div')
    source.innerHTML = html
    return source
  }

  it.each([['zendesk-ticket.html', 7], ['intercom-conversation.html', 3], ['front-conversation.html', 11]])(
    'should end with exactly the IDs the full scan marks on %s, counted in chunks of %i nodes',
    (file, every) => {
      const source = sourceOf(bodyOf(readFileSync(join(FIXTURES, file), 'utf8')))
      const count = createIdCount(document.body, options)
      const whileParsing: string[][] = []
      for (const _ of parseInto(document.body, source, every)) {
        count.stepWhileParsing(Number.POSITIVE_INFINITY)
        whileParsing.push(count.ids().map((p) => idKey(p.id, p.kind)))
      }
      const full = scanned()
      // Most of the page was counted before DOMContentLoaded, and only IDs the scan marks.
      expect(whileParsing.at(-1)!.length).toBeGreaterThan(0)
      for (const ids of whileParsing) expect(ids.filter((key) => !full.includes(key))).toEqual([])
      expect(count.step(Number.POSITIVE_INFINITY)).toBe(true)
      // Dashboard links wait for the first step (those the walk passed come first): the same IDs, maybe not in order.
      expect(count.ids().map((p) => idKey(p.id, p.kind)).sort()).toEqual([...full].sort())
    },
  )

  it('should find the benchmark ticket’s IDs in the same order as the full scan', () => {
    const { html } = generateTicketPage(150 * 1024)
    const source = sourceOf(bodyOf(html).replace(/<a [^>]*withpersona[^>]*>View inquiry<\/a>/g, 'View inquiry'))
    const count = createIdCount(document.body, options)
    let chunks = 0
    for (const _ of parseInto(document.body, source, 500)) {
      count.stepWhileParsing(Number.POSITIVE_INFINITY)
      chunks++
    }
    const early = count.size
    expect(count.step(Number.POSITIVE_INFINITY)).toBe(true)
    expect(chunks).toBeGreaterThan(5)
    expect(early).toBeGreaterThan(count.size / 2)
    expect(count.ids().map((p) => idKey(p.id, p.kind))).toEqual(scanned())
  })

  it('should judge neither the text the parser may still add to nor a run in a block still open', () => {
    // The last node may still grow: a whole <p> of "inq_…" is no ID once the parser adds "Z".
    const first = document.createElement('p')
    document.body.append(first)
    first.append(INQ)
    const count = createIdCount(document.body, options)
    count.stepWhileParsing(Number.POSITIVE_INFINITY)
    expect(count.size).toBe(0)
    ;(first.firstChild as Text).appendData('Z')
    // A run in a <p> the parser has not closed: "…<b>evt_…</b><i></i>" may go on with "x".
    const p = document.createElement('p')
    document.body.append(p)
    p.append('Reference ')
    const b = document.createElement('b')
    p.append(b)
    b.append(EVT)
    p.append(document.createElement('i'))
    count.stepWhileParsing(Number.POSITIVE_INFINITY)
    expect(count.size).toBe(0)
    p.append('x from the app')
    count.stepWhileParsing(Number.POSITIVE_INFINITY)
    expect(count.size).toBe(0)
    // The <p> closed (the parser went on after it): judged now, by its whole run.
    document.body.append(Object.assign(document.createElement('p'), { textContent: `Also ${IQSE} here.` }), document.createElement('hr'))
    count.stepWhileParsing(Number.POSITIVE_INFINITY)
    expect(count.ids()).toEqual([{ id: IQSE, kind: 'persona-inquiry-session' }])
    expect(count.step(Number.POSITIVE_INFINITY)).toBe(true)
    expect(count.ids().map((p) => idKey(p.id, p.kind))).toEqual(scanned())
  })

  it('should drop what page scripts changed before DOMContentLoaded: removed, rewritten, hidden, made editable', () => {
    const ids = [INQ, IQSE, EVT, 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e', 'inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu', 'evt_Abcdefghijkmnopqrstuvwx1']
    const source = sourceOf(ids.map((id, i) => `<div id="b${i}"><p>About ${id} today</p><p>Ref <b>${id}</b>.</p></div>`).join('') + '<p>end</p>')
    const count = createIdCount(document.body, options)
    for (const _ of parseInto(document.body, source, 4)) count.stepWhileParsing(Number.POSITIVE_INFINITY)
    expect(count.size).toBe(ids.length)
    const block = (i: number) => document.getElementById(`b${i}`)!
    block(0).remove()
    for (const text of [block(1).querySelector('p')!.firstChild as Text, block(1).querySelector('b')!.firstChild as Text]) text.data = text.data.replace(IQSE, 'iqse_gone')
    block(2).hidden = true
    block(3).setAttribute('contenteditable', '')
    // An ID glued to new text (the token rule now fails) in both its places.
    block(4).querySelector('b')!.after('x')
    block(4).querySelector('p')!.firstChild!.replaceWith(`About ${ids[4]}x today`)
    expect(count.step(Number.POSITIVE_INFINITY)).toBe(true)
    expect(count.ids()).toEqual([{ id: ids[5], kind: 'persona-event' }])
    expect(count.ids().map((p) => idKey(p.id, p.kind))).toEqual(scanned())
  })

  it('should still find every ID ahead when a page script changed the length of text the walk had passed', () => {
    const ids = [INQ, IQSE, EVT, 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e']
    const source = sourceOf(`<div id="early"><p>${'long text '.repeat(20)}</p></div>` + ids.map((id) => `<p>Ref <b>${id}</b> and more words</p>`).join(''))
    const count = createIdCount(document.body, options)
    const chunks = parseInto(document.body, source, 6)
    for (let i = 0; i < 3; i++) {
      chunks.next()
      count.stepWhileParsing(Number.POSITIVE_INFINITY)
    }
    // The walk passed the early text; IDs are still to come.
    expect(count.chars).toBeGreaterThan(200)
    expect(count.size).toBeLessThan(ids.length)
    document.getElementById('early')!.firstElementChild!.textContent = 'short'
    for (const _ of chunks) count.stepWhileParsing(Number.POSITIVE_INFINITY)
    expect(count.step(Number.POSITIVE_INFINITY)).toBe(true)
    expect(count.ids().map((p) => idKey(p.id, p.kind))).toEqual(scanned())
    expect(count.size).toBe(ids.length)
  })

  it('should count the page afresh when a script removed the text the walk stood on', () => {
    document.body.innerHTML = `<div id="gone"><p>${INQ}</p></div><p>${EVT}</p>`
    const count = createIdCount(document.body, options)
    count.stepWhileParsing(Number.POSITIVE_INFINITY)
    expect(count.ids()).toEqual([{ id: INQ, kind: 'persona-inquiry' }])
    document.getElementById('gone')!.remove()
    document.body.append(Object.assign(document.createElement('p'), { textContent: IQSE }))
    expect(count.step(Number.POSITIVE_INFINITY)).toBe(true)
    expect(count.ids().map((p) => idKey(p.id, p.kind))).toEqual([EVT, IQSE])
    expect(count.ids().map((p) => idKey(p.id, p.kind))).toEqual(scanned())
  })
})

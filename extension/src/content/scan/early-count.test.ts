// @vitest-environment happy-dom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generateTicketPage } from '../../../../test/bench/ticket-page.ts'
import { createMarkStore, idKey } from '../marks/mark-store.ts'
import { countWhileParsing, type EarlyCountOptions } from './early-count.ts'
import { createPageScanner } from './page-scanner.ts'
import { createSlicer } from './slicer.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const IQSE = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const INQ2 = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/helpdesk')
const OPTIONS: EarlyCountOptions = { maxIds: 2000, maxChars: 10 * 1024 * 1024, sliceMs: 8, setTimer: () => {} }

/** What the scan's first pass finds (slices run synchronously here), as keys. */
function scanned(): string[] {
  const store = createMarkStore({})
  const slicer = createSlicer({ requestSlice: (run) => run() })
  createPageScanner({ store, slicer, uuids: () => false }).scan(document.body)
  return store.ids().map((p) => p.key)
}

/** What the count finds once the page has parsed (all read at DOMContentLoaded). */
const counted = (options: Partial<EarlyCountOptions> = {}) =>
  countWhileParsing(document, { ...OPTIONS, ...options })
    .finish()
    ?.map((p) => idKey(p.id, p.kind)) ?? null
const bodyOf = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html

beforeEach(() => {
  document.body.innerHTML = ''
  document.designMode = 'off'
})

describe('countWhileParsing at DOMContentLoaded', () => {
  it.each(['zendesk-ticket.html', 'intercom-conversation.html', 'front-conversation.html', 'other-site.html'])(
    'should count exactly the IDs the scan marks on %s',
    (file) => {
      document.body.innerHTML = bodyOf(readFileSync(join(FIXTURES, file), 'utf8'))
      const full = scanned()
      expect(full.length).toBeGreaterThan(0)
      expect(counted()!.sort()).toEqual([...full].sort())
    },
  )

  it('should count the benchmark ticket’s IDs, links among them, and no decoy', () => {
    // A slice of the 5 MB page (happy-dom is slow): the IDs placed in it, among the same decoys.
    const { html } = generateTicketPage(400 * 1024)
    document.body.innerHTML = bodyOf(html)
    const full = scanned()
    expect(full.length).toBeGreaterThan(30)
    expect(document.querySelectorAll('a[href*="withpersona"]').length).toBeGreaterThan(0)
    expect(counted()!.sort()).toEqual([...full].sort())
  })

  it('should leave out IDs only in skipped elements, and keep one also in the text', () => {
    document.body.innerHTML = `
      <script>window.state = {"ticket": "${INQ}", "other": "${IQSE}"}</script>
      <p>Customer wrote about ${INQ}.</p>
      <textarea>${EVT}</textarea>
      <div contenteditable="true"><p>Draft: ${INQ2}</p><div contenteditable="false">${UUID}</div></div>
      <div hidden><span>${EVT} ${IQSE}</span></div>
      <div role="textbox">${EVT}</div>
      <div contenteditable="false">decoy INQ_zEx4jL84ShbUyuwX6AzPSqt6, my_${EVT}</div>`
    expect(scanned()).toEqual([INQ])
    expect(counted()).toEqual([INQ])
  })

  it('should count dashboard links as the scan does: not inside a skipped element, once when the text shows the ID', () => {
    document.body.innerHTML = `
      <p><a href="https://APP.withpersona.com/dashboard/events/${EVT}">the event</a></p>
      <p><a href="https://app.withpersona.com/dashboard/inquiries/${INQ}">${INQ}</a></p>
      <div hidden><a href="https://app.withpersona.com/dashboard/inquiry-sessions/${IQSE}">hidden</a></div>
      <p><a href="https://example.com/${INQ2}">not a dashboard</a></p>`
    expect(counted()!.sort()).toEqual(scanned().sort())
    expect(counted()!.sort()).toEqual([EVT, INQ].sort())
  })

  it('should judge an ID at the edge of its text node by its run: glued to an inline neighbour or not', () => {
    document.body.innerHTML = `<div>${INQ}</div><div>Status</div><p><b>${EVT}</b>x</p><p><i>(</i>${IQSE}<span> <b>ok</b></span></p><p><b>${INQ2}</b><span>y<div>z</div></span></p>`
    expect(scanned()).toEqual([INQ, IQSE])
    // The last one's neighbour holds a break: left to the scan.
    expect(counted()).toEqual([INQ, IQSE])
  })

  it('should leave an ID split over inline elements to the scan (one text node at a time)', () => {
    document.body.innerHTML = `<p>Ref <b>${EVT.slice(0, 9)}</b><i>${EVT.slice(9)}</i>.</p><p>${INQ}</p>`
    expect(scanned()).toEqual([EVT, INQ])
    expect(counted()).toEqual([INQ])
  })

  it('should count no ID that only the body read as one string shows, across a block or a break', () => {
    // As on the benchmark ticket: a decoy of 25 characters ends a paragraph, "the" begins the next.
    const decoy = 'inq_Hk9gc1HVifvxiAiUYoVDkKKHN'
    document.body.innerHTML = `<p>says ${decoy}</p><p>the passport</p><p>${INQ.slice(0, 14)}<br>${INQ.slice(14)} and ${INQ.slice(0, 10)}<div>${INQ.slice(10)}</div></p><p>${EVT}</p>`
    expect(scanned()).toEqual([EVT])
    expect(counted()).toEqual([EVT])
  })

  it('should stop at the caps: no count past the text the scan reads, no more IDs than the store keeps', () => {
    document.body.innerHTML = `<p>${INQ} ${EVT} ${IQSE}</p>`
    expect(counted({ maxIds: 2 })).toEqual([INQ, EVT])
    expect(counted({ maxChars: 40 })).toBeNull()
  })

  it('should count nothing in a document in design mode, which the scan skips whole', () => {
    document.body.innerHTML = `<p>${INQ}</p>`
    document.designMode = 'on'
    expect(scanned()).toEqual([])
    expect(counted()).toBeNull()
  })
})

describe('countWhileParsing while the page parses', () => {
  let readyState: DocumentReadyState = 'loading'
  beforeEach(() => {
    readyState = 'loading'
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => readyState })
  })
  afterEach(() => {
    delete (document as { readyState?: unknown }).readyState
  })

  /** A count whose tasks run when the test says (`tasks()`: the parser has inserted a chunk). */
  function manual() {
    const queued: (() => void)[] = []
    const count = countWhileParsing(document, { ...OPTIONS, setTimer: (run) => queued.push(run) })
    const tasks = () => queued.splice(0).forEach((run) => run())
    return { count, tasks, queued }
  }
  const paragraph = (text: string) => Object.assign(document.createElement('p'), { textContent: text })

  it('should read finished text in tasks of its own, never the last node, and the rest at DOMContentLoaded', () => {
    const { count, tasks, queued } = manual()
    document.body.append(paragraph(`About ${INQ} today`), paragraph(`Also ${EVT}`))
    tasks()
    // The last text may still grow ("…evt_…" + "x"): only read at the end.
    ;(document.body.lastChild!.firstChild as Text).appendData('x and more')
    document.body.append(paragraph(`Then ${IQSE}`))
    tasks()
    expect(queued.length).toBe(1)
    readyState = 'interactive'
    tasks()
    expect(queued.length).toBe(0)
    expect(count.finish()!.map((p) => p.id)).toEqual([INQ, IQSE])
  })

  it('should drop what page scripts changed before DOMContentLoaded: removed, rewritten, hidden, made editable, glued', () => {
    const ids = [INQ, IQSE, EVT, INQ2, 'inq_SbLSNtxKJH8UhtAccXKc8SsT5tpu', 'evt_Abcdefghijkmnopqrstuvwx1']
    const { count, tasks } = manual()
    document.body.innerHTML = ids.map((id, i) => `<div id="b${i}"><p>Ref <b>${id}</b></p></div>`).join('') + '<p>end</p>'
    tasks()
    const block = (i: number) => document.getElementById(`b${i}`)!
    block(0).remove()
    ;(block(1).querySelector('b')!.firstChild as Text).data = 'iqse_gone'
    block(2).hidden = true
    block(3).setAttribute('contenteditable', '')
    block(4).querySelector('b')!.after('x')
    expect(count.finish()).toEqual([{ id: ids[5], kind: 'persona-event' }])
    expect(scanned()).toEqual([ids[5]])
  })

  it('should read the page afresh when a script removed the text the walk stood on, and stop when told', () => {
    const { count, tasks } = manual()
    document.body.innerHTML = `<div id="gone"><p>${INQ}</p><p>more</p></div><p>${EVT}</p>`
    tasks()
    document.getElementById('gone')!.remove()
    document.body.append(paragraph(IQSE), document.createElement('hr'))
    expect(count.finish()!.map((p) => p.id)).toEqual([EVT, IQSE])
    const stopped = manual()
    stopped.count.stop()
    stopped.tasks()
    expect(stopped.queued.length).toBe(0)
  })
})

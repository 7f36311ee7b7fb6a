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

/**
 * An ID the agent cannot see costs no lookup (issue 47, finding 6), in real Chromium with the built
 * extension, the run's shared relay (as an agent of its own) and demo upstream, whose log of requests
 * says which of this file's made-up IDs the vendor was asked about. One agent page holds a visible ID and IDs in every kind of text a page
 * can hide from the agent, all on the first screen: only what the agent sees is looked up, and an ID
 * the page shows later is looked up then. No sleeps: every wait is for a condition, with a bounded timeout.
 */
import { describe, expect, it } from 'vitest'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import type { SharedStackAddress } from '../harness/shared-stack.ts'
import { DEMO } from '../harness/stack.ts'
import type { HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import type { ExtensionBrowser } from '../harness/browser.ts'
import { shareHelpdeskSession } from '../harness/helpdesk-session.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension APIs this test calls inside the service worker (run there; typed here for the checker). */
declare const chrome: {
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> }
  action: { getBadgeText(details: { tabId: number }): Promise<string> }
}

let stack: SharedStackAddress
let server: HelpdeskServer
let browser: ExtensionBrowser
const pages: Record<string, string> = {}
shareHelpdeskSession((session) => ({ stack, server, browser } = session), { agent: 'invisible-ids', pages })

const PATH = '/agent/tickets/4747'

/** A well-formed inquiry ID the demo upstream does not know (answered "not found"), named for where it sits. */
const idFor = (name: string) => `inq_${name.padEnd(24, '0').slice(0, 24)}`

/** IDs the agent sees: plain text, and text hidden from screen readers only (aria-hidden is no invisibility). */
const SEEN = { visible: idFor('SeenPlainText'), ariaHidden: idFor('SeenAriaHidden') }
/** The opacity:0, 1 px overlay of the review (its IDs all look alike to the check: a few suffice). */
const OVERLAY = Array.from({ length: 12 }, (_, i) => idFor(`HiddenOverlay${String(i).padStart(2, '0')}`))
/** One ID per other way a page hides text, each on the first screen. */
const HIDDEN: Record<string, { id: string; html: (id: string) => string }> = {
  opacity: { id: idFor('HiddenOpacity'), html: (id) => `<div style="opacity:0"><p>Ref ${id}</p></div>` },
  clipPath: { id: idFor('HiddenClipPath'), html: (id) => `<p style="clip-path:inset(50%)">Ref ${id}</p>` },
  clipRect: {
    id: idFor('HiddenClipRect'),
    html: (id) =>
      `<p><span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap">${id}</span> Visible words</p>`,
  },
  onePixelBox: {
    id: idFor('HiddenOnePixelBox'),
    html: (id) => `<div style="width:1px;height:1px;overflow:hidden"><span style="white-space:nowrap">${id}</span></div>`,
  },
  zeroFont: { id: idFor('HiddenZeroFont'), html: (id) => `<p style="font-size:0">${id}</p>` },
  zeroBox: { id: idFor('HiddenZeroBox'), html: (id) => `<div style="width:0;height:0;overflow:hidden">${id}</div>` },
  offScreen: { id: idFor('HiddenOffScreen'), html: (id) => `<p style="position:absolute;left:-10000px;top:120px">${id}</p>` },
  textIndent: { id: idFor('HiddenTextIndent'), html: (id) => `<h2 style="text-indent:-10000px">${id}</h2>` },
  visibility: { id: idFor('HiddenVisibility'), html: (id) => `<p style="visibility:hidden">Ref ${id}</p>` },
  displayNone: { id: idFor('HiddenDisplayNone'), html: (id) => `<p style="display:none">Ref ${id}</p>` },
  contentVisibility: { id: idFor('HiddenContentVis'), html: (id) => `<div style="content-visibility:hidden"><p>Ref ${id}</p></div>` },
  hiddenAttribute: { id: idFor('HiddenAttribute'), html: (id) => `<p hidden>Ref ${id}</p>` },
}
/** Hidden at first (opacity:0 on its paragraph), shown by the page's own script later. */
const REVEALED = idFor('RevealedLater')
const ALL = [...Object.values(SEEN), ...OVERLAY, ...Object.values(HIDDEN).map((h) => h.id), REVEALED]

pages[PATH] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 4747</title>
<style>body { font: 14px/1.5 system-ui, sans-serif; margin: 24px; color: #222; background: #fff }</style></head>
<body><main><h1>Ticket 4747</h1>
<p id="seen">The customer's inquiry is ${SEEN.visible}.</p>
<p aria-hidden="true">Also written as ${SEEN.ariaHidden} in the signature.</p>
${Object.values(HIDDEN)
  .map((h) => h.html(h.id))
  .join('\n')}
<p id="reveal" style="opacity:0">Revealed: ${REVEALED}</p>
<p>Thanks for waiting.</p></main>
<div style="position:fixed;top:0;left:0;width:1px;height:1px;overflow:hidden;opacity:0">${OVERLAY.join(' ')}</div>
</body></html>`

/** Which of `among` (IDs only this file uses) the demo upstream was asked about, from its log of the relay's requests. */
async function askedUpstream(among: readonly string[] = ALL): Promise<Set<string>> {
  const res = await fetch(`${stack.upstream.url}/__demo/stats?scope=${encodeURIComponent(DEMO.personaKey)}`)
  const { requests } = (await res.json()) as { requests: { path: string; query: Record<string, string> }[] }
  const logged = requests.map((r) => `${decodeURIComponent(r.path)} ${Object.values(r.query).join(' ')}`).join('\n')
  return new Set(among.filter((id) => logged.includes(id)))
}

/**
 * The second page (issue 55, finding 7): text the page paints out of the agent's sight by its colour,
 * filters, masks, tiny fonts or something opaque laid over it; and beside each, text that looks alike
 * to a naive check but that the agent reads, which must still be looked up.
 */
const SIGHT_PATH = '/agent/tickets/5555'
/** Ways of painting text out of sight, each on the first screen. */
const UNSEEN: Record<string, (id: string) => string> = {
  opaqueOverlay: (id) =>
    `<div style="position:relative"><p>Ref ${id}</p><div style="position:absolute;inset:0;background:#fff"></div></div>`,
  imageOverlay: (id) =>
    `<div style="position:relative"><p>Ref ${id}</p><img alt="" src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAAAAAAALAAAAAABAAEAAAICRAEAOw==" style="position:absolute;inset:0;width:100%;height:100%"></div>`,
  backdropBlur: (id) =>
    `<div style="position:relative"><p>Ref ${id}</p><div style="position:absolute;inset:0;backdrop-filter:blur(8px)"></div></div>`,
  transparentText: (id) => `<p style="color:transparent">Ref ${id}</p>`,
  transparentFill: (id) => `<p style="-webkit-text-fill-color:transparent">Ref ${id}</p>`,
  nearlyTransparent: (id) => `<p style="color:rgba(34,34,34,0.03)">Ref ${id}</p>`,
  whiteOnWhite: (id) => `<p style="color:#fff">Ref ${id}</p>`,
  sameAsBackground: (id) => `<div style="background:#f4f4f4"><p style="color:#f5f5f5">Ref ${id}</p></div>`,
  filterOpacity: (id) => `<p style="filter:opacity(0)">Ref ${id}</p>`,
  ancestorOpacity: (id) => `<div style="opacity:0.2"><div style="opacity:0.3"><p>Ref ${id}</p></div></div>`,
  mask: (id) => `<p style="mask-image:linear-gradient(transparent,transparent)">Ref ${id}</p>`,
  ancestorMask: (id) => `<div style="-webkit-mask-image:linear-gradient(rgba(0,0,0,0),rgba(0,0,0,0))"><p>Ref ${id}</p></div>`,
  blur: (id) => `<p style="filter:blur(6px)">Ref ${id}</p>`,
  tinyFont: (id) => `<p style="font-size:2.5px">Ref ${id}</p>`,
  scaledDown: (id) => `<p style="transform:scale(0.25);transform-origin:0 0">Ref ${id}</p>`,
}
/** Text the agent reads, alike in some way to the above: each must be looked up. */
const READ: Record<string, (id: string) => string> = {
  plain: (id) => `<p>Ref ${id}</p>`,
  dimmedByModal: (id) =>
    `<div style="position:relative"><p>Ref ${id}</p><div style="position:absolute;inset:0;background:rgba(0,0,0,0.4)"></div></div>`,
  clickCatcher: (id) => `<div style="position:relative"><p>Ref ${id}</p><a href="#x" style="position:absolute;inset:0"></a></div>`,
  gradientText: (id) =>
    `<p style="background:linear-gradient(90deg,#c00,#00c);-webkit-background-clip:text;background-clip:text;-webkit-text-fill-color:transparent">Ref ${id}</p>`,
  outlined: (id) => `<p style="-webkit-text-fill-color:transparent;-webkit-text-stroke:1px #222">Ref ${id}</p>`,
  whiteOnDark: (id) => `<p style="background:#333;color:#fff">Ref ${id}</p>`,
  faintGrey: (id) => `<p style="color:#999">Ref ${id}</p>`,
  slightBlur: (id) => `<p style="filter:blur(1px)">Ref ${id}</p>`,
  smallFont: (id) => `<p style="font-size:9px">Ref ${id}</p>`,
  partlyMasked: (id) => `<p style="mask-image:linear-gradient(90deg,#000,transparent)">Ref ${id}</p>`,
}
const unseenIds = Object.fromEntries(Object.keys(UNSEEN).map((name) => [name, idFor(`Unseen${name}`)]))
const readIds = Object.fromEntries(Object.keys(READ).map((name) => [name, idFor(`Read${name}`)]))
/** Under an opaque cover the page takes away later. */
const UNCOVERED = idFor('UncoveredLater')
/** Just below the fold (near the viewport, 900 px high, where nothing can be hit-tested): one plain, one under a cover. */
const BELOW = { plain: idFor('BelowFoldPlain'), covered: idFor('BelowFoldCovered') }
const SIGHT_ALL = [...Object.values(unseenIds), ...Object.values(readIds), UNCOVERED, ...Object.values(BELOW)]

pages[SIGHT_PATH] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 5555</title>
<style>body { font: 14px/1.3 system-ui, sans-serif; margin: 16px; color: #222; background: #fff } p { margin: 4px 0 }
main { display: grid; grid-template-columns: 1fr 1fr; column-gap: 24px }</style></head>
<body><h1>Ticket 5555</h1><main><section>
${Object.entries(UNSEEN)
  .map(([name, html]) => html(unseenIds[name]!))
  .join('\n')}
<div style="position:relative"><p>Ref ${UNCOVERED}</p><div id="cover" style="position:absolute;inset:0;background:#fff"></div></div>
</section><section>
${Object.entries(READ)
  .map(([name, html]) => html(readIds[name]!))
  .join('\n')}
</section></main>
<div style="position:absolute;top:960px;left:16px;width:600px;padding-bottom:400px"><p>Ref ${BELOW.plain}</p>
<div style="position:relative"><p>Ref ${BELOW.covered}</p><div style="position:absolute;inset:0;background:#fff"></div></div></div>
</body></html>`

/** What the content script has asked about `id` (its lookup state, from its own world; null: never asked). */
const lookupState = (ui: ContentUi, id: string) =>
  ui.evaluate<string | null>(`globalThis.__idvLens.inline.lookup(${JSON.stringify(id)})?.state ?? null`)
const stats = (ui: ContentUi) => ui.evaluate<{ ids: number; painted: number }>('globalThis.__idvLens.inline.stats()')

describe('IDs the agent cannot see (Chromium)', () => {
  it('should look up only the IDs the agent can see, and one the page shows later once it shows', async () => {
    const page = await browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(server.url('acme.zendesk.com', PATH))

    // Every ID is found (the badge counts the page's IDs) but the one under a hidden attribute, which the
    // scan skips; the ones the agent sees are looked up and answered.
    await expect.poll(async () => (await stats(ui)).ids, WAIT).toBe(ALL.length - 1)
    for (const id of Object.values(SEEN)) await expect.poll(() => lookupState(ui, id), WAIT).toBe('missing')
    await expect.poll(askedUpstream, WAIT).toEqual(new Set(Object.values(SEEN)))
    // Asked in the same gathering as the visible ones, the hidden ones would have been answered by now: none was asked.
    for (const id of [...OVERLAY, ...Object.values(HIDDEN).map((h) => h.id), REVEALED]) expect(await lookupState(ui, id), id).toBeNull()
    // Painted: the two the agent sees, nothing over hidden text.
    expect((await stats(ui)).painted).toBe(Object.values(SEEN).length)

    // The page shows the hidden paragraph: its ID is looked up now, and nothing else is.
    await page.evaluate(() => (document.getElementById('reveal')!.style.opacity = '1'))
    await expect.poll(() => lookupState(ui, REVEALED), WAIT).toBe('missing')
    expect(await askedUpstream()).toEqual(new Set([...Object.values(SEEN), REVEALED]))
    expect((await stats(ui)).painted).toBe(Object.values(SEEN).length + 1)
    await page.close()
  })

  it('should not look up text painted out of sight (colour, fill, filter, mask, blur, tiny fonts, opaque covers), but look up what the agent reads', async () => {
    const page = await browser.context.newPage()
    const ui = await attachContentUi(page)
    await page.goto(server.url('acme.zendesk.com', SIGHT_PATH))

    // The badge counts every ID found by text, seen or not (docs/badge.md).
    await expect.poll(async () => (await stats(ui)).ids, WAIT).toBe(SIGHT_ALL.length)
    const tabId = await browser.background.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, page.url())
    await expect
      .poll(() => browser.background.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId!), WAIT)
      .toBe(String(SIGHT_ALL.length))

    // What the agent reads is looked up; the relay asked the upstream about those and nothing else.
    for (const [name, id] of Object.entries(readIds))
      await expect.poll(() => lookupState(ui, id), { ...WAIT, message: name }).toBe('missing')
    await expect.poll(() => askedUpstream(SIGHT_ALL), WAIT).toEqual(new Set(Object.values(readIds)))
    for (const [name, id] of Object.entries(unseenIds)) expect(await lookupState(ui, id), name).toBeNull()
    expect(await lookupState(ui, UNCOVERED)).toBeNull()
    // Near the viewport but below it, nothing can tell whether something covers the text: not looked up yet.
    for (const id of Object.values(BELOW)) expect(await lookupState(ui, id)).toBeNull()

    // Scrolled into view: the plain one is looked up, the covered one is not.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    await expect.poll(() => lookupState(ui, BELOW.plain), WAIT).toBe('missing')
    await expect.poll(() => askedUpstream(SIGHT_ALL), WAIT).toEqual(new Set([...Object.values(readIds), BELOW.plain]))
    expect(await lookupState(ui, BELOW.covered)).toBeNull()
    await page.evaluate(() => window.scrollTo(0, 0))

    // The page takes its cover away: that ID is looked up now, and nothing else is.
    await page.evaluate(() => document.getElementById('cover')!.remove())
    await expect.poll(() => lookupState(ui, UNCOVERED), WAIT).toBe('missing')
    expect(await askedUpstream(SIGHT_ALL)).toEqual(new Set([...Object.values(readIds), BELOW.plain, UNCOVERED]))
    await page.close()
  })
})

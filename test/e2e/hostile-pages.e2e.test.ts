/**
 * Inline lookups against pages that want what the extension shows, in real Chromium with the built
 * extension, the relay under wrangler dev and the demo upstream (lookups are counted there).
 * Each attack is the one a review reproduced: a Help Center on a helpdesk host, a page script that
 * reads the highlight registry, the style sheets and what lies under a mark, reaches for our shadow roots, fakes the agent's input and forges the
 * messages the content script listens to. And an update reaches the tabs already open.
 * No sleeps: every wait is for a condition, with a bounded timeout.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page, Worker } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { pollUntil } from '../harness/poll.ts'
import { inquiryWithStatus as demoInquiryWithStatus } from '../harness/demo-inquiries.ts'
import { DEMO, type Stack } from '../harness/stack.ts'
import type { FixtureHost, HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { EXTENSION_DIR, shareHelpdeskSession } from '../harness/helpdesk-session.ts'
import { textSpot } from '../harness/text-spot.ts'
import { lookupState, statusPage } from '../harness/status-page.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension APIs these tests call inside the service worker (run there; typed here for the checker). */
declare const chrome: {
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> }
  action: { getBadgeText(details: { tabId: number }): Promise<string> }
  runtime: { getManifest(): { version: string } }
}

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6' // approved in the demo upstream
const EVENT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a' // also on the Zendesk fixture, on screen
/** The IDs of the Zendesk fixture, its bare UUID among them (see inline-lookups.e2e.test.ts). */
const ZENDESK_ID_COUNT = 6
/** An ID the page plants far below the fold: found and counted, but not looked up until it nears the viewport. */
const PLANTED = 'inq_PLANTEDbyThePage7777777x'
/** What a page must not learn from names or style rules: status words and our own name. */
const STATUS_WORDS = /idv|lens|pending|good|bad|warn|progress|neutral|unknown|approved|declined|failed|expired|completed|status/i
/** A well-formed inquiry ID the demo upstream does not know: its lookup answers "not found". */
const UNKNOWN = 'inq_NoSuchInquiryHere0000000'
const STATUS_PAGE = '/agent/tickets/7001'

let stack: Stack
let server: HelpdeskServer
let browser: ExtensionBrowser

/** Generated pages of the helpdesk server, read per request (the status page is written once the relay is up). */
const pages: Record<string, string> = {}
shareHelpdeskSession((session) => ({ stack, server, browser } = session), { agent: 'own', pages })

// --- Helpers -----------------------------------------------------------------------------------

const tabIdOf = (background: Worker, url: string) => background.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url)
const badge = (background: Worker, tabId: number) => background.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)
/** Persona calls the demo upstream answered for the relay: every inquiry lookup is one. */
const upstreamCalls = () => stack.upstream.personaCalls()

async function open(b: ExtensionBrowser, host: FixtureHost, path: string, init?: () => void) {
  const page = await b.context.newPage()
  if (init) await page.addInitScript(init)
  const ui = await attachContentUi(page)
  await page.goto(server.url(host, path))
  return { page, ui }
}

/** Marks by status colour (card and list only), and `painted`: marks drawn as boxes in our closed root; from the content script's world. */
const highlightSizes = (ui: ContentUi) => ui.evaluate<Record<string, number>>('globalThis.__idvLens.inline.markTones()')

/** After load and two idle periods: any content script (document_idle at the latest) would have run. */
async function afterIdle(page: Page) {
  await page.waitForLoadState('load')
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve))))
}

const inquiryWithStatus = (status: string) => demoInquiryWithStatus(stack.relay.url, status)

/**
 * Everything a page script can read about the marks on each planted ID: the highlights holding its range
 * and the rules and styles naming them, what `highlightsFromPoint` and `elementFromPoint` return over it,
 * the element's computed style; and for the page (`page`), our host's size, place, style and what it
 * shows, every style rule, and the highlights. Names are blanked in rules. Runs in the page's world.
 */
function readMarks(): Record<string, unknown> {
  type HighlightLike = Set<AbstractRange> & { priority: number; type: string }
  // highlightsFromPoint gives hit results ({ highlight, ranges }) in current Chrome, highlights in older drafts.
  type Hit = HighlightLike | { highlight: HighlightLike }
  const registry = CSS.highlights as unknown as Map<string, HighlightLike> & { highlightsFromPoint?(x: number, y: number): Hit[] }
  const sheets: CSSStyleSheet[] = [...Array.from(document.styleSheets), ...document.adoptedStyleSheets]
  const rules = sheets.flatMap((sheet) => {
    try {
      return Array.from(sheet.cssRules, (r) => r.cssText)
    } catch {
      return []
    }
  })
  const describe = (name: string, h: HighlightLike, el: Element) => {
    const computed = getComputedStyle(el, `::highlight(${name})`)
    return {
      priority: h.priority,
      type: h.type,
      size: h.size,
      rules: rules.filter((r) => r.includes(`(${name})`)).map((r) => r.split(name).join('NAME')),
      computed: [computed.color, computed.backgroundColor, computed.textDecoration, computed.textShadow],
    }
  }
  const out: Record<string, unknown> = {}
  for (const el of Array.from(document.querySelectorAll('[data-slot]'))) {
    const holding: unknown[] = []
    registry.forEach((h, name) => {
      for (const range of h) if (el.contains(range.startContainer)) holding.push(describe(name, h, el))
    })
    const box = el.getBoundingClientRect()
    const atPoint = registry.highlightsFromPoint?.(box.left + 3, box.top + box.height / 2) ?? []
    const own = getComputedStyle(el)
    out[el.getAttribute('data-slot')!] = {
      holding,
      atPoint: atPoint.map((hit) => ('highlight' in hit ? hit.highlight : hit)).map((h) => ({ priority: h.priority, size: h.size })),
      elementAtPoint: document.elementFromPoint(box.left + 3, box.top + box.height / 2) === el,
      own: [own.color, own.backgroundColor, own.textDecoration, own.outline, box.width > 0],
    }
  }
  const host = document.querySelector('idv-lens-marks')
  const hostStyle = host ? getComputedStyle(host) : null
  out.page = {
    host: host && {
      html: host.outerHTML,
      shadowRoot: host.shadowRoot,
      rect: JSON.stringify(host.getBoundingClientRect()),
      computed: ['position', 'width', 'height', 'display', 'pointer-events', 'z-index', 'overflow', 'visibility', 'opacity'].map((p) =>
        hostStyle!.getPropertyValue(p),
      ),
    },
    highlights: registry.size,
    rules: rules.length,
  }
  return out
}

// --- Tests -------------------------------------------------------------------------------------

describe('hostile pages', () => {
  it('should not run on a Help Center of a helpdesk host, which holds IDs and runs its own theme script', async () => {
    const before = await upstreamCalls()
    const { page, ui } = await open(browser, 'acme.zendesk.com', '/hc/en-us/articles/360001-verification')
    expect(await page.content()).toContain(INQUIRY)
    await afterIdle(page)
    expect(
      await page.evaluate(() => ({
        ui: document.querySelector('idv-lens-ui, idv-lens-marks') !== null,
        highlights: (CSS.highlights as unknown as Map<string, unknown>).size,
      })),
    ).toEqual({ ui: false, highlights: 0 })
    // No world of ours in the page at all, no badge, and nothing looked up.
    await expect(ui.evaluate('true')).rejects.toThrow(/not in this page/)
    const tabId = await tabIdOf(browser.background, page.url())
    expect(tabId).toBeDefined()
    expect(await badge(browser.background, tabId!)).toBe('')
    expect(await upstreamCalls()).toBe(before)
  })

  it('should give a page script on an agent page nothing: no highlight or style rule, no shadow root, an empty host that hit tests go through, no effect from fake input or forged messages, and no lookup', async () => {
    // The page's own script, from before anything else runs: it wraps attachShadow to catch any root made,
    // and dims the backdrop of everything in the top layer (where our hosts go), as pages do for their dialogs.
    const { page, ui } = await open(browser, 'acme.zendesk.com', '/agent/tickets/4821', () => {
      document.addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style')
        style.textContent = '::backdrop { background: rgb(255 0 0 / 0.5) !important; display: block !important }'
        document.head.append(style)
      })
      const caught: ShadowRoot[] = []
      ;(window as unknown as { __caught: ShadowRoot[] }).__caught = caught
      const attach = Element.prototype.attachShadow
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init)
        caught.push(root)
        return root
      }
    })
    const tabId = (await tabIdOf(browser.background, page.url()))!
    await expect.poll(() => badge(browser.background, tabId), WAIT).toBe(String(ZENDESK_ID_COUNT))
    await expect.poll(() => highlightSizes(ui), WAIT).toMatchObject({ good: 2, bad: 1, unknown: 1, pending: 0 })

    // The page plants an ID far below the fold, inside a link it can focus: found, counted, not looked up.
    await page.evaluate((id) => {
      const far = document.createElement('p')
      far.style.marginTop = '6000px'
      far.innerHTML = `<a href="#planted" id="planted">${id}</a>`
      document.body.append(far)
    }, PLANTED)
    await expect.poll(() => badge(browser.background, tabId), WAIT).toBe(String(ZENDESK_ID_COUNT + 1))
    expect(await lookupState(ui, PLANTED)).toBeNull()
    const callsBefore = await upstreamCalls()
    const cardsBefore = await ui.evaluate<number>('globalThis.__idvLens.inline.stats().cardsShown')

    const extensionId = browser.extensionId
    const found = await page.evaluate(
      ({ extensionId, event }) => {
        const host = document.querySelector('idv-lens-ui') as HTMLElement
        const marksHost = document.querySelector('idv-lens-marks') as HTMLElement
        const planted = document.getElementById('planted')!
        // 1. The highlight registry and the style rules: nothing of ours (marks are boxes in our closed root).
        const names = [...(CSS.highlights as unknown as Map<string, unknown>).keys()]
        const rules = document.adoptedStyleSheets.flatMap((s) => Array.from(s.cssRules, (r) => r.cssText))
        // 2. The shadow roots: closed, so no handle; and none leaked through the page's attachShadow.
        const shadow = {
          root: host.shadowRoot === null && marksHost.shadowRoot === null,
          caught: (window as unknown as { __caught: ShadowRoot[] }).__caught.length,
          text: host.innerText + marksHost.innerText,
        }
        // 3. Fake input: keyboard focus and keys on the planted link (a real one opens its card and looks it up),
        //    a click, Enter and Alt+Shift+L on our launcher's host, and a pointer resting on a mark.
        planted.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
        planted.dispatchEvent(new FocusEvent('focus'))
        for (const target of [document, host, planted]) {
          for (const key of ['Enter', ' ', 'L', 'Escape']) {
            target.dispatchEvent(
              new KeyboardEvent('keydown', { key, altKey: key === 'L', shiftKey: key === 'L', bubbles: true, composed: true }),
            )
          }
        }
        host.click()
        host.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }))
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }))
        let hitThrough = false
        const marksBox = marksHost.getBoundingClientRect()
        const marksHostSize = [marksBox.width, marksBox.height, getComputedStyle(marksHost).pointerEvents]
        const topLayer = [marksHost, host].map((el) => [el.matches(':popover-open'), getComputedStyle(el, '::backdrop').display])
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n as Text).data.indexOf(event)
          if (at < 0) continue
          const r = document.createRange()
          r.setStart(n, at)
          r.setEnd(n, at + 4)
          const box = r.getBoundingClientRect()
          // Our marks' host lets hit tests through: what is under a mark is the page's own element.
          hitThrough = document.elementFromPoint(box.left + 2, box.top + box.height / 2) === n.parentElement
          for (const type of ['pointermove', 'pointerover', 'mousemove'])
            window.dispatchEvent(new PointerEvent(type, { clientX: box.left + 2, clientY: box.top + box.height / 2, bubbles: true }))
          break
        }
        // 4. Forged messages: WXT's "a newer copy started" event (a page can know a store extension's ID),
        //    its location-change event, and postMessage look-alikes. And the extension's runtime is not reachable.
        const started = `${extensionId}:inline-lookups:wxt:content-script-started`
        document.dispatchEvent(new CustomEvent(started, { detail: { contentScriptName: 'inline-lookups', messageId: 'forged' } }))
        window.dispatchEvent(new CustomEvent(`${extensionId}:inline-lookups:wxt:locationchange`))
        window.postMessage({ type: started, contentScriptName: 'inline-lookups', messageId: 'forged' }, '*')
        window.postMessage({ type: 'lookupIds', data: { ids: ['inq_PLANTEDbyThePage7777777x'] } }, '*')
        const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
        return { names, rules, shadow, hitThrough, marksHostSize, topLayer, canMessage: typeof runtime?.sendMessage === 'function' }
      },
      { extensionId, event: EVENT },
    )

    expect(found.names).toEqual([])
    expect(found.rules).toEqual([])
    expect(found.shadow).toEqual({ root: true, caught: 0, text: '' })
    expect(found.hitThrough).toBe(true)
    expect(found.marksHostSize).toEqual([0, 0, 'none'])
    // Both hosts are in the top layer, and the page's backdrop rule draws nothing there.
    expect(found.topLayer).toEqual([
      [true, 'none'],
      [true, 'none'],
    ])
    expect(found.canMessage).toBe(false)

    // Our pointer hit-test runs in the next animation frame: two frames on, a fake hover would have a card coming.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    expect(await ui.evaluate('globalThis.__idvLens.inline.stats().cardComing')).toBe(false)
    // A real hover after the fakes: its card opening means every fake before it was handled (or ignored) too.
    await ui.hover(() => textSpot(page, INQUIRY))
    await ui.waitFor(`[data-testid="card"][data-id="${INQUIRY}"]`)
    // The fakes opened no card (only the real hover did), asked nothing about the planted ID, and the relay saw no lookup.
    expect(await ui.evaluate<number>('globalThis.__idvLens.inline.stats().cardsShown')).toBe(cardsBefore + 1)
    expect(await lookupState(ui, PLANTED)).toBeNull()
    expect(await upstreamCalls()).toBe(callsBefore)
    // And the forged "newer copy" did not stop us: our UI and every mark are still there.
    expect(await page.evaluate(() => document.querySelectorAll('idv-lens-ui').length)).toBe(1)
    const sizes = await highlightSizes(ui)
    expect(Object.entries(sizes).reduce((sum, [tone, n]) => (tone === 'painted' ? sum : sum + n), 0)).toBe(ZENDESK_ID_COUNT + 1)
    // The control: the agent's real keyboard opens the list, which looks up every ID, the planted one too.
    await page.mouse.move(5, 880)
    await ui.waitFor(`[data-testid="card"][data-id="${INQUIRY}"]`, { state: 'detached' })
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => ui.focused(), WAIT).toMatchObject({ testId: 'launcher' })
    await page.keyboard.press('Enter')
    await expect.poll(() => lookupState(ui, PLANTED), WAIT).not.toBeNull()
    await expect.poll(upstreamCalls, WAIT).toBeGreaterThan(callsBefore)
    // After a reload the marks are drawn again, and the page's registry still holds nothing of ours.
    await page.reload()
    await expect.poll(() => badge(browser.background, tabId), WAIT).toBe(String(ZENDESK_ID_COUNT))
    await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBeGreaterThan(0)
    expect(await page.evaluate(() => CSS.highlights.size)).toBe(0)
  })

  it('should keep the content script away from the relay URL and the agent token', async () => {
    // The built script does not even contain the code to read them: it asks the background for its site's flag.
    const script = await readFile(join(EXTENSION_DIR, 'content-scripts/inline-lookups.js'), 'utf8')
    for (const name of ['agentToken', 'workerUrl', 'local:settings', 'storage.managed']) expect(script, name).not.toContain(name)
    // And its world holds neither, while it runs with them configured.
    const { ui } = await open(browser, 'app.intercom.com', '/a/inbox/acme/conversation/1')
    await ui.waitFor('[data-testid="launcher"]')
    const world = await ui.evaluate<string>(
      `JSON.stringify(Object.keys(globalThis).filter((k) => k.startsWith('__idvLens')).map((k) => { try { return JSON.stringify(globalThis[k]) } catch { return '' } }))`,
    )
    expect(world).not.toContain(DEMO.agentToken)
    expect(world).not.toContain(stack.relay.url)
    // Nor could it read them if it tried: the background closed storage.local and .managed to content scripts.
    const tried = await ui.evaluate<string>(
      `chrome.storage.local.get('settings').then((v) => JSON.stringify(v), (e) => 'refused: ' + e.message)`,
    )
    expect(tried).toMatch(/^refused: /)
    expect(tried).not.toContain(DEMO.agentToken)
  })
})

describe('a page that reads the marks', () => {
  it('should not tell approved from declined from pending from unknown IDs, nor which one the agent inspects', async () => {
    const [declined, pending] = await Promise.all([inquiryWithStatus('declined'), inquiryWithStatus('pending')])
    const slots = { approved: INQUIRY, declined, pending, unknown: UNKNOWN }
    pages[STATUS_PAGE] = statusPage(slots)
    const { page, ui } = await open(browser, 'acme.zendesk.com', STATUS_PAGE)
    // The content script knows every status (the card would show it): the relay has answered for each ID.
    await expect
      .poll(
        async () =>
          Object.fromEntries(await Promise.all(Object.entries(slots).map(async ([slot, id]) => [slot, await lookupState(ui, id)]))),
        WAIT,
      )
      .toEqual({ approved: 'found', declined: 'found', pending: 'found', unknown: 'missing' })
    // Every planted ID is marked (something is there to compare: a box of ours over each, alike whatever the
    // status), and what the page can read of the marks is alike whatever the status.
    await expect.poll(async () => (await ui.markBoxes()).map((b) => b.text).sort(), WAIT).toEqual(Object.values(slots).sort())
    expect(new Set((await ui.markBoxes()).map((b) => b.look)).size).toBe(1)
    const read = await page.evaluate(readMarks)
    expect(read.page).toMatchObject({ host: { shadowRoot: null }, highlights: 0 })
    for (const slot of ['declined', 'pending', 'unknown']) expect(read[slot], `${slot} vs approved`).toEqual(read.approved)

    // The agent hovers the declined ID: its card opens in our closed root, and the page's view of the marks stays the same.
    await ui.hover(() => textSpot(page, declined))
    await ui.waitFor(`[data-testid="card"][data-id="${declined}"]`)
    const inspecting = await page.evaluate(readMarks)
    for (const slot of ['approved', 'pending', 'unknown'])
      expect(inspecting[slot], `${slot} vs declined while inspected`).toEqual(inspecting.declined)
    expect(inspecting).toEqual(read)
  })
})

describe('after an update', () => {
  it('should put the new content script into the helpdesk tabs already open', async () => {
    // A copy of the build this test may rewrite: its manifest version goes up, as with a store update,
    // so Chrome reports onInstalled with reason "update".
    const dir = await mkdtemp(join(tmpdir(), 'idv-lens-update-'))
    let updating: ExtensionBrowser | null = null
    try {
      await cp(EXTENSION_DIR, dir, { recursive: true })
      // CDP's Extensions.loadUnpacked needs this switch; loading the same directory again is an update.
      updating = await launchWithExtension({
        extensionDir: dir,
        hostResolverRules: server.hostResolverRules,
        args: ['--enable-unsafe-extension-debugging'],
      })
      await updating.setSettings({ workerUrl: stack.relay.url, agentToken: DEMO.agentToken })
      const { page, ui } = await open(updating, 'acme.zendesk.com', '/agent/tickets/4821')
      const tabId = (await tabIdOf(updating.background, page.url()))!
      await expect.poll(() => badge(updating!.background, tabId), WAIT).toBe(String(ZENDESK_ID_COUNT))
      const before = await ui.evaluate<number>('globalThis.__idvLens.inline.stats().startedAt')

      const manifestPath = join(dir, 'manifest.json')
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string }
      await writeFile(manifestPath, JSON.stringify({ ...manifest, version: '99.0.0' }))
      const old = updating.background
      // chrome.runtime.reload() would keep the manifest it had: load the rewritten directory over it instead.
      const cdp = await updating.context.browser()!.newBrowserCDPSession()
      expect(await cdp.send('Extensions.loadUnpacked' as never, { path: dir } as never)).toEqual({ id: updating.extensionId })
      await cdp.detach()
      // The reloaded extension's new service worker (the old one is gone with the old version).
      const background = await pollUntil(
        async () => {
          for (const worker of updating!.context.serviceWorkers()) {
            if (worker === old) continue
            const version = await worker.evaluate(() => chrome.runtime.getManifest().version).catch(() => null)
            if (version === '99.0.0') return worker
          }
          return null
        },
        (w) => w !== null,
        { timeoutMs: WAIT.timeout, what: 'the updated service worker' },
      )

      // The tab was not reloaded, yet a new copy runs there: it found the IDs again and reported them.
      await expect.poll(() => badge(background!, tabId).catch(() => ''), WAIT).toBe(String(ZENDESK_ID_COUNT))
      await expect
        .poll(() => ui.evaluate<number>('globalThis.__idvLens.inline.stats().startedAt').catch(() => before), WAIT)
        .not.toBe(before)
      await expect.poll(() => highlightSizes(ui).catch(() => ({})), WAIT).toMatchObject({ good: 2, bad: 1, unknown: 1, pending: 0 })
      // The orphaned copy stopped and took its UI and its marks along: one host of each, one set of marks.
      expect(await page.evaluate(() => document.querySelectorAll('idv-lens-ui').length)).toBe(1)
      expect(await page.evaluate(() => document.querySelectorAll('idv-lens-marks').length)).toBe(1)
      expect(await page.evaluate(() => CSS.highlights.size)).toBe(0)
    } finally {
      await updating?.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

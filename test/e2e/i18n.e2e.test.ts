/**
 * The extension in German, in real Chromium started with `--lang=de`: the real toolbar popup and
 * the side panel it opens, on the demo relay's data. Their words come from _locales/de, their
 * times from Intl in German; screenshots go to test/artifacts/i18n/. The other browser tests run
 * the same build in English (the harness's default).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { sharedStack } from '../harness/shared-stack.ts'
import { vendorLabels } from '../harness/demo-vendors.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { attachToView, openToolbarPopup, type ExtensionView } from '../harness/toolbar-popup.ts'
import { wholePageShot } from '../harness/whole-page.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/i18n')

/** The extension API used in the service worker below (run there; typed here for the checker). */
declare const chrome: { commands: { getAll(): Promise<{ name?: string; description?: string }[]> } }

/** What Intl.RelativeTimeFormat('de', { style: 'short', numeric: 'auto' }) writes: "vor 3 Min.", "gestern", "jetzt". */
const GERMAN_RELATIVE = /^(jetzt|gestern|vorgestern|letzte[nrs]? \S+|vor \d+ (Sek\.|Min\.|Std\.|Tagen|Wochen|Monaten|Jahren))$/
/** Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'long' }): "05.03.2026, 14:07:00 UTC". */
const GERMAN_EXACT = /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2} /

/** Inquiry-session statuses of the demo data, as the German messages say them. */
const GERMAN_STATUS: Record<string, string> = {
  active: 'aktiv',
  canceled: 'abgebrochen',
  expired: 'abgelaufen',
  pending: 'ausstehend',
  completed: 'abgeschlossen',
  failed: 'fehlgeschlagen',
}

const { stack, agentToken } = sharedStack('i18n')
let browser: ExtensionBrowser

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: EXTENSION_DIR, locale: 'de' })
  await browser.setSettings({ workerUrl: stack.relay.url, agentToken })
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
})

/** Text of every element matching `selector` in the view. */
const texts = (view: ExtensionView, selector: string) =>
  view.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.textContent.trim())`)
/** Longer words must wrap, never push the view sideways. */
const overflowsSideways = (view: ExtensionView) =>
  view.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth')
const attribute = (view: ExtensionView, selector: string, name: string) =>
  view.evaluate<string | null>(`document.querySelector(${JSON.stringify(selector)})?.getAttribute(${JSON.stringify(name)}) ?? null`)

describe('in German', () => {
  it('should show the toolbar popup and the side panel in German, with German relative times', async () => {
    // The browser's own strings for the extension come from the same messages.json.
    const commands = await browser.background.evaluate(() => chrome.commands.getAll())
    expect(commands.find((c) => c.name === 'show-page-ids')?.description).toBe('IDs auf dieser Seite anzeigen')

    const page = await browser.context.newPage()
    await page.goto(`${stack.relay.url}/healthz`)
    await page.bringToFront()

    const popup = await openToolbarPopup(browser)
    try {
      await expect.poll(() => texts(popup, '[data-testid="row"]').then((rows) => rows.length), WAIT).toBeGreaterThan(0)
      expect(await popup.evaluate('document.documentElement.lang')).toBe('de')
      expect(await texts(popup, '[role="tab"]')).toEqual(['Anfragen', 'Sitzungen', 'Ereignisse', 'deepidv', 'Live'])
      // Refresh and "open the side panel" are icon buttons: their words are their names.
      expect(
        await popup.evaluate(
          `[...document.querySelectorAll('[data-testid="refresh"], [data-testid="open-side-panel"]')].map((b) => b.getAttribute('aria-label'))`,
        ),
      ).toEqual(['Aktualisieren', 'Seitenleiste öffnen'])
      expect(await texts(popup, '[data-testid="open-settings-footer"]')).toEqual(['Einstellungen'])
      expect(await popup.evaluate('document.getElementById("on-page-title").textContent')).toBe('Auf dieser Seite')
      // The run's shared relay may hold the list from another file: then it says so, in German too.
      await expect
        .poll(() => texts(popup, '[data-testid="freshness"]').then(([t]) => t), WAIT)
        .toMatch(/^Aktualisiert (jetzt|vor \d+ (Sek|Min)\.)( · (aus dem Relay-Cache|Relay-Cache, wird aktualisiert))?$/)
      const times = await texts(popup, '[data-testid="row"] [data-testid="time"]')
      expect(times.length).toBeGreaterThan(0)
      for (const time of times) expect(time).toMatch(GERMAN_RELATIVE)
      expect(await attribute(popup, '[data-testid="row"] [data-testid="time"]', 'title')).toMatch(GERMAN_EXACT)
      // Known vendor statuses in German, the vendor's own word in the tooltip.
      const statuses = await popup.evaluate<[string, string][]>(
        `[...document.querySelectorAll('[data-testid="row"] [data-testid="status"]')].map((b) => [b.title, b.textContent])`,
      )
      const known = statuses.filter(([raw]) => raw.toLowerCase() in GERMAN_STATUS)
      expect(known.length).toBeGreaterThan(0)
      for (const [raw, text] of known) expect(text).toBe(GERMAN_STATUS[raw.toLowerCase()])
      // It opens on the inquiries; the sessions' country names from their ISO codes, in German.
      expect(await attribute(popup, '[data-testid="row-open"]', 'aria-label')).toMatch(/^Persona-Anfrage inq_\w+ öffnen$/)
      await popup.evaluate('document.querySelector(\'[data-testid="tab-sessions"]\').click()')
      await expect.poll(() => texts(popup, '[data-testid="row"] [data-testid="country"]'), WAIT).toContain('Vereinigte Staaten (US)')
      expect(await attribute(popup, '[data-testid="row-open"]', 'aria-label')).toMatch(/^Persona-Anfragesitzung iqse_\w+ öffnen$/)
      expect(await overflowsSideways(popup)).toBe(false)
      await writeFile(join(ARTIFACTS, 'popup-de.png'), await popup.screenshot())
      // Opens the side panel inside this click (Chrome's user-gesture rule), then closes the popup.
      await popup.evaluate('document.querySelector(\'[data-testid="open-side-panel"]\').click()')
    } finally {
      await popup.detach()
    }

    const panel = await attachToView(browser, browser.pageUrl('sidepanel.html'))
    try {
      await expect.poll(() => texts(panel, '[data-testid="row"]').then((rows) => rows.length), WAIT).toBeGreaterThan(0)
      expect(await panel.evaluate('document.documentElement.lang')).toBe('de')
      // Four lists and Live in the row from 384 px, three under it (Chrome's panel may open narrower); the rest behind "Mehr".
      const width = await panel.evaluate<number>('innerWidth')
      const lists = ['Sitzungen', 'Anfragen', 'Ereignisse', 'Meine Fälle'].slice(0, width < 384 ? 3 : 4)
      expect(await texts(panel, '[role="tab"]'), `${width} px`).toEqual([...lists, 'Live'])
      expect(await texts(panel, '[data-testid="tab-more"]')).toEqual([expect.stringContaining('Mehr')])
      expect(await attribute(panel, '[data-testid="lookup-input"]', 'placeholder')).toBe('ID, Link oder Referenz-ID')
      expect(await texts(panel, '[data-testid="lookup-submit"], .filters summary')).toEqual(['Suchen', 'Filter'])
      for (const time of await texts(panel, '[data-testid="row"] [data-testid="time"]')) expect(time).toMatch(GERMAN_RELATIVE)
      await expect.poll(() => texts(panel, '[data-testid="freshness"]').then(([t]) => t), WAIT).toMatch(/^Aktualisiert /)
      expect(await overflowsSideways(panel)).toBe(false)
      await writeFile(join(ARTIFACTS, 'sidepanel-de.png'), await panel.screenshot())
    } finally {
      await panel.detach()
    }
  })

  it("should word the background's codes in German on the options page: a working connection, then an unreachable relay", async () => {
    const options = await browser.context.newPage()
    await options.setViewportSize({ width: 800, height: 900 })
    await options.goto(browser.pageUrl('options.html'))
    expect(await options.locator('h1').textContent()).toBe('IDV Lens – Einstellungen')
    expect(await options.title()).toBe('IDV Lens – Einstellungen')
    await expect.poll(() => options.getByTestId('setting-worker-url').inputValue(), WAIT).toBe(stack.relay.url)

    await options.getByTestId('test-connection').click()
    const message = options.getByTestId('result-message')
    await expect.poll(() => message.getAttribute('data-outcome'), WAIT).toBe('connected')
    // Every vendor the relay serves, in the registry's order, listed as German lists them ("A, B und C").
    const served = new Intl.ListFormat('de', { type: 'conjunction' }).format(vendorLabels())
    expect(served).toMatch(/^Persona, deepidv, .+ und \w+$/)
    expect(await message.textContent()).toBe(`Verbunden. Das Relay hat Ihr Token akzeptiert und bedient ${served}.`)
    expect(await options.getByTestId('result-relay').textContent()).toBe('erreichbar')
    expect(await options.getByTestId('result-auth').textContent()).toBe('akzeptiert')
    await wholePageShot(options, join(ARTIFACTS, 'options-de.png'))

    // Nothing listens on the discard port: the background reports { code: 'cannot-reach', relay, origin }
    // (tested unsaved: Test connection uses the form's values) and the page words it.
    const gone = 'http://127.0.0.1:9'
    await options.getByTestId('setting-worker-url').fill(gone)
    await options.getByTestId('test-connection').click()
    await expect.poll(() => options.getByTestId('connection-result').getAttribute('data-relay'), WAIT).toBe('unreachable')
    expect(await message.textContent()).toMatch(new RegExp(`^Unter ${gone.replace(/\./g, '\\.')} hat nichts geantwortet\\.`))
    await options.close()
  })
})

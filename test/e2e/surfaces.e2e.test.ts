/**
 * The agent's surfaces under a live feed that never stops, in real Chromium, in English (German: german-pass): 150+
 * signed webhook events before the pages open, more while the tests run. The popup (400x600) and the side
 * panel (400x900) keep at least 6 of the 10 newest rows visible in one scroll box, nothing sideways, the
 * Events list and filters on top; axe-core finds nothing on the popup, side panel list and detail, and
 * options page, in light and dark; a detail's sections are spaced alike. Every surface is screenshotted to
 * test/artifacts/surfaces/.
 */
import { readFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { startLiveStack, type LiveStack } from '../harness/live.ts'
import { DEMO, REPO_ROOT } from '../harness/stack.ts'
import { axeViolations } from '../harness/axe.ts'
import { distinctGaps, ONE_GAP_EACH, sectionGaps } from '../harness/section-gaps.ts'
import { openDetail } from '../harness/side-panel-page.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/surfaces')

/** How many rows the tab bar takes (its tabs' and its More menu button's distinct tops). */
const tabRows = (page: Page) =>
  page
    .locator('[role="tab"], [data-testid="tab-more"]')
    .evaluateAll((tabs) => new Set(tabs.map((tab) => Math.round(tab.getBoundingClientRect().top))).size)
const POPUP_VIEWPORT = { width: 400, height: 600 }
const PANEL_VIEWPORT = { width: 400, height: 900 }
/** Delivered before any page opens: the relay replays its window to every new socket. */
const BACKLOG = 150
const SCHEMES = ['light', 'dark'] as const
/** The demo story's inquiry (worker/demo-upstream/persona-story.ts): the fullest detail, a paragraph under a title among its sections. */
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'

let stack: LiveStack
let feeding = true
let feeder: Promise<void> = Promise.resolve()
let delivered = 0

/** Keeps webhooks arriving while the tests run, one a second (a busy team; wrangler dev on a shared 2-core machine is the bottleneck at 4 a second). */
async function feed() {
  for (let i = 0; feeding; i++) {
    const result = await stack.deliver(i % 2 ? 'deepidv' : 'persona')
    if (result.status === 204) delivered++
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

beforeAll(async () => {
  stack = await startLiveStack()
  for (let i = 0; i < BACKLOG; i++) {
    const result = await stack.deliver(i % 3 ? 'persona' : 'deepidv')
    expect(result.status).toBe(204)
    delivered++
  }
  feeder = feed()
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  feeding = false
  await feeder.catch(() => {})
  await stack?.stop()
})

/** 'ok' once `selector` matches at least `count` rows, else what the tab shows instead (a failure reads as itself). */
const rowsOrWhy = (page: Page, selector: string, count: number) => async () =>
  (await page.locator(selector).count()) >= count ? 'ok' : (await page.locator('[role="tabpanel"]').innerText()).slice(0, 300)

/** The layout facts the issue names, read at once in the page. */
function layout(page: Page, rowSelector: string) {
  return page.evaluate((selector) => {
    const root = document.documentElement
    const scrolls = (el: Element) => {
      const style = getComputedStyle(el)
      return (
        (['auto', 'scroll'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
        (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      )
    }
    const boxes = [...document.querySelectorAll('body *')].filter(scrolls)
    const pageScrolls = root.scrollHeight > root.clientHeight + 1
    // A row counts as visible when all of it is inside the window and inside every box that clips it.
    const visible = (row: Element) => {
      const r = row.getBoundingClientRect()
      if (r.top < 0 || r.bottom > innerHeight + 0.5 || r.height === 0) return false
      for (let el = row.parentElement; el; el = el.parentElement) {
        if (!['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowY) || el === document.body || el === root) continue
        const c = el.getBoundingClientRect()
        if (r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5) return false
      }
      // Not under a sticky header or tab bar.
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(8, r.height / 2))
      return !!hit && row.contains(hit)
    }
    const rows = [...document.querySelectorAll(selector)].slice(0, 10)
    return {
      scrollBoxes: boxes.length + (pageScrolls ? 1 : 0),
      sideways:
        root.scrollWidth > root.clientWidth ||
        [...document.querySelectorAll('body *')].some(
          (el) =>
            el.scrollWidth > el.clientWidth + 1 &&
            getComputedStyle(el).overflowX !== 'hidden' &&
            getComputedStyle(el).overflowX !== 'visible',
        ),
      width: document.body.getBoundingClientRect().width,
      height: Math.max(root.scrollHeight, document.body.getBoundingClientRect().height),
      rows: rows.length,
      visibleRows: rows.filter(visible).length,
    }
  }, rowSelector)
}

/**
 * Whether the search box's placeholder shows whole (it is the box's only words on screen): a hidden
 * copy of the box, as wide, holding the placeholder's words in the placeholder's font, does not
 * scroll. A copy, because a search box keeps room for its clear button that no style of the page
 * tells, and text measured alone would miss it.
 */
function placeholderFits(page: Page) {
  return page.getByTestId('lookup-input').evaluate((input: HTMLInputElement) => {
    const shown = getComputedStyle(input, '::placeholder')
    const copy = input.cloneNode() as HTMLInputElement
    copy.removeAttribute('id')
    copy.removeAttribute('data-testid')
    Object.assign(copy.style, {
      position: 'absolute',
      visibility: 'hidden',
      width: `${input.offsetWidth}px`,
      fontStyle: shown.fontStyle,
      fontWeight: shown.fontWeight,
      fontSize: shown.fontSize,
      fontFamily: shown.fontFamily,
    })
    copy.value = input.placeholder
    input.parentElement!.append(copy)
    const fits = copy.scrollWidth <= copy.clientWidth
    copy.remove()
    return fits
  })
}

describe('the surfaces in en, with a live feed that never stops', () => {
  const locale = 'en'
  let browser: ExtensionBrowser
  const pageErrors: string[] = []
  const shot = (page: Page, name: string, scheme: string) => page.screenshot({ path: join(ARTIFACTS, `${name}-${locale}-${scheme}.png`) })

  beforeAll(async () => {
    browser = await launchWithExtension({ extensionDir: EXTENSION_DIR })
    await browser.setSettings({ workerUrl: stack.relay.url, agentToken: DEMO.agentToken })
  })

  afterAll(async () => {
    await browser?.close()
  })

  async function open(path: string, viewport: { width: number; height: number }) {
    const page = await browser.context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`))
    await page.setViewportSize(viewport)
    await page.goto(browser.pageUrl(path))
    return page
  }

  it('popup at 400x600: 6+ of the 10 newest rows visible in every list, one scroll box, nothing sideways; live events counted in their own tab; axe finds nothing', {
    timeout: 180_000,
  }, async () => {
    const page = await open('popup.html', POPUP_VIEWPORT)
    await expect.poll(() => page.getByTestId('tab-live').getAttribute('aria-selected'), WAIT).toBe('false')
    expect(await placeholderFits(page), "the search box's placeholder shows whole").toBe(true)
    for (const kind of ['sessions', 'inquiries', 'events', 'deepidv']) {
      await page.getByTestId(`tab-${kind}`).click()
      const rows = `[data-testid="panel-${kind}"] [data-testid="row"]`
      await expect.poll(rowsOrWhy(page, rows, 10), WAIT).toBe('ok')
      const facts = await layout(page, rows)
      expect(facts, kind).toMatchObject({ scrollBoxes: 1, sideways: false, rows: 10 })
      expect(facts.width, kind).toBeLessThanOrEqual(400)
      expect(facts.height, kind).toBeLessThanOrEqual(600)
      expect(facts.visibleRows, `${kind}: rows visible without scrolling`).toBeGreaterThanOrEqual(6)
    }
    // The backlog replayed on opening is history; what arrives now is counted on the Live tab.
    await expect.poll(() => page.getByTestId('tab-note-live').getAttribute('title'), WAIT).toMatch(/^\d+ (new|neu)$/)
    expect(await tabRows(page), 'the tabs, with the Live count, in one row').toBe(1)
    await page.getByTestId('tab-sessions').click()
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      expect.soft(await axeViolations(page), `popup ${scheme}`).toEqual([])
      await shot(page, 'popup', scheme)
    }

    await page.getByTestId('tab-live').click()
    await expect.poll(rowsOrWhy(page, '[data-testid="live-event"]', BACKLOG), WAIT).toBe('ok')
    await expect.poll(() => page.locator('[data-testid="live-event"][data-new]').count(), WAIT).toBeGreaterThan(0)
    expect(await page.getByTestId('tab-note-live').count(), 'seen: no count on the tab it is shown in').toBe(0)
    const live = await layout(page, '[data-testid="live-event"]')
    expect(live).toMatchObject({ scrollBoxes: 1, sideways: false })
    expect(live.visibleRows).toBeGreaterThanOrEqual(6)
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      expect.soft(await axeViolations(page), `popup live ${scheme}`).toEqual([])
      await shot(page, 'popup-live', scheme)
    }
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it('side panel at 400x900: header in one row, the Events list and its filters at the top of their tab, 6+ rows visible, nothing sideways; list and detail pass axe', {
    timeout: 180_000,
  }, async () => {
    const page = await open('sidepanel.html', PANEL_VIEWPORT)
    const header = await page.locator('header.bar').boundingBox()
    const input = await page.getByTestId('lookup-input').boundingBox()
    expect(header && input && header.height < input.height * 2, 'the header is one row').toBe(true)

    await page.getByTestId('tab-events').click()
    const rows = '[data-testid="panel-events"] [data-testid="row"]'
    await expect.poll(rowsOrWhy(page, rows, 10), WAIT).toBe('ok')
    // Whatever the feed holds, the tab opens on its filters, right under the tab bar (its tabs and More).
    const top = await page.evaluate(() => {
      const tabs = document.querySelector('.tab-row')!.getBoundingClientRect()
      const panel = document.querySelector('[role="tabpanel"]')!
      const filters = panel.querySelector('.filters')!.getBoundingClientRect()
      return {
        gap: filters.top - tabs.bottom,
        first: panel.firstElementChild?.classList.contains('filters') ?? false,
        liveRowsAbove: panel.querySelectorAll('[data-testid="live-event"]').length,
      }
    })
    expect(top).toEqual({ gap: 0, first: true, liveRowsAbove: 0 })
    const facts = await layout(page, rows)
    expect(facts).toMatchObject({ sideways: false })
    expect(facts.width).toBeLessThanOrEqual(400)
    expect(facts.visibleRows).toBeGreaterThanOrEqual(6)
    // With the list loaded, the page's scroll bar takes its share of the 400 px.
    expect(await placeholderFits(page), "the search box's placeholder shows whole").toBe(true)
    await expect.poll(() => page.getByTestId('tab-note-live').getAttribute('title'), WAIT).toMatch(/^\d+ (new|neu)$/)
    expect(await tabRows(page), 'the tabs, with the Live count, in one row').toBe(1)

    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      expect.soft(await axeViolations(page), `side panel list ${scheme}`).toEqual([])
      await shot(page, 'sidepanel-list', scheme)
    }

    await page.getByTestId('tab-sessions').click()
    await page.locator('[data-testid="panel-sessions"] [data-testid="row"] .row-open').first().click()
    const detail = page.getByTestId('detail')
    await expect.poll(() => detail.getByTestId('detail-summary').count(), WAIT).toBe(1)
    await expect.poll(() => detail.getAttribute('aria-busy'), WAIT).not.toBe('true')
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      expect.soft(await axeViolations(page), `side panel detail ${scheme}`).toEqual([])
      await shot(page, 'sidepanel-detail', scheme)
    }
    expect((await layout(page, '[data-testid="row"]')).sideways).toBe(false)

    // Back (and Esc) leave the keyboard on the row that opened the detail, not on the page body.
    const opened = await detail.getAttribute('data-id')
    await page.keyboard.press('Escape')
    await expect
      .poll(
        () => page.evaluate(() => document.activeElement?.closest('[data-id]')?.getAttribute('data-id') ?? document.activeElement?.tagName),
        WAIT,
      )
      .toBe(opened)

    await page.getByTestId('tab-live').click()
    await expect.poll(rowsOrWhy(page, '[data-testid="live-event"]', BACKLOG), WAIT).toBe('ok')
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      expect.soft(await axeViolations(page), `side panel live ${scheme}`).toEqual([])
      await shot(page, 'sidepanel-live', scheme)
    }

    // Every section of a detail spaced alike, whatever its body: a paragraph alone brings no margin of its own.
    await openDetail(page, STORY_INQUIRY, { settled: true })
    const gaps = await sectionGaps(page)
    // The whole detail in one shot: the panel is as high as the window, so the window grows for it.
    await page.setViewportSize({ width: PANEL_VIEWPORT.width, height: 2000 })
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await shot(page, 'sidepanel-inquiry-detail', scheme)
    }
    expect(gaps.map((g) => g.section)).toEqual(expect.arrayContaining(['detail-summary', 'detail-history']))
    expect(distinctGaps(gaps), JSON.stringify(gaps)).toEqual(ONE_GAP_EACH)
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it('options page: axe finds nothing, light and dark; each titled section keeps one rhythm', { timeout: 120_000 }, async () => {
    const page = await open('options.html', { width: 800, height: 900 })
    await page.getByTestId('connection-result').or(page.locator('form')).first().waitFor(WAIT)
    // Heading to hint, hint to control: the same space in every section, so none reads as cramped.
    const gaps = await page.evaluate(() =>
      [...document.querySelectorAll('section[aria-labelledby]')].map((section) => {
        const [first, ...rest] = [...section.children].map((el) => el.getBoundingClientRect())
        return rest.map((box, i) => Math.round(box.top - [first, ...rest][i]!.bottom))
      }),
    )
    expect(gaps.length).toBeGreaterThanOrEqual(3)
    expect(new Set(gaps.flat())).toEqual(new Set([6]))
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      expect.soft(await axeViolations(page), `options ${scheme}`).toEqual([])
      await shot(page, 'options', scheme)
    }
    expect(pageErrors).toEqual([])
    await page.close()
  })
})

/**
 * The card and the marks in the helpdesk's own scheme (issue 58), real Chromium (development build,
 * relay, demo upstream): on a dark ticket (dark backgrounds, no `color-scheme`) both are
 * dark with the OS light; on a light ticket light with the OS dark; a page that declares only a dark
 * scheme gets them dark. Where the page says nothing the card follows the OS, the marks the white
 * canvas. Asserted by computed colours; the page's own nodes see no attribute change.
 * Screenshots: test/artifacts/page-theme/.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { attachContentUi, type ContentUi } from '../harness/content-ui.ts'
import { shareHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { markLook } from '../harness/mark-boxes.ts'
import { textSpot } from '../harness/text-spot.ts'
import { CARD_DARK as DARK, CARD_LIGHT as LIGHT, THEME_PAGE_ID as ID, THEME_PAGES as PAGES } from '../fixtures/helpdesk/theme-pages.ts'
import { contrast, over, parseColour, type Rgba } from '../../extension/src/content/marks/colour.ts'
import { MARK_STYLE, MARK_STYLE_DARK } from '../../extension/src/content/marks/mark-look.ts'
import { WAIT } from '../harness/wait.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/page-theme')
type Path = keyof typeof PAGES

/** The page's own script: every attribute change on the page's nodes (our hosts are not the page's). */
function recordAttributeChanges() {
  const seen: string[] = []
  new MutationObserver((records) => {
    for (const r of records)
      if (!(r.target as Element).localName?.startsWith('idv-lens-')) seen.push(`${(r.target as Element).localName} ${r.attributeName}`)
  }).observe(document, { attributes: true, subtree: true })
  ;(window as unknown as { __attrs: string[] }).__attrs = seen
}

const CARD_COLOURS = `(() => {
  const card = root.querySelector('[data-testid="card"]')
  const style = getComputedStyle(card)
  return { bg: style.backgroundColor, fg: style.color }
})()`

/** The opaque colour behind the ID's text: the backgrounds of its element and ancestors over a white canvas. */
const BACKGROUND_AT = (id: string) => {
  const message = [...document.querySelectorAll('p')].find((p) => p.textContent?.includes(id))!
  const layers: string[] = []
  for (let at: Element | null = message; at; at = at.parentElement) layers.push(getComputedStyle(at).backgroundColor)
  return layers
}

const rgba = (value: string): Rgba => parseColour(value)!

describe("the card and the marks in the page's scheme (en)", () => {
  const locale = 'en'
  let session: HelpdeskSession
  shareHelpdeskSession((s) => (session = s), { agent: 'page-theme', pages: PAGES })
  beforeAll(() => mkdir(ARTIFACTS, { recursive: true }))

  /**
   * The ticket at `path` with the OS in `os`: what `read` finds there (it screenshots to `shot`), and
   * every attribute change the page saw meanwhile.
   */
  async function onTicket<T>(
    { path, os, kind }: { path: Path; os: 'light' | 'dark'; kind: 'card' | 'marks' },
    read: (page: Page, ui: ContentUi, shot: string) => Promise<T>,
  ) {
    const page = await session.browser.context.newPage()
    await page.emulateMedia({ colorScheme: os })
    await page.addInitScript(recordAttributeChanges)
    const ui = await attachContentUi(page)
    try {
      await page.goto(session.server.url('acme.zendesk.com', path))
      const found = await read(page, ui, join(ARTIFACTS, `${kind}${path.replace('/agent/tickets/', '-')}-${locale}-os-${os}.png`))
      const changed = await page.evaluate(() => (window as unknown as { __attrs: string[] }).__attrs)
      return { ...found, changed }
    } finally {
      await ui.detach()
      await page.close()
    }
  }

  /** The card of the ticket's ID, hovered with the OS in `os`: its colours, a screenshot, and what the page saw change. */
  const cardOn = (path: Path, os: 'light' | 'dark') =>
    onTicket({ path, os, kind: 'card' }, async (page, ui, shot) => {
      await ui.hover(() => textSpot(page, ID))
      await ui.waitFor(`[data-testid="card"][data-id="${ID}"] [data-testid="status"]:not([data-tone="pending"])`)
      const colours = await ui.evaluate<{ bg: string; fg: string }>(CARD_COLOURS)
      const box = (await ui.find('[data-testid="card"]'))!.box
      await page.screenshot({
        path: shot,
        clip: { x: Math.max(0, box.x - 16), y: Math.max(0, box.y - 60), width: box.width + 32, height: box.height + 76 },
      })
      return { colours }
    })

  it('should be dark on a dark ticket with the OS light, and light on a light ticket with the OS dark', async () => {
    const dark = await cardOn('/agent/tickets/dark', 'light')
    expect(dark.colours).toEqual(DARK)
    expect(dark.changed).toEqual([])
    const light = await cardOn('/agent/tickets/light', 'dark')
    expect(light.colours).toEqual(LIGHT)
    expect(light.changed).toEqual([])
    // And in the page's scheme whatever the OS says: the other pairs, for the screenshots too.
    expect((await cardOn('/agent/tickets/dark', 'dark')).colours).toEqual(DARK)
    expect((await cardOn('/agent/tickets/light', 'light')).colours).toEqual(LIGHT)
  })

  /** The marks on the ticket with the OS in `os`: their look, the underline's contrast with the page behind, a screenshot, and what the page saw change. */
  const marksOn = (path: Path, os: 'light' | 'dark') =>
    onTicket({ path, os, kind: 'marks' }, async (page, ui, shot) => {
      await expect.poll(async () => (await ui.markBoxes()).map((b) => b.text), WAIT).toEqual([ID])
      const [box] = await ui.markBoxes()
      const looks = { light: await page.evaluate(markLook, MARK_STYLE), dark: await page.evaluate(markLook, MARK_STYLE_DARK) }
      const look = box!.look === looks.light ? 'light' : box!.look === looks.dark ? 'dark' : box!.look
      const behind = (await page.evaluate(BACKGROUND_AT, ID))
        .map(rgba)
        .reduceRight((under, layer) => over(layer, under), rgba('rgb(255, 255, 255)'))
      const underline = contrast(rgba(/rgb\([^)]*\)$/.exec(box!.look)![0]), behind)
      await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 900, height: 160 } })
      return { look, underline }
    })

  it('should draw the marks dark on a dark ticket with the OS light, and light on a light ticket with the OS dark', async () => {
    const dark = await marksOn('/agent/tickets/dark', 'light')
    expect(dark.look).toBe('dark')
    expect(dark.underline).toBeGreaterThanOrEqual(4.5)
    expect(dark.changed).toEqual([])
    const light = await marksOn('/agent/tickets/light', 'dark')
    expect(light.look).toBe('light')
    expect(light.underline).toBeGreaterThanOrEqual(4.5)
    expect(light.changed).toEqual([])
    // A declared dark canvas draws them dark; a page that says nothing has a white canvas in either OS.
    expect((await marksOn('/agent/tickets/declared-dark', 'light')).look).toBe('dark')
    expect((await marksOn('/agent/tickets/plain', 'dark')).look).toBe('light')
  })

  it('should follow a declared dark scheme, and the OS where the page says nothing', async () => {
    expect((await cardOn('/agent/tickets/declared-dark', 'light')).colours).toEqual(DARK)
    expect((await cardOn('/agent/tickets/plain', 'dark')).colours).toEqual(DARK)
    expect((await cardOn('/agent/tickets/plain', 'light')).colours).toEqual(LIGHT)
  })
})

/**
 * The card in the helpdesk's own scheme (issue 58), real Chromium (development build, relay, demo
 * upstream), en and de: on a dark ticket (dark backgrounds, no `color-scheme`) the card is dark with
 * the OS light; on a light ticket it is light with the OS dark; a page that declares only a dark
 * scheme gets a dark card; a page that says nothing follows the OS. Asserted by the card's computed
 * colours; the page's own nodes see no attribute change. Screenshots: test/artifacts/page-theme/.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { attachContentUi } from '../harness/content-ui.ts'
import { shareHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { textSpot } from '../harness/text-spot.ts'
import { CARD_DARK as DARK, CARD_LIGHT as LIGHT, THEME_PAGE_ID as ID, THEME_PAGES as PAGES } from '../fixtures/helpdesk/theme-pages.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/page-theme')
const WAIT = { timeout: 20_000, interval: 100 }
type Path = keyof typeof PAGES

/** The page's own script: every attribute change on the page's nodes (our hosts are not the page's). */
function recordAttributeChanges() {
  const seen: string[] = []
  new MutationObserver((records) => {
    for (const r of records) if (!(r.target as Element).localName?.startsWith('idv-lens-')) seen.push(`${(r.target as Element).localName} ${r.attributeName}`)
  }).observe(document, { attributes: true, subtree: true })
  ;(window as unknown as { __attrs: string[] }).__attrs = seen
}

const CARD_COLOURS = `(() => {
  const card = root.querySelector('[data-testid="card"]')
  const style = getComputedStyle(card)
  return { bg: style.backgroundColor, fg: style.color }
})()`

describe.each(['en', 'de'])('the card in the page\'s scheme (%s)', (locale) => {
  let session: HelpdeskSession
  shareHelpdeskSession((s) => (session = s), { agent: 'page-theme', pages: PAGES, locale: locale === 'en' ? undefined : locale })
  beforeAll(() => mkdir(ARTIFACTS, { recursive: true }))

  /** The card of the ticket's ID, hovered with the OS in `os`: its colours, a screenshot, and what the page saw change. */
  async function cardOn(path: Path, os: 'light' | 'dark') {
    const page = await session.browser.context.newPage()
    await page.emulateMedia({ colorScheme: os })
    await page.addInitScript(recordAttributeChanges)
    const ui = await attachContentUi(page)
    await page.goto(session.server.url('acme.zendesk.com', path))
    await ui.hover(await textSpot(page, ID))
    await ui.waitFor(`[data-testid="card"][data-id="${ID}"] [data-testid="status"]:not([data-tone="pending"])`)
    const colours = await ui.evaluate<{ bg: string; fg: string }>(CARD_COLOURS)
    const box = (await ui.find('[data-testid="card"]'))!.box
    const clip = { x: Math.max(0, box.x - 16), y: Math.max(0, box.y - 60), width: box.width + 32, height: box.height + 76 }
    await page.screenshot({ path: join(ARTIFACTS, `card${path.replace('/agent/tickets/', '-')}-${locale}-os-${os}.png`), clip })
    const changed = await page.evaluate(() => (window as unknown as { __attrs: string[] }).__attrs)
    await ui.detach()
    await page.close()
    return { colours, changed }
  }

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

  it('should follow a declared dark scheme, and the OS where the page says nothing', async () => {
    expect((await cardOn('/agent/tickets/declared-dark', 'light')).colours).toEqual(DARK)
    expect((await cardOn('/agent/tickets/plain', 'dark')).colours).toEqual(DARK)
    expect((await cardOn('/agent/tickets/plain', 'light')).colours).toEqual(LIGHT)
  })
})

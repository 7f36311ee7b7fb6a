import type { Locator, Page } from 'playwright-core'
import type { ExtensionBrowser } from './browser.ts'
import { WAIT } from './wait.ts'

/** The side panel's page in a tab at the panel's 400 x 900, its uncaught errors collected into `errors`. */
export async function openSidePanelPage(browser: ExtensionBrowser, errors: string[]): Promise<Page> {
  const page = await browser.context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  await page.setViewportSize({ width: 400, height: 900 })
  await page.goto(browser.pageUrl('sidepanel.html'))
  return page
}

/** Looks `id` up in the side panel's search and waits for its detail, which it returns. */
export async function openDetail(page: Page, id: string, options: { settled?: boolean } = {}): Promise<Locator> {
  await page.getByTestId('lookup-input').fill(id)
  await page.getByTestId('lookup-input').press('Enter')
  const detail = page.locator(`[data-testid="detail"][data-id="${id}"]`)
  await detail.waitFor({ timeout: WAIT.timeout })
  // Settled: every section in (aria-busy false), so nothing moves a control under a click.
  if (options.settled) await page.locator(`[data-testid="detail"][data-id="${id}"][aria-busy="false"]`).waitFor({ timeout: WAIT.timeout })
  return detail
}

/** For a poll: what the detail's "N other attempts" says, or '' until it shows. */
export const earlierAttempts = (detail: Locator) => () =>
  detail
    .getByTestId('earlier-attempts')
    .innerText()
    .catch(() => '')

/** For a poll: the IDs of the detail's history attempts, in order. */
export const attemptIds = (detail: Locator) => () =>
  detail.locator('[data-testid="history-attempt"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')))

/**
 * Screenshots `target` in the light and the dark scheme to `<path>-light.png` and `-dark.png`, then back
 * to light; `check` runs in each scheme before its shot (an axe pass).
 */
export async function shootLightAndDark(page: Page, target: Locator, path: string, check?: (scheme: 'light' | 'dark') => Promise<void>) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await check?.(colorScheme)
    await target.screenshot({ path: `${path}-${colorScheme}.png` })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** Shows the side panel's tab `key`: a tab of the row, or one of its "More" menu (opened for it). */
export async function showPanelTab(page: Page, key: string): Promise<void> {
  const tab = page.getByTestId(`tab-${key}`)
  // The popup's first paint draws its tabs without test IDs: count only once the app's are in.
  await page.locator(`[data-testid="tab-${key}"], [data-testid="tab-more"]`).first().waitFor(WAIT)
  if ((await tab.count()) === 0) await page.getByTestId('tab-more').click()
  await tab.click()
}

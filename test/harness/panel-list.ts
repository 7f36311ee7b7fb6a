import type { Page } from 'playwright-core'

/** One vendor tab's list in the side panel page (`panel-<tab>`): the IDs it shows, its next page, its status filter. */
export function panelList(page: Page, tab: string) {
  const rows = `[data-testid="panel-${tab}"] [data-testid="row"]`
  const ids = () => page.locator(rows).evaluateAll((found) => found.map((r) => r.getAttribute('data-id')))
  return {
    ids,
    /** For a poll: the count of rows once there are `count`, else what the tab shows instead (a failure reads as itself). */
    rowsOrWhy: (count: number) => async () =>
      (await ids()).length === count ? count : (await page.locator('[role="tabpanel"]').innerText()).slice(0, 300),
    /** Asks for the next page (infinite scroll may have asked already: then the click does nothing). */
    more: () =>
      page.evaluate(
        (panel) => document.querySelector<HTMLButtonElement>(`${panel} [data-testid="load-more"]`)?.click(),
        `[data-testid="panel-${tab}"]`,
      ),
    /** Opens the tab's filters, picks one status in `select` (a test ID) and applies them. */
    async filterStatus(select: string, status: string) {
      await page.locator(`[data-testid="filters-${tab}"] summary`).click()
      await page.getByTestId(select).selectOption(status)
      await page.getByTestId('filters-apply').click()
    },
    /** The status badges of the rows shown, in words. */
    statuses: () => page.locator(`${rows} [data-testid="status"]`).allInnerTexts(),
    /** How many rows say a reason. */
    reasons: () => page.locator(`[data-testid="panel-${tab}"] [data-testid="row-reason"]`).count(),
  }
}

/** Whether the page scrolls sideways (at the panel's 400 px nothing should). */
export const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

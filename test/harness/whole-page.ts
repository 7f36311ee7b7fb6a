import type { Page } from 'playwright-core'

/**
 * The whole page as a person scrolls through it, at its viewport's width: the viewport grown to the
 * page's height for the shot, then put back. Playwright's `fullPage` lays the page out with no
 * scrollbar but keeps the width the scrollbar left (385 of the side panel's 400 px), so its shots cut
 * off the right edge the page really shows.
 */
export async function wholePageShot(page: Page, path?: string): Promise<Buffer> {
  const viewport = page.viewportSize()
  if (!viewport) return page.screenshot({ path, fullPage: true })
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) })
  try {
    return await page.screenshot({ path })
  } finally {
    await page.setViewportSize(viewport)
  }
}

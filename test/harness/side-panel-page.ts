import type { Page } from 'playwright-core'
import type { ExtensionBrowser } from './browser.ts'

/** The side panel's page in a tab at the panel's 400 x 900, its uncaught errors collected into `errors`. */
export async function openSidePanelPage(browser: ExtensionBrowser, errors: string[]): Promise<Page> {
  const page = await browser.context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  await page.setViewportSize({ width: 400, height: 900 })
  await page.goto(browser.pageUrl('sidepanel.html'))
  return page
}

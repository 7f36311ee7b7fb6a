import type { ExtensionBrowser } from './browser.ts'
import { WAIT } from './wait.ts'
import { expect } from 'vitest'

declare const chrome: {
  permissions: { contains(p: { origins: string[] }): Promise<boolean> }
  developerPrivate: { addHostPermission(id: string, host: string): Promise<void> }
}

/** Gmail is one click away (see workspaces.e2e.test.ts): the site pre-approved, then the options page's button. */
export async function turnOnGmail(browser: ExtensionBrowser): Promise<void> {
  const origin = 'https://mail.google.com/*'
  if (await browser.background.evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin)) return
  const extensions = await browser.context.newPage()
  await extensions.goto(`chrome://extensions/?id=${browser.extensionId}`)
  await extensions.evaluate(({ id, o }) => chrome.developerPrivate.addHostPermission(id, o), { id: browser.extensionId, o: origin })
  const options = await browser.context.newPage()
  await options.goto(browser.pageUrl('options.html'))
  await options.getByTestId('workspace-gmail').click()
  await expect.poll(() => browser.background.evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin), WAIT).toBe(true)
  await extensions.close()
  await options.close()
}

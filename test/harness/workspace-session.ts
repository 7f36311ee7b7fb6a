import { afterAll, afterEach, beforeAll } from 'vitest'
import { startWorkspaceServer, type WorkspaceServer } from '../fixtures/workspaces/serve.ts'
import type { ExtensionBrowser } from './browser.ts'
import { browserOver, startTogether } from './helpdesk-session.ts'
import { DEMO, startStack, type Stack } from './stack.ts'

export type WorkspaceSession = { stack: Stack; server: WorkspaceServer; browser: ExtensionBrowser }

/**
 * The relay and demo upstream, the workspace fixtures served at their real host names
 * (acme.lightning.force.com & co., through host resolver rules), and Chromium with the extension set
 * to that relay: started before a file's first test, every page closed after each test. `locale`:
 * Chromium's UI language (the extension's words).
 */
export function shareWorkspaceSession(onStart: (session: WorkspaceSession) => void, options: { locale?: string } = {}): void {
  let session: WorkspaceSession | undefined
  beforeAll(async () => {
    const [stack, { server, browser }] = await startTogether(startStack(), () => browserOver(startWorkspaceServer(), { locale: options.locale }))
    await browser.setSettings({ workerUrl: stack.relay.url, agentToken: DEMO.agentToken })
    session = { stack, server, browser }
    onStart(session)
  })
  afterEach(async () => {
    for (const page of session?.browser.context.pages() ?? []) await page.close()
  })
  afterAll(async () => {
    await session?.browser.close()
    await session?.server.stop()
    await session?.stack.stop()
  })
}

import { afterAll, afterEach, beforeAll } from 'vitest'
import { startWorkspaceServer, type WorkspaceServer } from '../fixtures/workspaces/serve.ts'
import { launchWithExtension, type ExtensionBrowser } from './browser.ts'
import { EXTENSION_DIR, startTogether } from './helpdesk-session.ts'
import { DEMO, startStack, type Stack } from './stack.ts'

export type WorkspaceSession = { stack: Stack; server: WorkspaceServer; browser: ExtensionBrowser }

/**
 * The relay and demo upstream, the workspace fixtures served at their real host names
 * (acme.lightning.force.com & co., through host resolver rules), and Chromium with the extension set
 * to that relay: started before a file's first test, every page closed after each test.
 */
export function shareWorkspaceSession(onStart: (session: WorkspaceSession) => void): void {
  let session: WorkspaceSession | undefined
  beforeAll(async () => {
    const [stack, { server, browser }] = await startTogether(startStack(), async () => {
      const server = await startWorkspaceServer()
      try {
        const browser = await launchWithExtension({ extensionDir: EXTENSION_DIR, hostResolverRules: server.hostResolverRules })
        return {
          server,
          browser,
          async stop() {
            await browser.close()
            await server.stop()
          },
        }
      } catch (err) {
        await server.stop()
        throw err
      }
    })
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

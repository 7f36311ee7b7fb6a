import { afterAll, afterEach, beforeAll } from 'vitest'
import { startWorkspaceServer, type WorkspaceServer } from '../fixtures/workspaces/serve.ts'
import type { ExtensionBrowser } from './browser.ts'
import { browserOver, startTogether } from './helpdesk-session.ts'
import { sharedStack, type SharedAgent, type SharedStackAddress } from './shared-stack.ts'
import { DEMO, startStack, type Stack, type StackAddress } from './stack.ts'

/** `agentToken`: the token the extension is set to (the shared stack's agent's, or the demo agent's). */
export type WorkspaceSession<S extends StackAddress = Stack> = {
  stack: S
  agentToken: string
  server: WorkspaceServer
  browser: ExtensionBrowser
}

/** Whose relay a session uses: one of its own (the default), one the file started for several sessions (`over`), or the run's shared stack as `agent`. */
type WorkspaceRelay = { over?: () => Stack; agent?: SharedAgent }

/**
 * The relay and demo upstream, the workspace fixtures served at their real host names
 * (acme.lightning.force.com & co., through host resolver rules), and Chromium with the extension set
 * to that relay: started before a file's first test, every page closed after each test. `locale`:
 * Chromium's UI language (the extension's words).
 */
export function shareWorkspaceSession(onStart: (session: WorkspaceSession) => void, options?: { locale?: string; over?: () => Stack }): void
export function shareWorkspaceSession(
  onStart: (session: WorkspaceSession<SharedStackAddress>) => void,
  options: { locale?: string; agent: SharedAgent },
): void
export function shareWorkspaceSession(
  onStart: (session: WorkspaceSession) => void,
  options: { locale?: string } & WorkspaceRelay = {},
): void {
  let session: WorkspaceSession<StackAddress> | undefined
  let stopRelay = async () => {}
  beforeAll(async () => {
    const browsing = () => browserOver(startWorkspaceServer(), { locale: options.locale })
    const [relay, { server, browser }] = await startTogether(relayOf(options), browsing)
    await browser.setSettings({ workerUrl: relay.stack.relay.url, agentToken: relay.agentToken })
    session = { stack: relay.stack, agentToken: relay.agentToken, server, browser }
    stopRelay = relay.stop
    // A Stack for an own or `over` relay, a StackAddress for the shared one: the overloads say which.
    onStart(session as WorkspaceSession)
  })
  afterEach(async () => {
    for (const page of session?.browser.context.pages() ?? []) await page.close()
  })
  afterAll(async () => {
    await session?.browser.close()
    await session?.server.stop()
    await stopRelay()
  })
}

/** The session's relay, and how to stop what it started (only an own stack). */
async function relayOf({ agent, over }: WorkspaceRelay): Promise<{ stack: StackAddress; agentToken: string; stop(): Promise<void> }> {
  if (agent) return { ...sharedStack(agent), stop: async () => {} }
  if (over) return { stack: over(), agentToken: DEMO.agentToken, stop: async () => {} }
  const stack = await startStack()
  return { stack, agentToken: DEMO.agentToken, stop: () => stack.stop() }
}

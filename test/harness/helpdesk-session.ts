import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ACTION_NAMES } from '@idv-lens/shared/api'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { startHelpdeskServer, type GeneratedPage, type HelpdeskServer } from '../fixtures/helpdesk/serve.ts'
import { launchWithExtension, type ExtensionBrowser } from './browser.ts'
import { sharedStack, type SharedAgent, type SharedStackAddress } from './shared-stack.ts'
import { DEMO, DEV_AGENT_TOKENS, REPO_ROOT, startStack, type RelayOptions, type Stack, type StackAddress } from './stack.ts'

/** The development build the e2e tests load (or IDV_LENS_EXTENSION_DIR). */
export const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')

/** Whose relay a session uses: the run's shared stack as an agent of its own, or (`own`) a stack it starts and stops. */
export type SessionAgent = SharedAgent | 'own'
type StackOf<A extends SessionAgent> = A extends 'own' ? Stack : SharedStackAddress

export type HelpdeskSession<A extends SessionAgent = SessionAgent> = {
  stack: StackOf<A>
  agentToken: string
  server: HelpdeskServer
  browser: ExtensionBrowser
  stop(): Promise<void>
}
export type HelpdeskOptions<A extends SessionAgent> = {
  agent: A
  pages?: Record<string, string | GeneratedPage>
  args?: string[]
  locale?: string
  /** Extension origins the relay of an `own` stack accepts besides the development build's (a copy of it under another ID). */
  extraOrigins?: string[]
  /** Optional permissions the extension holds from the start, as after the agent accepted the browser's prompt (browser.ts). */
  grant?: readonly string[]
}

/**
 * What the inline-lookups browser tests share: a relay and demo upstream, the helpdesk-like pages
 * (served as acme.zendesk.com & co. through host resolver rules), and Chromium with the extension
 * set to that relay with the agent's token. A file that changes the demo data or counts the vendor's
 * calls asks for a stack of its own (`agent: 'own'`). `pages` adds generated pages by path (read when
 * requested, so a test may fill them in once the relay is up); `args` go to Chromium, and `locale`
 * is the browser's language (English by default).
 */
export async function startHelpdeskSession<A extends SessionAgent>(options: HelpdeskOptions<A>): Promise<HelpdeskSession<A>> {
  const browsing = () =>
    browserOver(startHelpdeskServer({ pages: options.pages }), { args: options.args, locale: options.locale, grant: options.grant })
  const [relay, { server, browser }] =
    options.agent === 'own'
      ? await startTogether(
          startStack(options.extraOrigins ? { allowedOrigins: [DEMO.extensionOrigin, ...options.extraOrigins] } : {}).then((stack) => ({
            stack,
            agentToken: DEMO.agentToken,
            stop: () => stack.stop(),
          })),
          browsing,
        )
      : [{ ...sharedStack(options.agent), stop: async () => {} }, await browsing()]
  await browser.setSettings({ workerUrl: relay.stack.relay.url, agentToken: relay.agentToken })
  return {
    stack: relay.stack as StackOf<A>,
    agentToken: relay.agentToken,
    server,
    browser,
    async stop() {
      await browser.close()
      await server.stop()
      await relay.stop()
    },
  }
}

/**
 * Starts the relay and, meanwhile, the browser (which needs no relay until its settings are stored):
 * both or neither, as what one started is stopped when the other fails.
 */
export async function startTogether<A extends { stop(): Promise<void> }, B extends { stop(): Promise<void> }>(
  a: Promise<A>,
  b: () => Promise<B>,
): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b()])
  if (first.status === 'fulfilled' && second.status === 'fulfilled') return [first.value, second.value]
  if (first.status === 'fulfilled') await first.value.stop()
  if (second.status === 'fulfilled') await second.value.stop()
  throw first.status === 'rejected' ? first.reason : (second as PromiseRejectedResult).reason
}

/**
 * A stack of its own and, meanwhile, Chromium with the development build (`browser` options as
 * launchWithExtension takes them), set to that relay as the demo agent: both or neither.
 */
export async function startStackAndBrowser(
  stack: Partial<RelayOptions>,
  browser: Omit<Parameters<typeof launchWithExtension>[0], 'extensionDir'> = {},
): Promise<{ stack: Stack; browser: ExtensionBrowser }> {
  const launching = () =>
    launchWithExtension({ extensionDir: EXTENSION_DIR, ...browser }).then((b) => ({ browser: b, stop: () => b.close() }))
  const [started, { browser: launched }] = await startTogether(startStack(stack), launching)
  try {
    await launched.setSettings({ workerUrl: started.relay.url, agentToken: DEMO.agentToken })
  } catch (err) {
    await launched.close()
    await started.stop()
    throw err
  }
  return { stack: started, browser: launched }
}

/**
 * Chromium with the development build (`browser` options as launchWithExtension takes them) set to a
 * relay the file already runs, as `agentToken` (the demo agent's by default): a file that tries its
 * flows in several languages starts its stack once and a browser per language.
 */
export async function browserOnStack(
  stack: StackAddress,
  browser: Omit<Parameters<typeof launchWithExtension>[0], 'extensionDir'> = {},
  agentToken: string = DEMO.agentToken,
): Promise<ExtensionBrowser> {
  const launched = await launchWithExtension({ extensionDir: EXTENSION_DIR, ...browser })
  try {
    await launched.setSettings({ workerUrl: stack.relay.url, agentToken })
  } catch (err) {
    await launched.close()
    throw err
  }
  return launched
}

/**
 * Chromium with the development build, its host names resolved to `server` (a fixture server started
 * by the caller); stopping it closes both, and a failed launch stops the server.
 */
export async function browserOver<S extends { hostResolverRules: string; stop(): Promise<void> }>(
  starting: Promise<S>,
  options: { args?: string[]; locale?: string; extensionDir?: string; grant?: readonly string[] } = {},
): Promise<{ server: S; browser: ExtensionBrowser; stop(): Promise<void> }> {
  const server = await starting
  try {
    const browser = await launchWithExtension({ extensionDir: EXTENSION_DIR, hostResolverRules: server.hostResolverRules, ...options })
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
}

/**
 * One helpdesk session for a whole test file: started before its first test (`onStart` receives it),
 * every page closed after each test, stopped after the last.
 */
export function shareHelpdeskSession<A extends SessionAgent>(
  onStart: (session: HelpdeskSession<A>) => void,
  options: HelpdeskOptions<A>,
): void {
  let session: HelpdeskSession<A> | undefined
  beforeAll(async () => {
    session = await startHelpdeskSession(options)
    onStart(session)
  })
  afterEach(async () => {
    for (const page of session?.browser.context.pages() ?? []) await page.close()
  })
  afterAll(async () => {
    await session?.stop()
  })
}

/**
 * One relay for a whole test file, as the demo runs it (the dev agents, every action on): started
 * before its first test, once `artifacts` exists (`onStart` receives it), stopped after the last. A
 * file that tries its flows in several languages opens a browser per language on it (browserOnStack).
 */
export function shareDemoStack(onStart: (stack: Stack) => void, artifacts: string): void {
  let stack: Stack | undefined
  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true })
    stack = await startStack({ agentTokens: DEV_AGENT_TOKENS, vars: { ACTIONS: ACTION_NAMES.join(',') } })
    onStart(stack)
  })
  afterAll(async () => {
    await stack?.stop()
  })
}

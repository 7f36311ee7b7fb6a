import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { registerHandlers } from './handlers.ts'
import { registerInlineLookups } from './page-lookups.ts'
import { createRelay } from './relay-client.ts'
import { sessionLookupBudget } from './lookup-budget.ts'
import { extensionPage, sendAs } from '../../test-support/sender-fakes.ts'

/** Any browser API: every property exists, every call resolves, every event accepts listeners. */
type Api = NonNullable<Parameters<typeof registerInlineLookups>[0]>
const anyApi: Api = new Proxy<() => void>(() => {}, {
  get: (_target, prop) => (prop === 'then' ? undefined : anyApi),
  apply: () => Promise.resolve(),
}) as unknown as Api

// The background registers both modules in one worker. @webext-core/messaging allows one listener
// per message type, so a type answered by both would crash the worker on startup.
describe('background registration', () => {
  const removers: (() => void)[] = []
  afterEach(() => {
    removers.splice(0).forEach((remove) => remove())
    fakeBrowser.reset()
  })

  it('should register the relay handlers and the inline lookups side by side', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ data: [], links: { prev: null, next: null } })))
    const relay = createRelay({
      getSettings: async () => ({ workerUrl: 'https://relay.example', agentToken: 't' }),
      fetch,
      origin: 'chrome-extension://x',
    })
    expect(() => {
      removers.push(registerHandlers(relay, { budget: sessionLookupBudget() }))
      removers.push(registerInlineLookups(anyApi))
    }).not.toThrow()

    expect(await sendAs(extensionPage(), 'inlineLookupsRunning', { tabId: 1 })).toBe(false)
    expect(await sendAs(extensionPage(), 'listRecords', { list: 'events' })).toMatchObject({ ok: true })
  })
})

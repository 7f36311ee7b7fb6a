import { defineExtensionMessaging as defineLibraryMessaging } from '@webext-core/messaging'
import { afterEach, describe, expect, it } from 'vitest'
import { defineExtensionMessaging } from './in-page-messaging.ts'

type Respond = (answer: unknown) => void
type Listener = (message: unknown, sender: unknown, respond: Respond) => unknown

/** One side's runtime.onMessage, delivering as the browsers do: a listener returning true answers through `respond`. */
function side() {
  const listeners = new Set<Listener>()
  const deliver = (message: unknown, sender: unknown) =>
    new Promise<unknown>((resolve) => {
      const answering = [...listeners].filter(
        (listener) => listener(structuredClone(message), sender, (answer) => resolve(structuredClone(answer))) === true,
      )
      if (answering.length === 0) resolve(undefined)
    })
  return {
    onMessage: {
      addListener: (l: Listener) => void listeners.add(l),
      removeListener: (l: Listener) => void listeners.delete(l),
      hasListeners: () => listeners.size > 0,
    },
    deliver,
  }
}

/** A content script (this module, with its own runtime) and the background (the library, on `chrome`), wired together. */
function wire() {
  const content = side()
  const background = side()
  const contentRuntime = {
    onMessage: content.onMessage,
    sendMessage: (message: unknown) => background.deliver(message, { tab: { id: 7 }, frameId: 0 }),
  }
  const chromeFake = {
    runtime: {
      lastError: undefined,
      onMessage: background.onMessage,
      sendMessage: (message: unknown, callback: (answer: unknown) => void) => void background.deliver(message, {}).then(callback),
    },
    tabs: {
      sendMessage: (_tab: number, message: unknown, _options: unknown, callback: (answer: unknown) => void) =>
        void content.deliver(message, {}).then(callback),
    },
  }
  Object.assign(globalThis, { chrome: chromeFake })
  const page = defineExtensionMessaging({ runtime: contentRuntime as never })
  const lib = defineLibraryMessaging<Record<string, (data: unknown) => unknown>>()
  return { page, lib, content }
}

// Not vi.unstubAllGlobals: that would also take away the fake browser WXT's setup stubbed as
// `chrome`, from the later files that share this thread's globals (isolate: false).
const wxtChrome: unknown = Reflect.get(globalThis, 'chrome')
afterEach(() => void Object.assign(globalThis, { chrome: wxtChrome }))

describe("the in-page scripts' messaging", () => {
  it("should ask the library's listeners and get their answers, and their errors as errors", async () => {
    const { page, lib } = wire()
    lib.onMessage('double', ({ data, sender }) => ({ twice: (data as number) * 2, tab: (sender as { tab?: { id: number } }).tab?.id }))
    lib.onMessage('refuse', () => {
      throw new TypeError('not here')
    })
    await expect(page.sendMessage('double', 21)).resolves.toEqual({ twice: 42, tab: 7 })
    await expect(page.sendMessage('refuse')).rejects.toMatchObject({ name: 'TypeError', message: 'not here' })
    await expect(page.sendMessage('nobody')).rejects.toThrow('No response')
    lib.removeAllListeners()
  })

  it("should answer the library's messages to the tab, errors included, and let go of the browser once no type is listened to", async () => {
    const { page, lib, content } = wire()
    const stopPing = page.onMessage('ping', () => true)
    const stopFail = page.onMessage('fail', async () => {
      throw new RangeError('gone')
    })
    expect(() => page.onMessage('ping', () => false)).toThrow()
    await expect(lib.sendMessage('ping', undefined, 3)).resolves.toBe(true)
    await expect(lib.sendMessage('fail', undefined, 3)).rejects.toMatchObject({ name: 'RangeError', message: 'gone' })
    // Not a message of this messaging (no timestamp), or a type nobody here listens to: left to other listeners.
    await expect(content.deliver({ type: 'ping' }, {})).resolves.toBeUndefined()
    await expect(content.deliver({ type: 'other', timestamp: 1 }, {})).resolves.toBeUndefined()
    stopPing()
    expect(content.onMessage.hasListeners()).toBe(true)
    stopFail()
    expect(content.onMessage.hasListeners()).toBe(false)
  })
})

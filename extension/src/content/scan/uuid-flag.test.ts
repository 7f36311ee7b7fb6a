import { fakeBrowser } from 'wxt/testing/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { onMessage } from '../../lib/messages.ts'
import { followUuidFlag } from './uuid-flag.ts'

const { handlers } = vi.hoisted(() => ({ handlers: new Map<string, () => unknown>() }))
vi.mock('../../lib/content-messages.ts', () => ({
  onContentMessage: (type: string, cb: () => unknown) => {
    handlers.set(type, cb)
    return () => handlers.delete(type)
  },
}))

beforeEach(() => {
  fakeBrowser.reset()
  handlers.clear()
})

describe('followUuidFlag', () => {
  it("should ask the background for this site's flag, never reading the settings itself, and ask again when told", async () => {
    let uuids = false
    let cardFields: string[] = ['country', 'created']
    const remove = onMessage('contentSettings', () => ({ uuids, cardFields }) as never)
    const get = vi.spyOn(fakeBrowser.storage.local, 'get')
    const managed = vi.spyOn(fakeBrowser.storage.managed, 'get')
    const onChange = vi.fn()
    const flag = await followUuidFlag(onChange)
    expect(flag.uuids).toBe(false)
    expect(flag.cardFields).toEqual(['country', 'created'])

    uuids = true
    cardFields = ['threat', 'no-such-fact']
    await handlers.get('settingsChanged')!()
    // The card's facts came with the same answer (the card reads them: parseCardFields).
    expect(onChange).toHaveBeenLastCalledWith(true, ['threat', 'no-such-fact'])
    // The settings item (relay URL, agent token) is never read here, nor policy.
    expect(get).not.toHaveBeenCalled()
    expect(managed).not.toHaveBeenCalled()

    flag.stop()
    expect(handlers.has('settingsChanged')).toBe(false)
    remove()
  })

  it('should count UUIDs as off when the background does not answer (the extension is being updated)', async () => {
    const flag = await followUuidFlag(() => {})
    expect(flag.uuids).toBe(false)
    expect(flag.cardFields).toBeNull()
    flag.stop()
  })
})

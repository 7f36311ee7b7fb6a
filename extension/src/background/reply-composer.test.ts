import { describe, expect, it, vi } from 'vitest'
import type { BackgroundApi } from './listeners.ts'
import { composerFor, insertIntoComposer } from './reply-composer.ts'
import { FRONT } from '../sites/front.ts'
import { ZENDESK } from '../sites/zendesk.ts'

describe('composerFor', () => {
  it("should name a workspace's composer on its agent pages only", () => {
    expect(composerFor('https://acme.zendesk.com/agent/tickets/12')).toBe(ZENDESK.composer)
    expect(composerFor('https://app.frontapp.com/open/cnv_12')).toBe(FRONT.composer)
    // A Help Center of the same host, a workspace that names no composer, a page no workspace holds.
    expect(composerFor('https://acme.zendesk.com/hc/en-us/articles/1')).toBeNull()
    expect(composerFor('https://desk.zoho.eu/agent/acme/support/tickets/details/200')).toBeNull()
    expect(composerFor('https://example.com/agent/')).toBeNull()
    expect(composerFor(undefined)).toBeNull()
  })
})

describe('insertIntoComposer', () => {
  const at = { tabId: 7, frameIds: [3], url: 'https://acme.zendesk.com/agent/tickets/12' }
  /** A scripting API whose frames answer `outcomes` in turn. */
  const scripting = (outcomes: Record<number, string>) => {
    const executeScript = vi.fn(async ({ target }: { target: { frameIds: number[] } }) => [
      { frameId: target.frameIds[0]!, result: outcomes[target.frameIds[0]!] },
    ])
    return { api: { scripting: { executeScript } } as unknown as Pick<BackgroundApi, 'scripting'>, executeScript }
  }

  it("should try the ID's frame, then the top frame, one at a time, and stop at the first that took it", async () => {
    const { api, executeScript } = scripting({ 3: 'no-composer', 0: 'inserted' })
    expect(await insertIntoComposer(api, at, 'Hi')).toBe(true)
    expect(executeScript.mock.calls.map(([c]) => c.target)).toEqual([
      { tabId: 7, frameIds: [3] },
      { tabId: 7, frameIds: [0] },
    ])
    expect(executeScript.mock.calls[0]![0]).toMatchObject({ args: [{ selectors: ZENDESK.composer, text: 'Hi' }] })
  })

  it('should inject nothing into a page whose workspace names no composer, and stop at a refusal', async () => {
    const none = scripting({})
    expect(await insertIntoComposer(none.api, { ...at, url: 'https://acme.zendesk.com/hc/en-us' }, 'Hi')).toBe(false)
    expect(none.executeScript).not.toHaveBeenCalled()
    const refused = scripting({ 3: 'refused', 0: 'inserted' })
    expect(await insertIntoComposer(refused.api, at, 'Hi')).toBe(false)
    expect(refused.executeScript).toHaveBeenCalledTimes(1)
  })
})

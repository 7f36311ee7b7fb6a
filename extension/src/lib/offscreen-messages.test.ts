import { describe, expect, it } from 'vitest'
import { fromOurBackground } from './offscreen-messages.ts'

const runtime = { id: 'ours', getURL: (path: string) => `chrome-extension://ours${path}` }

describe('the offscreen clipboard page', () => {
  it('should answer our service worker only', () => {
    expect(fromOurBackground({ id: 'ours', url: 'chrome-extension://ours/background.js' }, runtime)).toBe(true)
  })

  it("should refuse a content script (its tab, a page's URL), another page of ours and another extension", () => {
    expect(fromOurBackground({ id: 'ours', url: 'https://acme.zendesk.com/agent/tickets/1', tab: { id: 3 } }, runtime)).toBe(false)
    expect(fromOurBackground({ id: 'ours', url: 'chrome-extension://ours/background.js', tab: { id: 3 } }, runtime)).toBe(false)
    expect(fromOurBackground({ id: 'ours', url: 'chrome-extension://ours/popup.html' }, runtime)).toBe(false)
    expect(fromOurBackground({ id: 'theirs', url: 'chrome-extension://ours/background.js' }, runtime)).toBe(false)
  })
})

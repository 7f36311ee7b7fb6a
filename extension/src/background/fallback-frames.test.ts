import { describe, expect, it } from 'vitest'
import { fallbackFrameTarget } from './fallback-frames.ts'
import { contentScript, extensionPage } from '../../test-support/sender-fakes.ts'
import type { Sender } from './sender-policy.ts'

const TICKET = 'https://acme.zendesk.com/agent/tickets/1'
const HELP_CENTER = 'https://acme.zendesk.com/hc/en-us/articles/360001'

/** A content script in frame `frameId` (document `url`) of a tab showing `page`. */
const frame = (url: string, page: string, frameId = 4): Sender => {
  const sender = contentScript(7, url, frameId)
  return { ...sender, tab: { ...sender.tab!, url: page } }
}

describe('fallbackFrameTarget', () => {
  it('should start inline lookups in a sandboxed srcdoc, blob: or data: frame of an agent workspace', () => {
    for (const url of ['about:srcdoc', 'blob:https://acme.zendesk.com/5d3c', 'data:text/html,<p>x</p>']) {
      expect(fallbackFrameTarget(frame(url, TICKET)), url).toEqual({ tabId: 7, frameId: 4 })
    }
    expect(fallbackFrameTarget(frame('about:srcdoc', 'https://app.intercom.com/a/inbox/abc/inbox/conversation/1'))).toEqual({
      tabId: 7,
      frameId: 4,
    })
  })

  it('should refuse the same frames on a Help Center page, a top frame, a web page of its own and an extension page', () => {
    expect(fallbackFrameTarget(frame('about:srcdoc', HELP_CENTER))).toBeNull()
    expect(fallbackFrameTarget(frame('data:text/html,<p>x</p>', 'https://wiki.example.test/notes'))).toBeNull()
    expect(fallbackFrameTarget(frame('blob:https://acme.zendesk.com/5d3c', TICKET, 0))).toBeNull()
    // An https frame: the inline-lookups entry decides on those by their own URL.
    expect(fallbackFrameTarget(frame('https://acme.zendesk.com/hc/en-us/embed', TICKET))).toBeNull()
    // The browser gave no tab URL (no host permission for it): nothing to judge by.
    expect(fallbackFrameTarget({ ...contentScript(7, 'about:srcdoc', 4), tab: { id: 7, windowId: 1 } as Sender['tab'] })).toBeNull()
    expect(fallbackFrameTarget({ ...extensionPage(), frameId: 4, tab: { id: 7, url: TICKET } as Sender['tab'] })).toBeNull()
  })
})

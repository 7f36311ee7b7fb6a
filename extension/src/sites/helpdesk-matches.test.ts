import { describe, expect, it } from 'vitest'
import { FALLBACK_FRAME_GLOBS, FIREFOX_FALLBACK_FRAME_GLOBS } from './helpdesk-matches.ts'

/** Whether one of `globs` takes `url`, as include_globs read it: `*` anything, `?` one character. */
const globsTake = (globs: readonly string[], url: string) =>
  globs.some((glob) =>
    new RegExp(
      `^${glob
        .split('*')
        .map((part) => part.replace(/[.+^$()[\]{}|\\/]/g, '\\$&').replaceAll('?', '.'))
        .join('.*')}$`,
    ).test(url),
  )

// The URL each browser matches a ticket's frames by: Chrome a blob: frame's origin, Firefox its creator's whole URL.
const ROOT = 'https://acme.zendesk.com/'
const TICKET = 'https://acme.zendesk.com/agent/tickets/1'
const HELP_CENTER = 'https://acme.zendesk.com/hc/en-us/articles/360001'

describe("the origin-fallback entry's include_globs", () => {
  it("should take a host's root in both builds, and a blob: frame's creator, the agent workspace, in the Firefox build", () => {
    expect(globsTake(FALLBACK_FRAME_GLOBS, ROOT)).toBe(true)
    expect(globsTake(FIREFOX_FALLBACK_FRAME_GLOBS, ROOT)).toBe(true)
    expect(globsTake(FIREFOX_FALLBACK_FRAME_GLOBS, TICKET)).toBe(true)
    expect(globsTake(FIREFOX_FALLBACK_FRAME_GLOBS, 'https://app.intercom.com/a/inbox/abc/inbox/conversation/1')).toBe(true)
    // The bare roots alone turn it away: Firefox 140 never ran the entry in a ticket's blob: frame.
    expect(globsTake(FALLBACK_FRAME_GLOBS, TICKET)).toBe(false)
  })

  it('should never take a Help Center page of the same host', () => {
    expect(globsTake(FALLBACK_FRAME_GLOBS, HELP_CENTER)).toBe(false)
    expect(globsTake(FIREFOX_FALLBACK_FRAME_GLOBS, HELP_CENTER)).toBe(false)
  })
})

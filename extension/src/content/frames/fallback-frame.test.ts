import { describe, expect, it } from 'vitest'
import { isFallbackFrame } from './fallback-frame.ts'

const HOST = 'https://acme.zendesk.com'

describe('isFallbackFrame', () => {
  it('should speak for sandboxed srcdoc, blob: and data: frames', () => {
    expect(isFallbackFrame({ protocol: 'about:', origin: 'null', isTop: false })).toBe(true)
    expect(isFallbackFrame({ protocol: 'blob:', origin: HOST, isTop: false })).toBe(true)
    expect(isFallbackFrame({ protocol: 'data:', origin: 'null', isTop: false })).toBe(true)
  })

  it('should leave the frames the inline-lookups entry reaches itself, and every top frame, alone', () => {
    // about:blank and srcdoc frames with their parent's origin: match_about_blank, judged by the parent's URL.
    expect(isFallbackFrame({ protocol: 'about:', origin: HOST, isTop: false })).toBe(false)
    // A page of the host (its bare root is the only one the entry's glob lets in).
    expect(isFallbackFrame({ protocol: 'https:', origin: HOST, isTop: true })).toBe(false)
    expect(isFallbackFrame({ protocol: 'https:', origin: HOST, isTop: false })).toBe(false)
    // A blob: document opened as a tab of its own is no frame of a ticket.
    expect(isFallbackFrame({ protocol: 'blob:', origin: HOST, isTop: true })).toBe(false)
  })
})

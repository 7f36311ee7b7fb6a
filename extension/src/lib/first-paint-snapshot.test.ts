// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { PersonaInquirySession } from '@idv-lens/shared/api'
import { FIRST_PAINT_STORAGE_KEY, forgetFirstPaint, keepFirstPaint, readFirstPaint } from './first-paint-snapshot.ts'

const RELAY = 'https://relay.example.test'

const SESSION = {
  type: 'inquiry-session',
  id: 'iqse_NEWEST',
  attributes: {
    status: 'needs_review',
    'threat-level': 'high',
    'country-code': 'DE',
    'country-name': 'Germany',
    'device-type': 'mobile',
    'created-at': '2026-11-24T04:57:00Z',
    // What the first screen never shows: none of it may reach the disk.
    'ip-address': '203.0.113.7',
    'reference-id': 'user-35859',
    'browser-name': 'Chrome',
  },
} as unknown as PersonaInquirySession

describe('first paint snapshot (localStorage)', () => {
  afterEach(() => localStorage.clear())

  it('should keep only what the first screen shows, with the relay it came from', () => {
    keepFirstPaint(localStorage, { relay: RELAY, fetchedAt: 1_000, items: [SESSION] })
    const raw = localStorage.getItem(FIRST_PAINT_STORAGE_KEY)!
    for (const hidden of ['203.0.113.7', 'user-35859', 'Chrome']) expect(raw).not.toContain(hidden)
    expect(readFirstPaint(localStorage)).toEqual({
      relay: RELAY,
      fetchedAt: 1_000,
      items: [
        {
          type: 'inquiry-session',
          id: 'iqse_NEWEST',
          attributes: { status: 'needs_review', 'threat-level': 'high', 'country-code': 'DE', 'country-name': 'Germany', 'device-type': 'mobile', 'created-at': '2026-11-24T04:57:00Z' },
        },
      ],
    })
  })

  it('should keep nothing without a relay, and forget what it kept', () => {
    keepFirstPaint(localStorage, { relay: '', fetchedAt: 1_000, items: [SESSION] })
    expect(localStorage.getItem(FIRST_PAINT_STORAGE_KEY)).toBeNull()
    keepFirstPaint(localStorage, { relay: RELAY, fetchedAt: 1_000, items: [SESSION] })
    forgetFirstPaint(localStorage)
    expect(readFirstPaint(localStorage)).toBeNull()
  })

  it('should keep the words the rows show with them, and read the rows without words that are not whole', () => {
    const text = { lang: 'en', relative: { now: 'now', past: { minute: { phrase: '{n} min. ago', own: {}, upTo: 59 } } }, fetched: 'Nov 24, 2026', rows: { iqse_NEWEST: { country: 'Germany (DE)', created: 'Nov 24, 2026' } } }
    keepFirstPaint(localStorage, { relay: RELAY, fetchedAt: 1_000, items: [SESSION], text })
    expect(readFirstPaint(localStorage)?.text).toEqual(text)
    for (const broken of [{ ...text, rows: null }, { ...text, relative: { now: 'now', past: { minute: { phrase: 3, own: {}, upTo: 59 } } } }, { ...text, relative: { now: 'now', past: { day: { phrase: null, upTo: 29 } } } }]) {
      keepFirstPaint(localStorage, { relay: RELAY, fetchedAt: 1_000, items: [SESSION], text: broken as never })
      const read = readFirstPaint(localStorage)
      expect(read?.items.map((item) => item.id)).toEqual(['iqse_NEWEST'])
      expect(read).not.toHaveProperty('text')
    }
  })

  it('should read nothing from a value it did not write, and work without a store', () => {
    for (const value of ['not json', '{"items":[]}', '{"relay":"x","fetchedAt":1,"items":[{"id":1}]}', 'null']) {
      localStorage.setItem(FIRST_PAINT_STORAGE_KEY, value)
      expect(readFirstPaint(localStorage), value).toBeNull()
    }
    expect(readFirstPaint(null)).toBeNull()
    expect(() => keepFirstPaint(null, { relay: RELAY, fetchedAt: 1, items: [SESSION] })).not.toThrow()
    expect(() => forgetFirstPaint(null)).not.toThrow()
  })
})

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { PersonaInquiry } from '@idv-lens/shared/api'
import { FIRST_PAINT_STORAGE_KEY } from './first-paint-key.ts'
import { forgetFirstPaint, keepFirstPaint, readFirstPaint } from './first-paint-snapshot.ts'

const RELAY = 'https://relay.example.test'
/** The popup's tab names, as its pages keep them (pages/surface-tab.ts POPUP_TAB_NAMES). */
const TABS = ['tabInquiries', 'tabSessions', 'liveHeading'] as const

const INQUIRY = {
  type: 'inquiry',
  id: 'inq_NEWEST',
  attributes: {
    status: 'needs_review',
    'created-at': '2026-11-24T04:57:00Z',
    // What the inquiry row shows once the app has it, or never: none of it may reach the disk.
    'reference-id': 'user-35859',
    'name-first': 'Jane',
    'name-last': 'Doe',
    'email-address': 'jane@example.com',
    'previous-step-name': 'selfie',
    fields: { 'address-street-1': { type: 'string', value: '1 Main St' } },
  },
  relationships: {
    account: { data: { type: 'account', id: 'act_PRIVATE' } },
    sessions: { data: [{ type: 'inquiry-session', id: 'iqse_PRIVATE' }] },
  },
} as unknown as PersonaInquiry

describe('first paint snapshot (localStorage)', () => {
  afterEach(() => localStorage.clear())

  it('should keep only the ID, status and creation time (no reference ID, nothing personal), with the relay it came from', () => {
    keepFirstPaint(localStorage, { relay: RELAY, fetchedAt: 1_000, items: [INQUIRY], tabs: TABS })
    const raw = localStorage.getItem(FIRST_PAINT_STORAGE_KEY)!
    for (const hidden of [
      'user-35859',
      'Jane',
      'Doe',
      'jane@example.com',
      'selfie',
      '1 Main St',
      'act_PRIVATE',
      'iqse_PRIVATE',
      'reference-id',
    ])
      expect(raw).not.toContain(hidden)
    expect(readFirstPaint(localStorage)).toEqual({
      relay: RELAY,
      fetchedAt: 1_000,
      items: [
        {
          type: 'inquiry',
          id: 'inq_NEWEST',
          attributes: { status: 'needs_review', 'created-at': '2026-11-24T04:57:00Z' },
        },
      ],
      tabs: TABS,
    })
  })

  it('should keep nothing without a relay, and forget what it kept', () => {
    keepFirstPaint(localStorage, { relay: '', fetchedAt: 1_000, items: [INQUIRY], tabs: TABS })
    expect(localStorage.getItem(FIRST_PAINT_STORAGE_KEY)).toBeNull()
    keepFirstPaint(localStorage, { relay: RELAY, fetchedAt: 1_000, items: [INQUIRY], tabs: TABS })
    forgetFirstPaint(localStorage)
    expect(readFirstPaint(localStorage)).toBeNull()
  })

  it('should keep the words the rows show with them, and read the rows without words that are not whole', () => {
    const text = {
      lang: 'en',
      relative: { now: 'now', past: { minute: { phrase: '{n} min. ago', own: {}, upTo: 59 } } },
      fetched: 'Nov 24, 2026',
      rows: { inq_NEWEST: { created: 'Nov 24, 2026' } },
    }
    keepFirstPaint(localStorage, { relay: RELAY, fetchedAt: 1_000, items: [INQUIRY], tabs: TABS, text })
    expect(readFirstPaint(localStorage)?.text).toEqual(text)
    for (const broken of [
      { ...text, rows: null },
      { ...text, relative: { now: 'now', past: { minute: { phrase: 3, own: {}, upTo: 59 } } } },
      { ...text, relative: { now: 'now', past: { day: { phrase: null, upTo: 29 } } } },
    ]) {
      keepFirstPaint(localStorage, { relay: RELAY, fetchedAt: 1_000, items: [INQUIRY], tabs: TABS, text: broken as never })
      const read = readFirstPaint(localStorage)
      expect(read?.items.map((item) => item.id)).toEqual(['inq_NEWEST'])
      expect(read).not.toHaveProperty('text')
    }
  })

  it('should read nothing from a value it did not write, and work without a store', () => {
    for (const value of ['not json', '{"items":[]}', '{"relay":"x","fetchedAt":1,"items":[{"id":1}],"tabs":["tabInquiries"]}', 'null']) {
      localStorage.setItem(FIRST_PAINT_STORAGE_KEY, value)
      expect(readFirstPaint(localStorage), value).toBeNull()
    }
    expect(readFirstPaint(null)).toBeNull()
    expect(() => keepFirstPaint(null, { relay: RELAY, fetchedAt: 1, items: [INQUIRY], tabs: TABS })).not.toThrow()
    expect(() => forgetFirstPaint(null)).not.toThrow()
  })

  it('should read nothing from a copy without tab names (kept before they were), so that the first paint looks elsewhere', () => {
    const item = { id: 'inq_NEWEST', attributes: { status: 'approved' } }
    for (const tabs of [undefined, [], [3], 'tabInquiries']) {
      localStorage.setItem(FIRST_PAINT_STORAGE_KEY, JSON.stringify({ relay: RELAY, fetchedAt: 1, items: [item], tabs }))
      expect(readFirstPaint(localStorage), JSON.stringify(tabs)).toBeNull()
    }
    localStorage.setItem(FIRST_PAINT_STORAGE_KEY, JSON.stringify({ relay: RELAY, fetchedAt: 1, items: [item], tabs: TABS }))
    expect(readFirstPaint(localStorage)?.tabs).toEqual(TABS)
  })
})

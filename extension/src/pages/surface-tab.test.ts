import { describe, expect, it } from 'vitest'
import { keepTab, PANEL_TABS, POPUP_TABS, startTab } from './surface-tab.ts'

/** An extension page's localStorage, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>()
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) } as Storage
}

describe('the tab a surface opens on', () => {
  it("should be the popup's list in both surfaces until the agent chooses, then the one chosen in either", () => {
    const store = memoryStorage()
    expect(startTab(PANEL_TABS, store)).toBe('inquiries')
    expect(startTab(POPUP_TABS, store)).toBe('inquiries')
    keepTab('events', store)
    expect(startTab(PANEL_TABS, store)).toBe('events')
    expect(startTab(POPUP_TABS, store)).toBe('events')
    keepTab('live', store)
    expect(startTab(POPUP_TABS, store)).toBe('live')
  })

  it("should fall back to the popup's list for a tab the surface lacks, or no storage at all", () => {
    const store = memoryStorage()
    keepTab('no-such-list', store)
    expect(startTab(PANEL_TABS, store)).toBe('inquiries')
    expect(startTab(PANEL_TABS, null)).toBe('inquiries')
  })
})

// @vitest-environment happy-dom
import { signal } from '@preact/signals'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PersonaInquiry } from '@idv-lens/shared/api'
import { managedSettingsItem, settingsItem } from '../lib/settings.ts'
import type { FailureState } from './fetch-state.ts'
import { dropForeignFirstPaint, guardFirstPaint, withFirstPaint } from './first-paint-keeper.ts'
import { keepFirstPaint, readFirstPaint } from '../lib/first-paint-snapshot.ts'
import { firstPaintText } from '../lib/first-paint-text.ts'
import { sessionSnapshot } from './list-snapshot.ts'

const RELAY = 'https://relay.example.test'
const OTHER = 'https://other-relay.example.test'
const ITEMS = [
  { type: 'inquiry', id: 'inq_NEWEST', attributes: { status: 'completed', 'created-at': '2026-11-24T04:57:00Z' } },
] as PersonaInquiry[]
const FETCHED = { freshness: null, receivedAt: 5_000, age: 2 }
const TABS = ['tabInquiries', 'tabSessions', 'liveHeading'] as const
const kept = () => keepFirstPaint(localStorage, { relay: RELAY, fetchedAt: 1_000, items: ITEMS, tabs: TABS })
const failure = (kind: FailureState['failure']['kind']): FailureState => ({
  failure: { kind, reason: { code: 'token-refused', status: 401 } },
  retryAt: null,
})

describe('first paint keeper', () => {
  beforeEach(() => fakeBrowser.reset())
  afterEach(() => {
    localStorage.clear()
    document.body.replaceChildren()
  })

  it("should keep the popup's page for the first paint beside storage.session, under the relay set now, both with the popup's tabs", async () => {
    await settingsItem.setValue({ workerUrl: RELAY, agentToken: 'agent-token-secret' })
    const store = withFirstPaint(sessionSnapshot<PersonaInquiry>('inquiries', 10), TABS)
    await store.write({ items: ITEMS, cursor: null, fetched: FETCHED })
    expect(await store.read()).toEqual({ items: ITEMS, cursor: null, fetched: FETCHED, tabs: TABS })
    // With the words its rows show, formatted now, so that the first paint builds no Intl formatter.
    expect(readFirstPaint(localStorage)).toEqual({
      relay: RELAY,
      fetchedAt: 3_000,
      items: ITEMS,
      tabs: TABS,
      text: firstPaintText(ITEMS, 3_000),
    })
    // The token never reaches the disk with it.
    expect(JSON.stringify({ ...localStorage })).not.toContain('agent-token-secret')
  })

  it('should leave the reference ID in memory (storage.session) and off the disk', async () => {
    await settingsItem.setValue({ workerUrl: RELAY, agentToken: 't' })
    const withReference = [{ ...ITEMS[0]!, attributes: { ...ITEMS[0]!.attributes, 'reference-id': 'user-35859' } }] as PersonaInquiry[]
    const store = withFirstPaint(sessionSnapshot<PersonaInquiry>('inquiries', 10), TABS)
    await store.write({ items: withReference, cursor: null, fetched: FETCHED })
    expect((await store.read())?.items[0]?.attributes['reference-id']).toBe('user-35859')
    expect(readFirstPaint(localStorage)?.items).toEqual(ITEMS)
    expect(JSON.stringify({ ...localStorage })).not.toContain('user-35859')
  })

  it('should forget the first screen when the relay, the token or the policy copy changes', async () => {
    const dispose = guardFirstPaint({ error: signal(null) })
    try {
      for (const change of [
        () => settingsItem.setValue({ workerUrl: OTHER, agentToken: 't' }),
        () => settingsItem.setValue({ workerUrl: OTHER, agentToken: 'another token' }),
        () => managedSettingsItem.setValue({ workerUrl: RELAY }),
      ]) {
        kept()
        await change()
        await vi.waitFor(() => expect(readFirstPaint(localStorage)).toBeNull())
      }
    } finally {
      dispose()
    }
  })

  it('should forget the first screen when the relay refuses the agent, and only then, with the copies in storage.session', async () => {
    const error = signal<FailureState | null>(null)
    const dispose = guardFirstPaint({ error })
    const sessionCopy = sessionSnapshot<PersonaInquiry>('inquiries', 10)
    try {
      await sessionCopy.write({ items: ITEMS, cursor: null, fetched: FETCHED })
      kept()
      for (const kind of ['unreachable', 'upstream', 'rate-limited'] as const) error.value = failure(kind)
      expect(readFirstPaint(localStorage), 'a relay that is down says nothing about who may see the rows').not.toBeNull()
      expect(await sessionCopy.read()).not.toBeNull()
      error.value = failure('unauthorized')
      expect(readFirstPaint(localStorage)).toBeNull()
      await vi.waitFor(async () => expect(await sessionCopy.read()).toBeNull())
      kept()
      error.value = failure('not-configured')
      expect(readFirstPaint(localStorage)).toBeNull()
    } finally {
      dispose()
    }
  })

  it("should take another relay's first screen off the popup and forget it; leave this relay's", async () => {
    const firstPaint = document.body.appendChild(document.createElement('div'))
    firstPaint.append(document.createElement('ul'))
    const app = document.body.appendChild(document.createElement('div'))
    app.hidden = true
    kept()
    expect(await dropForeignFirstPaint(firstPaint, app, async () => RELAY)).toBe(false)
    expect(firstPaint.isConnected).toBe(true)
    expect(await dropForeignFirstPaint(firstPaint, app, async () => OTHER)).toBe(true)
    expect(firstPaint.isConnected).toBe(false)
    expect(app.hidden).toBe(false)
    expect(readFirstPaint(localStorage)).toBeNull()
  })

  it('should decide from the local settings and the cached policy while managed storage has not answered (browser start)', async () => {
    // Chrome's first storage.managed read after a start can take seconds: this one never answers.
    const managedRead = vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(new Promise(() => {}) as never)
    await settingsItem.setValue({ workerUrl: OTHER, agentToken: 't' })
    const firstPaint = document.body.appendChild(document.createElement('div'))
    const app = document.body.appendChild(document.createElement('div'))
    kept()
    expect(await dropForeignFirstPaint(firstPaint, app)).toBe(true)
    await managedSettingsItem.setValue({ workerUrl: RELAY })
    kept()
    expect(await dropForeignFirstPaint(firstPaint, app)).toBe(false)
    expect(managedRead).not.toHaveBeenCalled()
  })
})

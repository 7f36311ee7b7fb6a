// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { keepFirstPaint, readFirstPaint } from '../lib/first-paint-snapshot.ts'
import { FORGET_FIRST_PAINT_PAGE, forgetFirstPaintFromBackground } from './forget-first-paint.ts'
import { createOffscreenDocuments, type OffscreenApi } from './offscreen-document.ts'

const keep = () => keepFirstPaint(localStorage, { relay: 'https://relay.example.test', fetchedAt: 1, items: [], tabs: ['liveHeading'] })

function fakeOffscreen(onCreate: () => void = () => {}) {
  const calls: string[] = []
  const api: OffscreenApi = {
    createDocument: vi.fn(async (params) => {
      calls.push(`create ${params.url} ${params.reasons.join()}`)
      onCreate()
    }),
    closeDocument: vi.fn(async () => void calls.push('close')),
  }
  return { api, calls, documents: createOffscreenDocuments(api) }
}

describe('forgetting the first paint from the background', () => {
  afterEach(() => localStorage.clear())

  it("should forget it in the background's own localStorage where there is one (Firefox's background page)", async () => {
    keep()
    const { documents, calls } = fakeOffscreen()
    await forgetFirstPaintFromBackground(localStorage, documents)
    expect(readFirstPaint(localStorage)).toBeNull()
    expect(calls).toEqual([])
  })

  it("should open the page that forgets it as an offscreen document from Chrome's service worker, and close it once loaded", async () => {
    const { documents, calls } = fakeOffscreen()
    await forgetFirstPaintFromBackground(null, documents)
    expect(calls).toEqual([`create ${FORGET_FIRST_PAINT_PAGE.url} LOCAL_STORAGE`, 'close'])
  })

  it('should resolve even when the page cannot be opened (nothing to do then but not to fail the settings change)', async () => {
    const { documents, calls } = fakeOffscreen(() => {
      throw new Error('Only a single offscreen document may be created.')
    })
    await expect(forgetFirstPaintFromBackground(null, documents)).resolves.toBeUndefined()
    // Tried, closed what was open, tried once more.
    expect(calls).toEqual([
      `create ${FORGET_FIRST_PAINT_PAGE.url} LOCAL_STORAGE`,
      'close',
      `create ${FORGET_FIRST_PAINT_PAGE.url} LOCAL_STORAGE`,
    ])
  })
})

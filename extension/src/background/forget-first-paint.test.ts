// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { keepFirstPaint, readFirstPaint } from '../lib/first-paint-snapshot.ts'
import { FORGET_FIRST_PAINT_PAGE, forgetFirstPaintFromBackground, type OffscreenApi } from './forget-first-paint.ts'

const keep = () => keepFirstPaint(localStorage, { relay: 'https://relay.example.test', fetchedAt: 1, items: [] })

function fakeOffscreen(onCreate: () => void = () => {}) {
  const calls: string[] = []
  const api: OffscreenApi = {
    createDocument: vi.fn(async (params) => {
      calls.push(`create ${params.url} ${params.reasons.join()}`)
      onCreate()
    }),
    closeDocument: vi.fn(async () => void calls.push('close')),
  }
  return { api, calls }
}

describe('forgetting the first paint from the background', () => {
  afterEach(() => localStorage.clear())

  it("should forget it in the background's own localStorage where there is one (Firefox's background page)", async () => {
    keep()
    const { api, calls } = fakeOffscreen()
    await forgetFirstPaintFromBackground(localStorage, api)
    expect(readFirstPaint(localStorage)).toBeNull()
    expect(calls).toEqual([])
  })

  it("should open the page that forgets it as an offscreen document from Chrome's service worker, and close it once loaded", async () => {
    const { api, calls } = fakeOffscreen()
    await forgetFirstPaintFromBackground(null, api)
    expect(calls).toEqual([`create ${FORGET_FIRST_PAINT_PAGE} LOCAL_STORAGE`, 'close'])
  })

  it('should leave an offscreen document already open (a change right after another) to do the same', async () => {
    const { api, calls } = fakeOffscreen(() => {
      throw new Error('Only a single offscreen document may be created.')
    })
    await expect(forgetFirstPaintFromBackground(null, api)).resolves.toBeUndefined()
    expect(calls).toEqual([`create ${FORGET_FIRST_PAINT_PAGE} LOCAL_STORAGE`])
  })
})

import { describe, expect, it, vi } from 'vitest'
import { createOffscreenDocuments, type OffscreenApi, type OffscreenPage } from './offscreen-document.ts'

const page = (url: string): OffscreenPage => ({ url, reasons: ['CLIPBOARD'], justification: 'test' })
const CLIPBOARD = page('/clipboard.html')
const FORGET = page('/forget-first-paint.html')

/** Chrome's rule: one offscreen document at a time; `calls` is what the background asked, in order. */
function fakeOffscreen() {
  const calls: string[] = []
  let open: string | null = null
  const api: OffscreenApi = {
    createDocument: vi.fn(async ({ url }) => {
      if (open) throw new Error('Only a single offscreen document may be created.')
      open = url
      calls.push(`create ${url}`)
    }),
    closeDocument: vi.fn(async () => {
      if (!open) throw new Error('No current offscreen document.')
      open = null
      calls.push('close')
    }),
  }
  return { api, calls, isOpen: () => open, leaveOpen: (url: string) => void (open = url) }
}

describe('the offscreen document', () => {
  it('should open the page for a use and close it after, giving back the answer', async () => {
    const { api, calls, isOpen } = fakeOffscreen()
    const documents = createOffscreenDocuments(api)
    await expect(documents.use(CLIPBOARD, async () => true)).resolves.toBe(true)
    expect(calls).toEqual(['create /clipboard.html', 'close'])
    expect(isOpen()).toBeNull()
  })

  it('should keep the page open for the uses waiting behind it, then close it once', async () => {
    const { api, calls } = fakeOffscreen()
    const documents = createOffscreenDocuments(api)
    const order: string[] = []
    await Promise.all([1, 2, 3].map((n) => documents.use(CLIPBOARD, async () => void order.push(`copy ${n}`))))
    expect(order).toEqual(['copy 1', 'copy 2', 'copy 3'])
    expect(calls).toEqual(['create /clipboard.html', 'close'])
  })

  it('should let two pages take turns (Chrome allows one document at a time)', async () => {
    const { api, calls } = fakeOffscreen()
    const documents = createOffscreenDocuments(api)
    await Promise.all([documents.use(FORGET, async () => {}), documents.use(CLIPBOARD, async () => 'copied')])
    expect(calls).toEqual(['create /forget-first-paint.html', 'close', 'create /clipboard.html', 'close'])
  })

  it('should close the page when the work fails, and pass the failure on', async () => {
    const { api, calls, isOpen } = fakeOffscreen()
    const documents = createOffscreenDocuments(api)
    await expect(documents.use(CLIPBOARD, async () => Promise.reject(new Error('no answer')))).rejects.toThrow('no answer')
    expect(calls).toEqual(['create /clipboard.html', 'close'])
    expect(isOpen()).toBeNull()
    // The next use is not stuck behind the failed one.
    await expect(documents.use(CLIPBOARD, async () => 'copied')).resolves.toBe('copied')
  })

  it('should close a document a stopped worker left open, and open its page again', async () => {
    const { api, calls, leaveOpen, isOpen } = fakeOffscreen()
    leaveOpen('/forget-first-paint.html')
    const documents = createOffscreenDocuments(api)
    await expect(documents.use(CLIPBOARD, async () => isOpen())).resolves.toBe('/clipboard.html')
    expect(calls).toEqual(['close', 'create /clipboard.html', 'close'])
  })
})

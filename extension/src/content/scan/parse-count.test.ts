// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countWhileParsing } from './parse-count.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const options = { uuids: false, maxIds: 2000, maxChars: 10 * 1024 * 1024, chunkMs: 10 }

/** MutationObserver callbacks run as a microtask after the change (after the parser's chunk). */
const chunkEnds = () => new Promise((resolve) => setTimeout(resolve, 0))
const paragraph = (text: string) => Object.assign(document.createElement('p'), { textContent: text })

let readyState: 'loading' | 'complete'
beforeEach(() => {
  document.body.innerHTML = ''
  readyState = 'loading'
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => readyState })
})
afterEach(() => {
  delete (document as { readyState?: unknown }).readyState
})

describe('countWhileParsing', () => {
  it('should count after each chunk the parser adds, stop at DOMContentLoaded and hand the count over', async () => {
    const parse = countWhileParsing(document, options)
    document.body.append(paragraph(`About ${INQ} today`), document.createElement('hr'))
    await chunkEnds()
    expect(parse.stats.chunks).toBeGreaterThan(0)
    expect(parse.stats.size).toBe(1)
    document.body.append(paragraph(`Then ${EVT} came`), document.createElement('hr'))
    await chunkEnds()
    expect(parse.stats.size).toBe(2)
    readyState = 'complete'
    document.dispatchEvent(new Event('DOMContentLoaded'))
    // Stopped: the parser's last chunk is left to the count's first step.
    const chunks = parse.stats.chunks
    document.body.append(paragraph(`Later ${'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'} too`))
    await chunkEnds()
    expect(parse.stats.chunks).toBe(chunks)
    const count = parse.take()
    expect(count?.root).toBe(document.body)
    expect(count!.step(Number.POSITIVE_INFINITY)).toBe(true)
    expect(count!.ids().map((p) => p.id)).toEqual([INQ, EVT, 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'])
  })

  it('should hand over nothing when the page replaced its body, and do nothing on a page that has loaded', async () => {
    const parse = countWhileParsing(document, options)
    document.body.append(paragraph(`About ${INQ} today`), document.createElement('hr'))
    await chunkEnds()
    expect(parse.stats.size).toBe(1)
    document.documentElement.replaceChild(document.createElement('body'), document.body)
    expect(parse.take()).toBeNull()

    readyState = 'complete'
    const loaded = countWhileParsing(document, options)
    document.body.append(paragraph(`About ${INQ} today`), document.createElement('hr'))
    await chunkEnds()
    expect(loaded.stats.chunks).toBe(0)
    expect(loaded.take()).toBeNull()
  })
})

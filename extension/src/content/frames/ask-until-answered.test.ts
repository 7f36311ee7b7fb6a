import { describe, expect, it } from 'vitest'
import { askUntilAnswered, FALLBACK_ASK_DELAYS_MS } from './ask-until-answered.ts'

/** A virtual clock's wait: records each delay and resolves at once (no real time passes). */
function virtualWait() {
  const waited: number[] = []
  return { waited, wait: async (ms: number) => void waited.push(ms) }
}

/** An ask that fails `failures` times (as a message to a service worker that is still starting), then answers. */
function flakyAsk<T>(failures: number, answer: T) {
  let calls = 0
  return {
    get calls() {
      return calls
    },
    ask: async () => {
      calls++
      if (calls <= failures) throw new Error('Could not establish connection. Receiving end does not exist.')
      return answer
    },
  }
}

describe('askUntilAnswered', () => {
  it('should answer at once, with no wait, when the background answers the first time', async () => {
    const { waited, wait } = virtualWait()
    const asked = flakyAsk(0, true)
    expect(await askUntilAnswered(asked.ask, { wait, connected: () => true })).toBe(true)
    expect(asked.calls).toBe(1)
    expect(waited).toEqual([])
  })

  it('should ask again after growing waits while nothing answers, and take the first answer', async () => {
    const { waited, wait } = virtualWait()
    const asked = flakyAsk(3, false)
    // An answer of false (no agent workspace) is an answer: not asked again.
    expect(await askUntilAnswered(asked.ask, { wait, connected: () => true })).toBe(false)
    expect(asked.calls).toBe(4)
    expect(waited).toEqual(FALLBACK_ASK_DELAYS_MS.slice(0, 3))
  })

  it('should give up with null once every delay is spent', async () => {
    const { waited, wait } = virtualWait()
    const asked = flakyAsk(Infinity, true)
    expect(await askUntilAnswered(asked.ask, { wait, connected: () => true, delays: [10, 20] })).toBeNull()
    expect(asked.calls).toBe(3)
    expect(waited).toEqual([10, 20])
  })

  it('should stop asking once the extension is gone (updated or removed)', async () => {
    const { waited, wait } = virtualWait()
    const asked = flakyAsk(Infinity, true)
    let connected = true
    const answer = askUntilAnswered(asked.ask, {
      wait: async (ms) => {
        await wait(ms)
        connected = false
      },
      connected: () => connected,
    })
    expect(await answer).toBeNull()
    expect(asked.calls).toBe(1)
    expect(waited).toEqual([FALLBACK_ASK_DELAYS_MS[0]])
  })
})

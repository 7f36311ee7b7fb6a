import { describe, expect, it } from 'vitest'
import { createEmitter } from './emitter.ts'

describe('the emitter', () => {
  it('should call every listener in subscription order, also when one unsubscribes while it is called', () => {
    const events = createEmitter<{ added: number }>()
    const calls: string[] = []
    const stop = events.on('added', (n) => {
      calls.push(`first ${n}`)
      stop()
    })
    events.on('added', (n) => calls.push(`second ${n}`))
    events.emit('added', 1)
    events.emit('added', 2)
    expect(calls).toEqual(['first 1', 'second 1', 'second 2'])
  })
})

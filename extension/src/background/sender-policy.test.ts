import { describe, expect, it } from 'vitest'
import { INLINE_CONTROLS_FILE, INLINE_UI_FILE } from '../lib/content-messages.ts'
import { inlinePartFile, RefusedMessage } from './sender-policy.ts'

describe('inlinePartFile', () => {
  it('should name our own file for each lazy part of inline lookups', () => {
    expect(inlinePartFile('controls')).toBe(INLINE_CONTROLS_FILE)
    expect(inlinePartFile('views')).toBe(INLINE_UI_FILE)
  })

  it.each([undefined, null, 1, '', '/inline-ui.js', '../background.js', 'toString', '__proto__', 'constructor'])(
    'should refuse %j, which names no part',
    (part) => {
      expect(() => inlinePartFile(part)).toThrow(RefusedMessage)
    },
  )
})

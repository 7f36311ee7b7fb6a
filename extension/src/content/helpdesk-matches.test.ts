import { describe, expect, it } from 'vitest'
import { HELPDESK_MATCHES } from '../../wxt.config.ts'
import { CONTENT_MATCHES } from './helpdesk-matches.ts'

describe('CONTENT_MATCHES', () => {
  it('should equal the manifest\'s HELPDESK_MATCHES', () => {
    expect([...CONTENT_MATCHES].sort(), 'Update content/helpdesk-matches.ts to match HELPDESK_MATCHES in wxt.config.ts').toEqual(
      [...HELPDESK_MATCHES].sort(),
    )
  })
})

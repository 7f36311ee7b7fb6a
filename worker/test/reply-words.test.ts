import { describe, expect, it } from 'vitest'
import { REPLY_LANGS, REPLY_TEXTS } from '@idv-lens/shared/replies'
import { failureWords, messageIn } from '../src/mcp/why-failed/locale-words.ts'
import { teamReplyTexts } from '../src/mcp/why-failed/team-replies.ts'

describe("the relay's reply words (the extension's messages, bundled)", () => {
  it('has every reply text in every language, without placeholders', () => {
    for (const lang of REPLY_LANGS) {
      const message = messageIn(lang)
      const missing = REPLY_TEXTS.filter((name) => !message(`reply_${name}`))
      expect(missing, lang).toEqual([])
    }
    expect(messageIn('de')('reply_approved')).not.toBe(messageIn('en')('reply_approved'))
    // A message with placeholders is not one the relay reads.
    expect(messageIn('en')('checkFailedUnknown')).toBeNull()
  })

  it('words a failed check by a code that says it all, else by the check, else by its name', () => {
    const message = messageIn('en')
    expect(failureWords({ check: 'document', reasons: ['document_expired'] }, message)).toBe(message('codefail_document_expired_text'))
    expect(failureWords({ check: 'selfie_id_comparison', reasons: ['face_mismatch'] }, message)).toBe(
      'the selfie does not match the ID photo',
    )
    expect(failureWords({ check: 'brand_new_check', reasons: [] }, message)).toBe('brand_new_check')
  })
})

describe('REPLY_TEXTS', () => {
  it('is read as the extension reads policy: bad keys and languages dropped, nothing from no JSON', () => {
    const raw = JSON.stringify({ de: { not_verified: '  Nicht bestätigt.  ', 'bad key': 'x' }, fr: { approved: 'Oui' } })
    expect(teamReplyTexts(raw)).toEqual({ de: { not_verified: 'Nicht bestätigt.' } })
    expect(teamReplyTexts('{ not json')).toBeUndefined()
    expect(teamReplyTexts('')).toBeUndefined()
    expect(teamReplyTexts(undefined)).toBeUndefined()
  })
})

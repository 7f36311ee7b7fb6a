import { expect } from 'vitest'

/** What never leaves the relay (docs/vendors/onfido.md §3): checked by name and by the demo's values. */
const NEVER_KEYS = [
  'output',
  'sdk_token',
  'properties',
  'documents',
  'live_photos',
  'href',
  'results_uri',
  'url',
  'message',
  'value',
  'score',
]
const NEVER_TEXT = /@example\.com|onfido\.app|eyJ|first_name|date_of_birth|Dana|"P\d{7}"|0\.12|0\.93/

export function expectLeastData(body: unknown) {
  const text = JSON.stringify(body)
  expect(text).not.toMatch(NEVER_TEXT)
  for (const key of NEVER_KEYS) expect(text, key).not.toContain(`"${key}"`)
}

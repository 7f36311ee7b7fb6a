import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { localeCatalogs } from './vendor-locales.ts'

// The German catalogue as built: public/_locales with each vendor folder's words.
const german = localeCatalogs(fileURLToPath(new URL('../../', import.meta.url))).de!

/**
 * The informal "you", its verb forms and its imperatives ("Lege … an", "gib"): the German screens
 * address the agent as "Sie" throughout. Imperatives that are also nouns ("Versuche") are left out.
 */
const INFORMAL =
  /\b(du|dich|dir|dein\w*|darfst|kannst|musst|hast|bist|willst|solltest|lege|gib|nimm|sieh|öffne|prüfe|wähle|kopiere|sende|klicke|schalte|füge|starte)\b/i

describe('the German words', () => {
  it('address the agent formally (Sie), every vendor folder too', () => {
    expect(Object.values(german).some(({ message }) => /\bSie\b/.test(message))).toBe(true)
    const informal = Object.entries(german).filter(([, { message }]) => INFORMAL.test(message))
    expect(informal.map(([key, { message }]) => `${key}: ${message}`)).toEqual([])
  })
})

import { uiLanguage } from './i18n.ts'
import { RELATIVE_UNITS, relativeFormat, relativeStep } from './format.ts'

/**
 * Relative times ("3 min. ago", "gestern") without Intl: phrases an extension page made with Intl, kept
 * with the popup's first screen (lib/first-paint-snapshot.ts) so that its first paint builds no
 * formatter: a page's first Intl formatter loads the language's ICU data, slow on the first open after a
 * browser start. Past times only, up to the largest count each unit reaches (59 s, 59 min, 23 h, 29 days,
 * 12 months) and 20 years; anything else is left to Intl (`phrasedRelativeTime` says null).
 */
export type RelativePhrases = {
  /** Within a minute either way ("now", "jetzt"). */
  now: string
  /** Per unit: the phrase with `{n}` for the count, the counts with words of their own, and the largest count covered. */
  past: Partial<Record<string, { phrase: string | null; own: Record<string, string>; upTo: number }>>
}

const COUNT = '{n}'
const KEPT_YEARS = 20

/** The phrase Intl uses for `count` units ago, with `{n}` where the count goes; null when its count is not one plain integer. */
function phraseOf(format: Intl.RelativeTimeFormat, count: number, unit: Intl.RelativeTimeFormatUnit): string | null {
  const parts = format.formatToParts(-count, unit)
  if (parts.filter((part) => part.type !== 'literal').length !== 1 || !parts.some((part) => part.type === 'integer')) return null
  return parts.map((part) => (part.type === 'literal' ? part.value : COUNT)).join('')
}

const made = new Map<string, RelativePhrases>()

/** The UI language's phrases, checked against Intl for every count they cover (a count its phrase does not say right gets its own words). */
export function relativePhrases(): RelativePhrases {
  const lang = uiLanguage()
  const known = made.get(lang)
  if (known) return known
  const format = relativeFormat()
  const phrases: RelativePhrases = { now: format.format(0, 'second'), past: {} }
  for (const [limit, divisor, unit] of RELATIVE_UNITS) {
    const upTo = Number.isFinite(limit) ? Math.floor((limit - 1) / divisor) : KEPT_YEARS
    const phrase = phraseOf(format, upTo, unit)
    const own: Record<string, string> = {}
    for (let count = 1; count <= upTo; count++) {
      const text = format.format(-count, unit)
      if (phrase?.replace(COUNT, String(count)) !== text) own[count] = text
    }
    phrases.past[unit] = { phrase, own, upTo }
  }
  made.set(lang, phrases)
  return phrases
}

/** What `relativeTime` would say, from kept phrases; null when they do not cover it. */
export function phrasedRelativeTime(phrases: RelativePhrases, at: number, now: number): string | null {
  const step = relativeStep(at, now)
  if (!step) return phrases.now
  const kept = step.past ? phrases.past[step.unit] : undefined
  if (!kept || step.count > kept.upTo) return null
  return kept.own[step.count] ?? kept.phrase?.replace(COUNT, String(step.count)) ?? null
}

/** The languages a team can word its replies in: those the extension speaks. */
export const REPLY_LANGS = ['en', 'de'] as const
export type ReplyLang = (typeof REPLY_LANGS)[number]

/**
 * A team's own customer texts (policy's `replyTexts`), per language: a text's name (`id_photo`,
 * `approved`, `link`) replaces it wherever it is used; `check.<check name>` or `reason.<reason code>`
 * replaces it for that one reason only. docs/team-settings.md lists the names.
 */
export type ReplyTexts = Partial<Record<ReplyLang, Readonly<Record<string, string>>>>

/** Caps on what policy may hold: enough for every text twice over, never a clipboard's worth. */
export const REPLY_TEXT_LIMITS = { keys: 200, keyChars: 80, textChars: 600 } as const

const KEY = /^(?:(?:check|reason)\.)?[a-z0-9_]+$/

/** One language's texts: well-formed keys, trimmed non-empty texts within the caps; the rest dropped. */
function parseLanguage(raw: unknown): Record<string, string> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined
  const texts: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw).slice(0, REPLY_TEXT_LIMITS.keys)) {
    if (key.length > REPLY_TEXT_LIMITS.keyChars || !KEY.test(key) || typeof value !== 'string') continue
    // Plain sentences: control characters (a stray tab, a NUL) become spaces, line breaks stay.
    const text = value
      .replace(/[^\S\n]+/g, ' ')
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
      .trim()
    if (text && text.length <= REPLY_TEXT_LIMITS.textChars) texts[key] = text
  }
  return Object.keys(texts).length ? texts : undefined
}

/**
 * Policy's `replyTexts` as the extension uses it: `en` and `de` only, each an object of texts (see
 * ReplyTexts); a malformed key or an over-long text is dropped. Undefined when nothing usable is set.
 */
export function parseReplyTexts(raw: unknown): ReplyTexts | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined
  const parsed: ReplyTexts = {}
  for (const lang of REPLY_LANGS) {
    const texts = parseLanguage((raw as Record<string, unknown>)[lang])
    if (texts) parsed[lang] = texts
  }
  return Object.keys(parsed).length ? parsed : undefined
}

/** "en: approved, id_photo": which texts policy replaces, a line per language, for the options page; empty when none. */
export function replyTextsSummary(texts: ReplyTexts | undefined): string {
  return REPLY_LANGS.filter((lang) => texts?.[lang])
    .map((lang) => `${lang}: ${Object.keys(texts![lang]!).sort().join(', ')}`)
    .join('\n')
}

import type { ReplyLang } from '@idv-lens/shared/replies'
// The extension's own messages, bundled at build time (esbuild's JSON import): one source for the
// reply texts and check words, edited where translators edit them (extension/TRANSLATING.md).
import de from '../../../../extension/public/_locales/de/messages.json' with { type: 'json' }
import en from '../../../../extension/public/_locales/en/messages.json' with { type: 'json' }

type Catalog = Readonly<Record<string, { message: string; placeholders?: unknown }>>
const CATALOGS: Readonly<Record<ReplyLang, Catalog>> = { en, de }

/**
 * A message by name in `lang`, English where that locale lacks it, as the browser's `getMessage`
 * does. Only messages without placeholders are read here (reply texts, check words); `$$` is a dollar.
 */
export function messageIn(lang: ReplyLang): (name: string) => string | null {
  return (name) => {
    const entry = Object.hasOwn(CATALOGS[lang], name) ? CATALOGS[lang][name] : Object.hasOwn(en, name) ? (en as Catalog)[name] : undefined
    if (!entry || entry.placeholders) return null
    return entry.message.replace(/\$\$/g, '$')
  }
}

const key = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')

/**
 * A failed check in words, as the extension's card says it: the first code that says it all (Stripe's),
 * else what the check means; the check's own name where the extension has no words for it.
 */
export function failureWords(failed: { check: string; reasons: readonly string[] }, message: (name: string) => string | null): string {
  for (const code of failed.reasons) {
    const words = message(`codefail_${key(code)}_text`)
    if (words) return words
  }
  return message(`checkfail_${key(failed.check)}`) ?? failed.check
}

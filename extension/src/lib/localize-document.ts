import { t, type MessageKey } from './i18n.ts'

/**
 * An extension page in the language its messages are in: `lang` (screen readers' voice, hyphenation,
 * the date inputs' format) from the locale the browser picked, and the window title.
 */
export function localizeDocument(title: MessageKey): void {
  document.documentElement.lang = t('htmlLang')
  document.title = t(title)
}

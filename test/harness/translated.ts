import { join } from 'node:path'
import { localeCatalogs } from '../../extension/src/build/vendor-locales.ts'
import { REPO_ROOT } from './stack.ts'

type Messages = Record<string, { message: string }>

/** What a surface shows, read in its own world: its words (text and the names of its controls) and what cuts its text. */
export type SurfaceReading = { text: string; clipped: string[]; centred: string[]; sideways: boolean; tabRows: number }

/**
 * Reads the surface under `scope` (a function's source, run in the page or the content script's
 * world): its visible text plus the attributes that are words (aria-label, title, placeholder, alt),
 * every element whose own text is cut (wider than its box with the overflow hidden, or scrolled),
 * every link button with a line that starts right of its left edge (a button's centring: an ID
 * floating mid-row, or its wrapped end under its middle), and how many rows its tabs take.
 * An ellipsis with the whole text in its title is a choice (long IDs), not a cut.
 */
export const READ_SURFACE = `(scope) => {
  const all = [scope, ...scope.querySelectorAll('*')]
  // Code (field names, commands) is shown as it is typed, not translated.
  const shown = (el) => el.getClientRects().length > 0 && !el.closest('code, kbd, pre')
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT)
  const words = []
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.trim() && shown(n.parentElement)) words.push(n.data.trim())
  for (const el of all) for (const name of ['aria-label', 'title', 'placeholder', 'alt']) if (el.getAttribute(name)) words.push(el.getAttribute(name))
  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim())
  const clipped = all.filter((el) => {
    // Visually hidden on purpose (a 1 px box for screen readers) is not cut.
    if (!ownText(el) || el.getClientRects().length === 0 || el.getBoundingClientRect().width <= 1 || el.closest('.sr-only')) return false
    const style = getComputedStyle(el)
    if (style.overflowX === 'visible' || el.scrollWidth <= el.clientWidth + 1) return false
    return !(style.textOverflow === 'ellipsis' && el.title)
  })
  const centred = [...scope.querySelectorAll('button.link')].filter((el) => {
    if (el.getClientRects().length === 0) return false
    const style = getComputedStyle(el)
    const left = el.getBoundingClientRect().left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft)
    const range = document.createRange()
    range.selectNodeContents(el)
    return [...range.getClientRects()].some((line) => line.width > 0 && line.left > left + 1)
  })
  const root = document.documentElement
  const named = (el) => (el.dataset.testid ?? el.className ?? el.localName) + ': ' + el.textContent.trim().slice(0, 60)
  return {
    text: words.join('\\n'),
    clipped: clipped.map(named),
    centred: centred.map(named),
    sideways: root.scrollWidth > root.clientWidth,
    tabRows: new Set([...scope.querySelectorAll('[role="tab"]')].map((t) => Math.round(t.getBoundingClientRect().top))).size,
  }
}`

/** The catalogues as built: the extension's own words with each vendor folder's (vendor-locales.ts). */
let messages: { en: Messages; de: Messages } | undefined

/** One message of the built German catalogue, as the extension shows it (no placeholders filled). */
export function germanMessage(key: string): string {
  messages ??= localeCatalogs(join(REPO_ROOT, 'extension')) as { en: Messages; de: Messages }
  const message = messages.de[key]?.message
  if (message === undefined) throw new Error(`no German message ${key}`)
  return message
}

/**
 * What in `text` is not German: each English message's fixed words (the parts between its
 * placeholders) that the German message does not share, three words or more anywhere, or two as a
 * whole line (a label). Fewer would flag the relay's own words it quotes. And message keys
 * (camelCase or with an underscore) shown as words.
 */
export async function untranslated(text: string): Promise<string[]> {
  messages ??= localeCatalogs(join(REPO_ROOT, 'extension')) as { en: Messages; de: Messages }
  const { en, de } = messages
  const found = new Set<string>()
  const lines = new Set(text.split('\n').map((line) => line.trim()))
  for (const [key, { message }] of Object.entries(en)) {
    const german = de[key]?.message ?? ''
    for (const part of message.split(/\$\w+\$|\$\d|\n/)) {
      const words = part.trim()
      if (words.length < 10 || !/\s/.test(words) || german.includes(words)) continue
      if (lines.has(words) || (words.split(/\s+/).length >= 3 && text.includes(words))) found.add(`${key}: "${words}"`)
    }
    if (/[a-z][A-Z]|_/.test(key) && new RegExp(`(^|[^\\w-])${key}([^\\w-]|$)`).test(text)) found.add(`key ${key}`)
  }
  return [...found]
}

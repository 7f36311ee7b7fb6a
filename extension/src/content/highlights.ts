import type { Mark } from './mark-store.ts'

/**
 * Marks are painted with the CSS Custom Highlight API: the page's DOM is never touched, only
 * ranges registered in `CSS.highlights`. One Highlight per colour; a mark moves between them when
 * its status becomes known. `active` (the ID the card describes) paints over the others.
 */
export const MARK_TONES = ['pending', 'good', 'bad', 'warn', 'progress', 'neutral', 'unknown'] as const
export type MarkTone = (typeof MARK_TONES)[number]

type Tone = MarkTone | 'active'
const TONES: readonly Tone[] = [...MARK_TONES, 'active']

/**
 * The names our highlights go by in `CSS.highlights`, made anew on every page load. The registry
 * (and our style sheet) belong to the page, which can list them: the names carry no status word,
 * follow no fixed order, and differ on every load, so a page cannot tell from a name which ranges
 * are "declined". (The colours in the style sheet are the page's to read, like the text it renders.)
 */
export type HighlightNames = { of(tone: Tone): string; /** Every tone, in this load's random order. */ readonly order: readonly Tone[] }

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz0123456789'
const NAME_LENGTH = 10

export function createHighlightNames(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): HighlightNames {
  const names = new Map<Tone, string>()
  const used = new Set<string>()
  const order = [...TONES]
  const bytes = random(new Uint8Array(TONES.length * NAME_LENGTH + order.length))
  TONES.forEach((tone, i) => {
    // A letter first (a CSS identifier may not start with a digit); no vowels, so no word can appear.
    let name = `x${Array.from(bytes.subarray(i * NAME_LENGTH, (i + 1) * NAME_LENGTH), (b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join('')}`
    while (used.has(name)) name += 'z'
    used.add(name)
    names.set(tone, name)
  })
  // Fisher–Yates over the registration order (the registry lists names in insertion order).
  for (let i = order.length - 1; i > 0; i--) {
    const j = bytes[TONES.length * NAME_LENGTH + i]! % (i + 1)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return { of: (tone) => names.get(tone)!, order }
}

/*
Colour is never the only cue (the card says the status in words), and the underline style differs
too: solid for settled, dashed for "needs a look", wavy for declined/failed, dotted while unknown.
Translucent backgrounds work on light and dark pages. Only properties ::highlight() accepts.
Each underline keeps at least 3:1 against light and dark pages (WCAG 1.4.11; mark-contrast.test.ts).
*/
export const HIGHLIGHT_STYLES: Record<Tone, string> = {
  // Underline colours sit at a middle luminance (0.16–0.19): at least 3:1 against white and against
  // near-black pages alike, so one colour serves light and dark helpdesk themes (a page's dark theme
  // rarely sets color-scheme, so light-dark() could not tell them apart).
  pending: 'text-decoration: underline dotted rgb(110 118 129); text-decoration-thickness: 2px;',
  good: 'background-color: rgb(46 160 67 / 0.16); text-decoration: underline solid rgb(35 134 54); text-decoration-thickness: 2px;',
  bad: 'background-color: rgb(218 54 51 / 0.16); text-decoration: underline wavy rgb(225 50 50); text-decoration-thickness: 2px;',
  warn: 'background-color: rgb(212 150 0 / 0.2); text-decoration: underline dashed rgb(170 105 0); text-decoration-thickness: 2px;',
  progress: 'background-color: rgb(47 85 196 / 0.14); text-decoration: underline solid rgb(64 110 230); text-decoration-thickness: 2px;',
  neutral: 'background-color: rgb(110 118 129 / 0.14); text-decoration: underline solid rgb(110 118 129); text-decoration-thickness: 2px;',
  unknown: 'text-decoration: underline dotted rgb(190 80 80); text-decoration-thickness: 2px;',
  active: 'background-color: rgb(31 111 235 / 0.28);',
}

/** The ::highlight() rules for this load's names, in the same random order as the registry. */
export const highlightCss = (names: HighlightNames): string =>
  names.order.map((tone) => `::highlight(${names.of(tone)}) { ${HIGHLIGHT_STYLES[tone]} }`).join('\n')

/** The parts of the Highlight API we use, so tests can pass fakes (happy-dom has none). */
export type HighlightLike = { add(range: AbstractRange): unknown; delete(range: AbstractRange): unknown; clear(): void; priority: number }
export type HighlightRegistryLike = { set(name: string, h: HighlightLike): unknown; get(name: string): unknown; delete(name: string): unknown }

export type HighlighterDeps = {
  registry: HighlightRegistryLike
  names: HighlightNames
  makeHighlight: () => HighlightLike
  /**
   * When colour changes reach the page. Every change to a Highlight makes the browser repaint
   * the page's text, which on a 5 MB ticket costs a frame of ~20 ms: the content script batches
   * them (a few flushes a second while scanning). Tests flush at once.
   */
  scheduleFlush?: (flush: () => void) => void
}

/** The API in this browser, or null (then IDs are still found, counted and listed, just not painted). */
export function browserHighlights(): Omit<HighlighterDeps, 'names'> | null {
  const registry = (globalThis.CSS as { highlights?: HighlightRegistryLike } | undefined)?.highlights
  const HighlightClass = (globalThis as { Highlight?: new () => HighlightLike }).Highlight
  if (!registry || !HighlightClass) return null
  return { registry, makeHighlight: () => new HighlightClass() }
}

export function createHighlighter(deps: HighlighterDeps) {
  const highlights = new Map<Tone, HighlightLike>()
  const name = (tone: Tone) => deps.names.of(tone)
  for (const tone of deps.names.order) {
    const h = deps.makeHighlight()
    h.priority = tone === 'active' ? 1 : 0
    highlights.set(tone, h)
  }
  const toneOf = new Map<Mark, MarkTone>()
  /** Changes not painted yet: a tone, or null for "remove". */
  const pending = new Map<Mark, MarkTone | null>()
  let active: readonly Mark[] = []
  const range = (mark: Mark) => mark.range as AbstractRange
  const scheduleFlush = deps.scheduleFlush ?? ((flush: () => void) => flush())

  function register(): void {
    // The page may clear the registry (it is shared with the page's own highlights): put ours back.
    for (const [tone, h] of highlights) if (deps.registry.get(name(tone)) !== h) deps.registry.set(name(tone), h)
  }
  register()

  function flush(): void {
    for (const [mark, tone] of pending) {
      const before = toneOf.get(mark)
      if (before === tone) continue
      if (before) highlights.get(before)!.delete(range(mark))
      if (tone) {
        highlights.get(tone)!.add(range(mark))
        toneOf.set(mark, tone)
      } else toneOf.delete(mark)
    }
    pending.clear()
  }
  const queue = (mark: Mark, tone: MarkTone | null) => {
    const wasEmpty = pending.size === 0
    pending.set(mark, tone)
    if (wasEmpty) scheduleFlush(flush)
  }

  return {
    register,
    flush,
    /** Paints `mark` in `tone` (moving it from its previous colour). */
    paint(mark: Mark, tone: MarkTone): void {
      if ((pending.has(mark) ? pending.get(mark) : toneOf.get(mark)) !== tone) queue(mark, tone)
    },
    erase(mark: Mark): void {
      if (pending.has(mark) || toneOf.has(mark)) queue(mark, null)
      if (active.includes(mark)) highlights.get('active')!.delete(range(mark))
    },
    toneOf: (mark: Mark) => (pending.has(mark) ? (pending.get(mark) ?? undefined) : toneOf.get(mark)),
    /** The marks of the ID the card or the list is about; [] for none. */
    setActive(marks: readonly Mark[]): void {
      const h = highlights.get('active')!
      for (const m of active) h.delete(range(m))
      active = marks
      for (const m of active) h.add(range(m))
    },
    /** Removes our highlights from the page (the content script is going away). */
    dispose(): void {
      for (const [tone, h] of highlights) {
        h.clear()
        if (deps.registry.get(name(tone)) === h) deps.registry.delete(name(tone))
      }
      toneOf.clear()
      pending.clear()
    },
  }
}

export type Highlighter = ReturnType<typeof createHighlighter>

/**
 * The ::highlight() rules of one document (or open shadow root), as a constructed style sheet in
 * `adoptedStyleSheets`: no <style> element enters the page's tree. The rules must live in the
 * document (not our shadow root) because highlights paint the page's own text.
 *
 * Nothing is installed until the first `ensure()`. While any ::highlight() rule is in a document,
 * Chrome computes highlight styles for every element it styles (one rule or eight cost the same):
 * on the 5 MB bench ticket its first style pass took ~250 ms of CPU instead of ~80. A page with no
 * ID pays nothing; a page with IDs gets the rules before its first style pass (a sheet added after
 * it costs a separate whole-page pass, ~300 ms there; measured with Chrome's trace).
 * `restore()` puts an installed sheet back if the page replaced the list.
 */
export function highlightStyles(doc: Document, names: HighlightNames): { ensure(): void; restore(): void; remove(): void } {
  const css = highlightCss(names)
  let wanted = false
  let sheet: CSSStyleSheet | null = null
  let fallback: HTMLStyleElement | null = null
  try {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
  } catch {
    sheet = null
  }
  const put = () => {
    if (sheet) {
      try {
        if (!doc.adoptedStyleSheets.includes(sheet)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet]
        return
      } catch {
        sheet = null
      }
    }
    // Browsers without constructable sheets: a <style> in <head>, outside the page's content.
    if (!fallback) {
      fallback = doc.createElement('style')
      fallback.textContent = css
    }
    if (!fallback.isConnected) (doc.head ?? doc.documentElement).append(fallback)
  }
  return {
    ensure() {
      wanted = true
      put()
    },
    restore() {
      if (wanted) put()
    },
    remove() {
      wanted = false
      if (sheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet)
      fallback?.remove()
    },
  }
}

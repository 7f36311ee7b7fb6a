import type { Mark } from './mark-store.ts'

/**
 * Marks are painted with the CSS Custom Highlight API: the page's DOM is never touched, only
 * ranges registered in `CSS.highlights`. That registry, the style sheets (adopted ones too) and
 * computed styles are the page's to read, so what goes there says nothing but "this looks like an
 * ID", which the page can tell from its own text: ONE highlight holding every painted mark, with
 * ONE neutral style, whatever the ID's status, whether it is known yet, and whichever ID the card is
 * about. Status shows only inside our closed shadow root (card and list). Only marks near the
 * viewport are in the highlight (near-viewport.ts), so its size tells the page nothing either.
 */

/**
 * The name our highlight goes by in `CSS.highlights`, made anew on every page load: no fixed name a
 * page or another extension could collide with or look for, and no word in it.
 */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz0123456789'
const NAME_LENGTH = 10

export function createHighlightName(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  // A letter first (a CSS identifier may not start with a digit); no vowels, so no word can appear.
  return `x${Array.from(random(new Uint8Array(NAME_LENGTH)), (b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join('')}`
}

/*
One look for every mark: a translucent tint and a dashed underline (telling a mark from a link,
which is solid). The underline sits at a middle luminance (0.17): at least 3:1 against white and
against near-black pages alike (WCAG 1.4.11; mark-contrast.test.ts), so one colour serves light and
dark helpdesk themes (a page's dark theme rarely sets color-scheme, so light-dark() could not tell
them apart). Only properties ::highlight() accepts.
*/
export const MARK_STYLE = 'background-color: rgb(64 110 230 / 0.12); text-decoration: underline dashed rgb(64 110 230); text-decoration-thickness: 2px;'

/** The ::highlight() rule for this load's name. */
export const highlightCss = (name: string): string => `::highlight(${name}) { ${MARK_STYLE} }`

/** The parts of the Highlight API we use, so tests can pass fakes (happy-dom has none). */
export type HighlightLike = { add(range: AbstractRange): unknown; delete(range: AbstractRange): unknown; clear(): void; priority: number }
export type HighlightRegistryLike = { set(name: string, h: HighlightLike): unknown; get(name: string): unknown; delete(name: string): unknown }

export type HighlighterDeps = {
  registry: HighlightRegistryLike
  name: string
  makeHighlight: () => HighlightLike
  /**
   * When changes reach the page: each change to the highlight makes Chrome rebuild the paint
   * markers of every range in it, so the content script batches them, once per animation frame.
   * Tests flush at once.
   */
  scheduleFlush?: (flush: () => void) => void
}

/** The API in this browser, or null (then IDs are still found, counted and listed, just not painted). */
export function browserHighlights(): Omit<HighlighterDeps, 'name'> | null {
  const registry = (globalThis.CSS as { highlights?: HighlightRegistryLike } | undefined)?.highlights
  const HighlightClass = (globalThis as { Highlight?: new () => HighlightLike }).Highlight
  if (!registry || !HighlightClass) return null
  return { registry, makeHighlight: () => new HighlightClass() }
}

/** Once per animation frame, or after `fallbackMs` where frames do not come (a hidden tab). */
export function perFrame(fallbackMs = 250): (flush: () => void) => void {
  return (flush) => {
    let done = false
    const once = () => {
      if (done) return
      done = true
      flush()
    }
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once)
    setTimeout(once, fallbackMs)
  }
}

/** Puts marks into the one highlight and takes them out, in batches. */
export function createHighlighter(deps: HighlighterDeps) {
  const highlight = deps.makeHighlight()
  /** Marks in the highlight now. */
  const painted = new Set<Mark>()
  /** Changes not in the page yet: true to paint, false to take out. */
  const pending = new Map<Mark, boolean>()
  const range = (mark: Mark) => mark.range as AbstractRange
  const scheduleFlush = deps.scheduleFlush ?? ((flush: () => void) => flush())

  function register(): void {
    // The page may clear the registry (it is shared with the page's own highlights): put ours back.
    if (deps.registry.get(deps.name) !== highlight) deps.registry.set(deps.name, highlight)
  }
  register()

  function flush(): void {
    for (const [mark, show] of pending) {
      if (show === painted.has(mark)) continue
      if (show) {
        highlight.add(range(mark))
        painted.add(mark)
      } else {
        highlight.delete(range(mark))
        painted.delete(mark)
      }
    }
    pending.clear()
  }
  const queue = (mark: Mark, show: boolean) => {
    if ((pending.get(mark) ?? painted.has(mark)) === show) return
    const wasEmpty = pending.size === 0
    pending.set(mark, show)
    if (wasEmpty) scheduleFlush(flush)
  }

  return {
    register,
    flush,
    /** Paints `mark` (from the next flush on). */
    show: (mark: Mark) => queue(mark, true),
    /** Takes `mark` out: it went far from the viewport, or off the page. */
    hide: (mark: Mark) => queue(mark, false),
    /** Whether `mark` is painted, or will be after the next flush. */
    shows: (mark: Mark) => pending.get(mark) ?? painted.has(mark),
    /** Marks in the highlight now (tests, benchmarks). */
    get painted(): number {
      return painted.size
    },
    /** Removes our highlight from the page (the content script is going away). */
    dispose(): void {
      highlight.clear()
      if (deps.registry.get(deps.name) === highlight) deps.registry.delete(deps.name)
      painted.clear()
      pending.clear()
    },
  }
}

/**
 * The ::highlight() rules of one document (or open shadow root), as a constructed style sheet in
 * `adoptedStyleSheets`: no <style> element enters the page's tree. The rules must live in the
 * document (not our shadow root) because highlights paint the page's own text.
 *
 * Nothing is installed until the first `ensure()`. While any ::highlight() rule is in a document,
 * Chrome computes highlight styles for every element it styles (however few rules):
 * on the 5 MB bench ticket its first style pass took ~250 ms of CPU instead of ~80. A page with no
 * ID pays nothing; a page with IDs gets the rules before its first style pass (a sheet added after
 * it costs a separate whole-page pass, ~300 ms there; measured with Chrome's trace).
 * `restore()` puts an installed sheet back if the page replaced the list.
 */
export function highlightStyles(doc: Document, name: string): { ensure(): void; restore(): void; remove(): void } {
  const css = highlightCss(name)
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

import { exactTime, parseTime, relativeTime } from '../../lib/format.ts'
import { namesTabs, type FirstPaintItem, type FirstPaintText } from '../../lib/first-paint-snapshot.ts'
import { lookupMessage, t, uiLanguage, type MessageKey } from '../../lib/i18n.ts'
import { phrasedRelativeTime } from '../../lib/relative-phrases.ts'
import { fetchedAt, type Fetched } from '../../stores/fetch-state.ts'
import { classifyId, vendorOfKind } from '@idv-lens/shared/ids'
import { statusTone } from '../../vendors/tones.ts'
import { vendorWord } from '../../lib/vendor-words.ts'

/*
 * The popup's first paint, before its module bundle has loaded: the inquiries page it showed last, from
 * the kept first screen in localStorage (lib/first-paint-snapshot.ts: synchronous, survives a restart) or
 * else the background's snapshot in storage.session, drawn as plain DOM with the app's own markup. Its
 * rows show ID, status and age only (the disk copy has no reference ID); the app's rows add the rest.
 * It is an inert picture until `handOver` swaps in the app, and its freshness line shows the copy's age
 * in the stale colour: a copy kept overnight must not pass for this minute's list.
 */

/** The snapshot's key in chrome.storage.session (WXT's `session:lists.inquiries.10`, stores/list-snapshot.ts). */
export const FIRST_PAINT_SNAPSHOT_KEY = 'lists.inquiries.10'
/** The list those rows are of (stores/list-sources.ts POPUP_LIST): the first paint draws them only when the popup opens on it. */
export const FIRST_PAINT_LIST = 'inquiries'

/**
 * The localStorage copy carries `fetchedAt` and its words; storage.session's carries the relay's `fetched`.
 * Both carry the popup's `tabs` (pages/surface-tab.ts POPUP_TAB_NAMES): this script must stay small and
 * does not load the registry, which alone knows them.
 */
export type Snapshot =
  | { items?: FirstPaintItem[]; fetchedAt?: number; fetched?: Fetched | null; tabs?: readonly MessageKey[]; text?: FirstPaintText }
  | null
  | undefined

/**
 * The words the first paint writes: those kept with the snapshot when they are in the language
 * shown now (no Intl formatter built: lib/relative-phrases.ts says what the first one costs), else
 * Intl's (storage.session's copy has none; the browser's language may have changed since).
 */
type Words = {
  relative(at: number): string
  exact(at: number, kept: string | null | undefined): string
  row(id: string): FirstPaintText['rows'][string] | undefined
}

function wordsOf(snapshot: NonNullable<Snapshot>, now: number): Words {
  const text = snapshot.text?.lang === uiLanguage() ? snapshot.text : undefined
  return {
    relative: (at) => (text && phrasedRelativeTime(text.relative, at, now)) ?? relativeTime(at, now),
    exact: (at, kept) => (text && kept) || exactTime(at),
    row: (id) => text?.rows[id],
  }
}

/** components/FreshnessLine.tsx's words for a copy on screen while the refresh runs, always as stale. */
function freshness(snapshot: NonNullable<Snapshot>, words: Words): HTMLParagraphElement {
  const at = snapshot.fetchedAt ?? (snapshot.fetched ? fetchedAt(snapshot.fetched) : null)
  const text = at === null ? t('freshRefreshing') : `${t('freshUpdated', words.relative(at))} · ${t('freshRefreshing')}`
  return el(
    'p',
    {
      class: 'freshness',
      'data-testid': 'freshness',
      'data-state': 'stale',
      ...(at === null ? {} : { title: `${text}\n${t('freshTitle', words.exact(at, snapshot.text?.fetched))}` }),
    },
    text,
  )
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value)
  node.append(...children)
  return node
}

const badge = (text: string, tone: string, testId: string, raw: string) =>
  el('span', { class: `badge tone-${tone}`, 'data-testid': testId, 'data-tone': tone, title: raw }, text)

/** An empty icon box: the icons come with the app, their places are kept. */
function iconBox(size: number): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
  for (const [name, value] of [
    ['width', size],
    ['height', size],
    ['aria-hidden', 'true'],
  ] as const)
    svg.setAttribute(name, String(value))
  return svg
}

/** The vendor whose ID `id` is, by its shape (the first paint does not load the registry). */
function vendorOf(id: string): string {
  const kind = classifyId(id)
  return kind ? vendorOfKind(kind) : ''
}

/**
 * components/rows/InquiryRow.tsx inside rows/Row.tsx, without handlers, of what the kept copy holds:
 * status and age. storage.session's copy has more (the reference ID); the app's rows draw it.
 */
function inquiryRow(item: FirstPaintItem, words: Words): HTMLLIElement {
  const a = item.attributes
  const kept = words.row(item.id)
  const top = el(
    'div',
    { class: 'row-top' },
    el('button', { type: 'button', class: 'row-open' }, el('code', {}, item.id)),
    el('button', { type: 'button', class: 'small icon', title: t('copyId') }, iconBox(14)),
  )
  const meta = el('div', { class: 'row-meta row-lead' })
  if (a.status) meta.append(badge(vendorWord(a.status), statusTone(vendorOf(item.id), a.status), 'status', a.status))
  const at = parseTime(a['created-at'])
  if (at !== null)
    meta.append(el('time', { datetime: new Date(at).toISOString(), title: words.exact(at, kept?.created) }, words.relative(at)))
  return el('li', { 'data-testid': 'row', 'data-id': item.id }, el('div', { class: 'row row-whole' }, meta, top))
}

/**
 * The kept tabs' names in the language shown, or null: for a copy without tabs (kept by a version
 * before they were kept) and for a name this version has no message for. Tabs guessed or left out
 * would move the rows when the app takes over, so such a copy draws nothing, as no copy does.
 */
function tabNames(tabs: unknown): string[] | null {
  const names = namesTabs(tabs) ? tabs.map(lookupMessage) : []
  return names.length > 0 && names.every((name): name is string => name !== null) ? names : null
}

/**
 * Draws `snapshot`'s rows into `root` inside the popup's frame (entrypoints/popup/App.tsx: header,
 * tabs, list, footer); nothing when there is no snapshot, it names no tabs, or the app has taken over already.
 */
export function paintFirst(root: HTMLElement, snapshot: Snapshot, now: number): boolean {
  const items = snapshot?.items ?? []
  const names = tabNames(snapshot?.tabs)
  if (!snapshot || items.length === 0 || !names || !root.isConnected || document.documentElement.dataset.appShown !== undefined)
    return false
  // The search box as a div, not the app's form: Chromium's autofill reads a form's fields when the page
  // has loaded, a forced layout before the frame that shows the rows; the picture is inert and looks the same.
  const search = el(
    'div',
    { class: 'reference-search' },
    el(
      'div',
      { class: 'lookup' },
      el('input', { type: 'search', placeholder: t('searchPlaceholder') }),
      el('button', { type: 'button' }, t('lookupSubmit')),
    ),
  )
  const header = el(
    'header',
    { class: 'bar' },
    search,
    el('button', { type: 'button', class: 'icon bar-icon' }, iconBox(16)),
    el('button', { type: 'button', class: 'icon bar-icon' }, iconBox(16)),
  )
  const tabs = el(
    'div',
    { class: 'tablist' },
    ...names.map((name, i) => el('button', { type: 'button', role: 'tab', 'aria-selected': String(i === 0) }, name)),
  )
  const words = wordsOf(snapshot, now)
  const list = el('ul', { class: 'rows' }, ...items.map((item) => inquiryRow(item, words)))
  const body = el('div', { class: 'popup-body' }, tabs, el('div', {}, freshness(snapshot, words), list))
  const foot = el(
    'footer',
    { class: 'foot' },
    el('span', { class: 'spacer' }),
    el('button', { type: 'button', class: 'link' }, t('settings')),
  )
  root.replaceChildren(el('div', { class: 'popup' }, header, body, foot))
  return true
}

/**
 * Starts the app's module once the first paint is drawn: the build takes its tags out of popup.html
 * and names them on the first paint's script (src/build/popup-html.ts), so that the browser does not
 * fetch and compile them while the first paint waits. The inlined sheets' links, disabled, then the
 * preloads, so the module's own imports are already under way; `crossorigin` as Vite writes its tags
 * (a preload serves only a request of the same mode). The dev server's page has its own module tag.
 */
export function startApp(starter: HTMLScriptElement | null): void {
  const module = starter?.dataset.appModule
  if (!module) return
  const names = (list: string | undefined) => (list ?? '').split(' ').filter(Boolean)
  for (const href of names(starter.dataset.appStyles))
    document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href, crossOrigin: '', disabled: true }))
  for (const href of names(starter.dataset.appPreload))
    document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href, crossOrigin: '' }))
  document.body.append(Object.assign(document.createElement('script'), { type: 'module', src: module, crossOrigin: '' }))
}

/** Reports once when the browser has shown the page's first contentful paint; returns a stop. */
export type FirstPaintShown = (shown: () => void) => () => void

/**
 * Chromium's paint timing: its first-contentful-paint entry is queued when that frame was presented.
 * Where the browser times no paint, the paint counts as shown at once.
 */
export const firstContentfulPaintShown: FirstPaintShown = (shown) => {
  if (typeof PerformanceObserver !== 'function' || !PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    shown()
    return () => {}
  }
  const observer = new PerformanceObserver((entries) => {
    if (entries.getEntriesByName('first-contentful-paint').length > 0) shown()
  })
  observer.observe({ type: 'paint', buffered: true })
  return () => observer.disconnect()
}

/** How long the app waits for the first paint to show before it starts anyway (a popup hidden before it painted shows none). */
export const FIRST_PAINT_SHOWN_FALLBACK_MS = 300

/**
 * Runs `start` (startApp) once the first paint's rows are on screen, not as soon as they are in the DOM:
 * loading and compiling the app's bundle would take the cores from the raster of that frame. The app's
 * own rows, which wait for a relay call anyway, come that much later.
 */
export function startWhenShown(
  start: () => void,
  shown: FirstPaintShown = firstContentfulPaintShown,
  fallbackMs = FIRST_PAINT_SHOWN_FALLBACK_MS,
): void {
  let started = false
  let stop = () => {}
  const once = () => {
    if (started) return
    started = true
    clearTimeout(timer)
    stop()
    start()
  }
  const timer = setTimeout(once, fallbackMs)
  stop = shown(once)
  if (started) stop()
}

/**
 * Called by the app's entry before its first render. Without a first paint on screen (no snapshot,
 * or it has not been read yet) the app shows at once, and a late snapshot paints nothing. While the
 * first paint is up, the app renders hidden; the moment its list shows anything but the loading skeleton (rows, the empty state, a
 * failure), the first paint goes and the app shows, in the same task (a MutationObserver's
 * microtask), so the page never holds both lists at once.
 */
export function handOver(firstPaint: HTMLElement | null, app: HTMLElement): void {
  const settled = () => {
    const list = app.querySelector('[data-testid="list"]')
    return !app.querySelector('[role="tabpanel"]') || (list !== null && !list.querySelector('[data-testid="skeleton"]'))
  }
  const show = () => {
    document.documentElement.dataset.appShown = ''
    firstPaint?.remove()
    app.hidden = false
  }
  if (!firstPaint?.hasChildNodes()) return show()
  app.hidden = true
  const observer = new MutationObserver(() => {
    if (!settled()) return
    observer.disconnect()
    show()
  })
  observer.observe(app, { childList: true, subtree: true })
}

// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PersonaInquiry } from '@idv-lens/shared/api'
import { Tabs } from '../../components/Tabs.tsx'
import { InquiryRow } from '../../vendors/persona/InquiryRow.tsx'
import { exactTime, relativeTime } from '../../lib/format.ts'
import { FIRST_PAINT_STORAGE_KEY } from '../../lib/first-paint-key.ts'
import { keepFirstPaint, type FirstPaintText } from '../../lib/first-paint-snapshot.ts'
import { firstPaintText } from '../../lib/first-paint-text.ts'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { POPUP_PAGE_SIZE, sessionSnapshot } from '../../stores/list-snapshot.ts'
import { POPUP_TABS, POPUP_TAB_NAMES } from '../../pages/surface-tab.ts'
import { WithVendorFacts } from '../../pages/WithVendorFacts.tsx'
import popupFirstPaint from '../popup-first-paint.ts'
import { FIRST_PAINT_SHOWN_FALLBACK_MS, FIRST_PAINT_SNAPSHOT_KEY, handOver, paintFirst } from './first-paint.ts'

// The app's module tags the first paint adds are not fetched here (there are no such files).
Object.assign((window as unknown as { happyDOM: { settings: object } }).happyDOM.settings, {
  disableJavaScriptFileLoading: true,
  handleDisabledFileLoadingAsSuccess: true,
})

const NOW = Date.parse('2026-11-24T05:00:00Z')

const inquiry = (id: string, attributes: Partial<PersonaInquiry['attributes']>): PersonaInquiry =>
  ({ type: 'inquiry', id, attributes: { 'created-at': '2026-11-24T04:57:00Z', ...attributes } }) as PersonaInquiry

/** As the relay sends them: with the reference ID (and a step) that the kept copy leaves out. */
const INQUIRIES = [
  inquiry('inq_NEWEST000000000000000000', { status: 'failed', 'reference-id': 'user-35859', 'previous-step-name': 'selfie' }),
  inquiry('inq_OLDER0000000000000000000', { status: 'approved', 'reference-id': 'user-10001' }),
]
/** What the kept copy holds of them (lib/first-paint-snapshot.ts): ID, status, creation time. */
const KEPT = INQUIRIES.map(
  ({ type, id, attributes }) =>
    ({ type, id, attributes: { status: attributes.status, 'created-at': attributes['created-at'] } }) as PersonaInquiry,
)

/** An element tree as the eye sees its boxes: tags, classes, texts, icon sizes (not handlers or ARIA). */
function shape(node: Element): unknown {
  const own = [
    node.tagName.toLowerCase(),
    node.getAttribute('class') ?? '',
    node.getAttribute('width') ?? '',
    node.getAttribute('title') ?? '',
  ]
  const children = [...node.childNodes].flatMap((child) =>
    child.nodeType === 3
      ? [child.textContent]
      : child.nodeType === 1 && !(child as Element).classList.contains('sr-only') && (child as Element).tagName.toLowerCase() !== 'path'
        ? [shape(child as Element)]
        : [],
  )
  return [...own, children]
}

describe('popup first paint', () => {
  beforeEach(() => {
    fakeBrowser.reset()
    vi.spyOn(Date, 'now').mockReturnValue(NOW)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    useLocale('en')
    localStorage.clear()
    document.head.replaceChildren()
    document.body.replaceChildren()
    delete document.documentElement.dataset.appShown
  })

  it('should read the snapshot where the popup keeps it', async () => {
    await sessionSnapshot('inquiries', POPUP_PAGE_SIZE).write({
      items: INQUIRIES,
      cursor: null,
      tabs: POPUP_TAB_NAMES,
      fetched: { freshness: null, receivedAt: NOW },
    })
    const stored = await fakeBrowser.storage.session.get(FIRST_PAINT_SNAPSHOT_KEY)
    expect((stored[FIRST_PAINT_SNAPSHOT_KEY] as { items: PersonaInquiry[] }).items.map((s) => s.id)).toEqual([
      'inq_NEWEST000000000000000000',
      'inq_OLDER0000000000000000000',
    ])
  })

  it("should name the popup's tabs as the popup does, in its order, from the names kept with the rows, in English and German", () => {
    const tabs = (node: Element) =>
      [...node.querySelectorAll('[role=tab]')].map((tab) => [tab.textContent, tab.getAttribute('aria-selected')])
    for (const lang of ['en', 'de']) {
      useLocale(lang)
      const app = document.body.appendChild(document.createElement('div'))
      act(() =>
        render(
          <Tabs id="popup" label="" tabs={POPUP_TABS} selected={POPUP_TABS[0]!.key} onSelect={() => {}}>
            {null}
          </Tabs>,
          app,
        ),
      )
      const root = document.body.appendChild(document.createElement('div'))
      root.id = 'first-paint'
      keepFirstPaint(localStorage, { relay: 'https://relay.example.test', fetchedAt: NOW, items: INQUIRIES, tabs: POPUP_TAB_NAMES })
      void popupFirstPaint.main()
      expect(tabs(root), lang).toEqual(tabs(app))
      expect(tabs(root).length, lang).toBeGreaterThan(1)
      document.body.replaceChildren()
    }
  })

  it('should draw each row exactly as the app draws what is kept of it (ID, status, age), so only the rest fills in when the app takes over', () => {
    for (const items of [KEPT, INQUIRIES]) {
      const root = document.body.appendChild(document.createElement('div'))
      expect(paintFirst(root, { items, tabs: POPUP_TAB_NAMES }, NOW)).toBe(true)
      const painted = [...root.querySelectorAll<HTMLElement>('[data-testid=row]')]
      expect(painted.map((row) => row.dataset.id)).toEqual(['inq_NEWEST000000000000000000', 'inq_OLDER0000000000000000000'])
      const app = document.body.appendChild(document.createElement('div'))
      for (const [i, item] of KEPT.entries()) {
        act(() =>
          render(
            <WithVendorFacts>
              <InquiryRow item={item} onOpen={() => {}} />
            </WithVendorFacts>,
            app,
          ),
        )
        expect(shape(painted[i]!.firstElementChild!)).toEqual(shape(app.firstElementChild!))
      }
      // Statuses in their tones and words in the agent's language; never a reference ID, even from storage.session's fuller copy.
      expect(painted.map((row) => row.querySelector<HTMLElement>('[data-testid=status]')?.dataset.tone)).toEqual(['bad', 'good'])
      expect(painted[0]!.querySelector('time')?.textContent).toBe('3 min. ago')
      expect(root.textContent).not.toContain('user-35859')
      document.body.replaceChildren()
    }
  })

  it('should draw the kept first screen in the very task its script runs, nothing awaited, also after a browser restart (storage.session empty)', () => {
    const root = document.body.appendChild(document.createElement('div'))
    root.id = 'first-paint'
    const fetchedAt = NOW - 3 * 3600_000
    keepFirstPaint(localStorage, { relay: 'https://relay.example.test', fetchedAt, items: INQUIRIES, tabs: POPUP_TAB_NAMES })
    void popupFirstPaint.main()
    expect([...root.querySelectorAll<HTMLElement>('[data-testid=row]')].map((row) => row.dataset.id)).toEqual([
      'inq_NEWEST000000000000000000',
      'inq_OLDER0000000000000000000',
    ])
    // A copy kept overnight must not pass for this minute's list: its age, in the stale colour, until the app's rows replace it.
    const freshness = root.querySelector<HTMLElement>('[data-testid=freshness]')!
    expect(freshness.dataset.state).toBe('stale')
    expect(freshness.textContent).toBe(`Updated ${relativeTime(fetchedAt, NOW)} · refreshing…`)
  })

  /** Intl as the first open after a browser start must not touch it: any formatter built fails the test. */
  const forbidIntl = () =>
    vi.stubGlobal(
      'Intl',
      new Proxy(
        {},
        {
          get: (_, name) => {
            throw new Error(`Intl.${String(name)} used by the first paint`)
          },
        },
      ),
    )

  it('should write the words kept with the first screen as they are, building no Intl formatter (a first open after a browser start pays 150-215 ms for the first)', () => {
    const root = document.body.appendChild(document.createElement('div'))
    root.id = 'first-paint'
    // A language no other test formats in, so that no formatter is cached for it yet.
    useLocale('en', 'en-GB')
    const text: FirstPaintText = {
      lang: 'en-GB',
      relative: {
        now: 'kept now',
        past: { minute: { phrase: '{n} kept minutes ago', own: {}, upTo: 59 }, hour: { phrase: '{n} kept hours ago', own: {}, upTo: 23 } },
      },
      fetched: 'kept fetched time',
      rows: {
        inq_NEWEST000000000000000000: { created: 'kept created time' },
        inq_OLDER0000000000000000000: { created: 'older created time' },
      },
    }
    keepFirstPaint(localStorage, {
      relay: 'https://relay.example.test',
      fetchedAt: NOW - 3 * 3600_000,
      items: INQUIRIES,
      tabs: POPUP_TAB_NAMES,
      text,
    })
    forbidIntl()
    void popupFirstPaint.main()
    const rows = [...root.querySelectorAll<HTMLElement>('[data-testid=row]')]
    expect(rows.map((row) => row.dataset.id)).toEqual(['inq_NEWEST000000000000000000', 'inq_OLDER0000000000000000000'])
    expect(rows[0]!.querySelector('time')?.textContent).toBe('3 kept minutes ago')
    expect(rows[0]!.querySelector('time')?.getAttribute('title')).toBe('kept created time')
    const freshness = root.querySelector<HTMLElement>('[data-testid=freshness]')!
    expect(freshness.textContent).toBe('Updated 3 kept hours ago · refreshing…')
    expect(freshness.title).toContain('kept fetched time')
  })

  it('should draw each row exactly as the app draws it from the words kept by the page, without Intl, in English and German', () => {
    for (const lang of ['en', 'de']) {
      useLocale(lang)
      const fetchedAt = NOW - 90_000
      keepFirstPaint(localStorage, {
        relay: 'https://relay.example.test',
        fetchedAt,
        items: INQUIRIES,
        tabs: POPUP_TAB_NAMES,
        text: firstPaintText(INQUIRIES, fetchedAt),
      })
      const app = document.body.appendChild(document.createElement('div'))
      const expected = KEPT.map((item) => {
        act(() =>
          render(
            <WithVendorFacts>
              <InquiryRow item={item} onOpen={() => {}} />
            </WithVendorFacts>,
            app,
          ),
        )
        return shape(app.firstElementChild!)
      })
      const freshness = `${relativeTime(fetchedAt, NOW)}`
      const root = document.body.appendChild(document.createElement('div'))
      root.id = 'first-paint'
      forbidIntl()
      void popupFirstPaint.main()
      vi.unstubAllGlobals()
      const painted = [...root.querySelectorAll<HTMLElement>('[data-testid=row]')]
      expect(
        painted.map((row) => shape(row.firstElementChild!)),
        lang,
      ).toEqual(expected)
      expect(root.querySelector('[data-testid=freshness]')?.textContent, lang).toContain(freshness)
      document.body.replaceChildren()
    }
  })

  it('should format the words itself when they were kept in another language than the one shown now', () => {
    const root = document.body.appendChild(document.createElement('div'))
    useLocale('de')
    keepFirstPaint(localStorage, {
      relay: 'https://relay.example.test',
      fetchedAt: NOW,
      items: INQUIRIES,
      tabs: POPUP_TAB_NAMES,
      text: firstPaintText(INQUIRIES, NOW),
    })
    useLocale('en')
    root.id = 'first-paint'
    void popupFirstPaint.main()
    expect(root.querySelector('[data-testid=row] time')?.textContent).toBe('3 min. ago')
    expect(root.querySelector('[data-testid=row] time')?.getAttribute('title')).toBe(exactTime(Date.parse('2026-11-24T04:57:00Z')))
  })

  it("should fall back to the background's warm-up copy in storage.session when nothing is kept in localStorage", async () => {
    const root = document.body.appendChild(document.createElement('div'))
    root.id = 'first-paint'
    await sessionSnapshot('inquiries', POPUP_PAGE_SIZE).write({
      items: INQUIRIES,
      cursor: null,
      tabs: POPUP_TAB_NAMES,
      fetched: { freshness: null, receivedAt: NOW - 60_000 },
    })
    void popupFirstPaint.main()
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid=row]')).toHaveLength(2))
    expect(root.querySelector('[data-testid=freshness]')?.textContent).toBe(`Updated ${relativeTime(NOW - 60_000, NOW)} · refreshing…`)
  })

  it('should pass over a copy kept before the tabs were kept with it, for the warm-up copy in storage.session', async () => {
    const root = document.body.appendChild(document.createElement('div'))
    root.id = 'first-paint'
    // As the version before wrote it: no tabs.
    localStorage.setItem(
      FIRST_PAINT_STORAGE_KEY,
      JSON.stringify({
        relay: 'https://relay.example.test',
        fetchedAt: NOW,
        items: [{ type: 'inquiry', id: 'inq_KEPT_BEFORE', attributes: { status: 'approved' } }],
      }),
    )
    await sessionSnapshot('inquiries', POPUP_PAGE_SIZE).write({
      items: INQUIRIES,
      cursor: null,
      tabs: POPUP_TAB_NAMES,
      fetched: { freshness: null, receivedAt: NOW },
    })
    void popupFirstPaint.main()
    await vi.waitFor(() =>
      expect([...root.querySelectorAll<HTMLElement>('[data-testid=row]')].map((row) => row.dataset.id)).toEqual([
        'inq_NEWEST000000000000000000',
        'inq_OLDER0000000000000000000',
      ]),
    )
    expect(root.querySelectorAll('[role=tab]')).toHaveLength(POPUP_TAB_NAMES.length)
  })

  /** popup.html's first paint script as built (src/build/popup-html.ts), as `document.currentScript` while it runs. */
  function runAsBuilt(): void {
    const starter = Object.assign(document.createElement('script'), { src: '/popup-first-paint.js' })
    Object.assign(starter.dataset, {
      appModule: '/chunks/popup-A.js',
      appPreload: '/chunks/shared-B.js /chunks/search-C.js',
      appStyles: '/assets/shared-D.css',
    })
    vi.spyOn(document, 'currentScript', 'get').mockReturnValue(starter)
    void popupFirstPaint.main()
  }
  const appTags = () =>
    [...document.querySelectorAll<HTMLElement>('script[type=module], link[rel=modulepreload], link[rel=stylesheet]')].map((tag) => [
      tag.tagName.toLowerCase(),
      tag.getAttribute('src') ?? tag.getAttribute('href'),
      tag.getAttribute('crossorigin'),
      ...(tag.matches('link[rel=stylesheet]') ? [(tag as HTMLLinkElement).disabled] : []),
    ])

  /** Chromium's paint timing, played by the test: `show()` reports the first contentful paint as presented. */
  function fakePaintTiming() {
    const observing = new Set<(list: { getEntriesByName(name: string): unknown[] }) => void>()
    vi.stubGlobal(
      'PerformanceObserver',
      class {
        static supportedEntryTypes = ['paint']
        constructor(private readonly report: (list: { getEntriesByName(name: string): unknown[] }) => void) {}
        observe(options: { type: string; buffered: boolean }) {
          if (options.type === 'paint' && options.buffered) observing.add(this.report)
        }
        disconnect() {
          observing.delete(this.report)
        }
      },
    )
    return {
      show: () =>
        [...observing].forEach((report) => report({ getEntriesByName: (name) => (name === 'first-contentful-paint' ? [{ name }] : []) })),
      get observers() {
        return observing.size
      },
    }
  }

  it('should start the app the build names on its script once the kept rows are on screen: its preloads, then its module', () => {
    const paintTiming = fakePaintTiming()
    const root = document.body.appendChild(document.createElement('div'))
    root.id = 'first-paint'
    keepFirstPaint(localStorage, { relay: 'https://relay.example.test', fetchedAt: NOW, items: INQUIRIES, tabs: POPUP_TAB_NAMES })
    runAsBuilt()
    expect(root.querySelectorAll('[data-testid=row]')).toHaveLength(2)
    // Drawn, not yet shown: the app's loading waits, so that it does not hold the frame that shows the rows back.
    expect(appTags()).toEqual([])
    paintTiming.show()
    expect(paintTiming.observers).toBe(0)
    // crossorigin as Vite writes its own tags: a preload is used only by a request of the same mode. The inlined
    // sheet's link comes disabled: it is there for Vite's preload helper to find, not to load.
    expect(appTags()).toEqual([
      ['link', '/assets/shared-D.css', '', true],
      ['link', '/chunks/shared-B.js', ''],
      ['link', '/chunks/search-C.js', ''],
      ['script', '/chunks/popup-A.js', ''],
    ])
  })

  it('should start the app after 300 ms when the browser reports no paint of the kept rows (a popup hidden before it painted), and only once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const paintTiming = fakePaintTiming()
      const root = document.body.appendChild(document.createElement('div'))
      root.id = 'first-paint'
      keepFirstPaint(localStorage, { relay: 'https://relay.example.test', fetchedAt: NOW, items: INQUIRIES, tabs: POPUP_TAB_NAMES })
      runAsBuilt()
      vi.advanceTimersByTime(FIRST_PAINT_SHOWN_FALLBACK_MS - 1)
      expect(appTags()).toEqual([])
      vi.advanceTimersByTime(1)
      expect(appTags()).toHaveLength(4)
      expect(paintTiming.observers).toBe(0)
      paintTiming.show()
      expect(appTags()).toHaveLength(4)
    } finally {
      vi.useRealTimers()
    }
  })

  it('should start the app at once when drawing fails, and when nothing is kept (the warm-up copy answers later)', () => {
    fakePaintTiming()
    const root = document.body.appendChild(document.createElement('div'))
    root.id = 'first-paint'
    keepFirstPaint(localStorage, { relay: 'https://relay.example.test', fetchedAt: NOW, items: INQUIRIES, tabs: POPUP_TAB_NAMES })
    const lookup = vi.spyOn(document, 'getElementById').mockImplementation(() => {
      throw new Error('drawing failed')
    })
    expect(runAsBuilt).toThrow('drawing failed')
    expect(appTags()).toHaveLength(4)
    lookup.mockRestore()
    document.head.replaceChildren()
    document.body.replaceChildren(root)
    localStorage.clear()
    runAsBuilt()
    expect(root.hasChildNodes()).toBe(false)
    expect(appTags()).toHaveLength(4)
  })

  it('should start nothing when the page has its own module tag (popup.html as the dev server serves it)', () => {
    vi.spyOn(document, 'currentScript', 'get').mockReturnValue(document.createElement('script'))
    void popupFirstPaint.main()
    expect(appTags()).toEqual([])
  })

  it("should draw the search box without a form, whose fields Chromium's autofill would lay out before the rows' frame", () => {
    const root = document.body.appendChild(document.createElement('div'))
    expect(paintFirst(root, { items: INQUIRIES, tabs: POPUP_TAB_NAMES }, NOW)).toBe(true)
    expect(root.querySelector('.lookup input[type=search]')).not.toBeNull()
    expect(root.querySelector('form')).toBeNull()
  })

  it('should draw nothing from a copy that names no tabs (kept before they were) or a tab this version has no words for: no row may move when the app takes over', () => {
    const root = document.body.appendChild(document.createElement('div'))
    for (const tabs of [undefined, [], ['tabInquiries', 'tabNoSuchList']])
      expect(paintFirst(root, { items: INQUIRIES, tabs: tabs as never }, NOW), JSON.stringify(tabs)).toBe(false)
    expect(root.hasChildNodes()).toBe(false)
    expect(paintFirst(root, { items: INQUIRIES, tabs: ['tabInquiries'] }, NOW)).toBe(true)
  })

  it('should paint nothing without a snapshot, or once the app is shown', () => {
    const root = document.body.appendChild(document.createElement('div'))
    expect(paintFirst(root, null, NOW)).toBe(false)
    expect(paintFirst(root, { items: [], tabs: POPUP_TAB_NAMES }, NOW)).toBe(false)
    document.documentElement.dataset.appShown = ''
    expect(paintFirst(root, { items: INQUIRIES, tabs: POPUP_TAB_NAMES }, NOW)).toBe(false)
    expect(root.hasChildNodes()).toBe(false)
  })

  it('should keep the app hidden behind the first paint until its list shows more than a skeleton, then swap in one go', async () => {
    const firstPaint = document.body.appendChild(document.createElement('div'))
    const app = document.body.appendChild(document.createElement('div'))
    paintFirst(firstPaint, { items: INQUIRIES, tabs: POPUP_TAB_NAMES }, NOW)
    handOver(firstPaint, app)
    app.innerHTML = '<div role="tabpanel"><div data-testid="list"><div data-testid="skeleton"></div></div></div>'
    await Promise.resolve()
    expect(app.hidden).toBe(true)
    expect(firstPaint.isConnected).toBe(true)
    app.querySelector('[data-testid=list]')!.innerHTML =
      '<ul class="rows"><li data-testid="row" data-id="inq_NEWEST000000000000000000"></li></ul>'
    await Promise.resolve()
    expect(app.hidden).toBe(false)
    expect(firstPaint.isConnected).toBe(false)
    expect(document.querySelectorAll('[data-testid=row]')).toHaveLength(1)
    // A snapshot read that answers late paints nothing over the app.
    expect(paintFirst(document.body.appendChild(document.createElement('div')), { items: INQUIRIES, tabs: POPUP_TAB_NAMES }, NOW)).toBe(
      false,
    )
  })

  it('should show the app at once when nothing was painted first', () => {
    const firstPaint = document.body.appendChild(document.createElement('div'))
    const app = document.body.appendChild(document.createElement('div'))
    handOver(firstPaint, app)
    expect(app.hidden).toBe(false)
    expect(firstPaint.isConnected).toBe(false)
  })
})

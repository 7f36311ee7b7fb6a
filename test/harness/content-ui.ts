import type { CDPSession, Page } from 'playwright-core'
import { hoverUntilCard, type Point } from './hover-until-card.ts'
import { markBoxesIn, trackContexts, type MarkBox } from './mark-boxes.ts'
import { pollUntil } from './poll.ts'
import { WAIT } from './wait.ts'

/*
The inline-lookups UI lives in a closed shadow root: the page (and so Playwright's locators, which
run in the page's world) cannot reach it. The content script keeps a handle on its root in its own
isolated world (`__idvLens.ui`); CDP can evaluate there, like the extension itself sees the UI.
Reads go through that world; clicks and keys go through Playwright's real input (trusted events,
as the agent's), at the element's place on screen.
*/

/** What one element of our UI looks like from the content script's world. */
export type UiElement = {
  text: string
  attrs: Record<string, string>
  box: { x: number; y: number; width: number; height: number }
  focused: boolean
}

export type ContentUi = {
  /** Evaluates `expression` in the content script's world of the top frame, with `root` bound to our shadow root (null until it exists). */
  evaluate<T>(expression: string): Promise<T>
  /** The first element matching `selector` inside our shadow root, or null. */
  find(selector: string): Promise<UiElement | null>
  /** Every element matching `selector`, in document order. */
  findAll(selector: string): Promise<UiElement[]>
  /** Waits until `selector` is there (or gone, with `state: 'detached'`). */
  waitFor(selector: string, options?: { state?: 'attached' | 'detached'; timeout?: number }): Promise<UiElement | null>
  /** Clicks the element's centre with the real mouse (a trusted click), once it is shown and enabled. */
  click(selector: string): Promise<void>
  /**
   * Moves the real mouse onto `spot()` from a little to its left, as the agent's, once the controls follow
   * the pointer, and again (the spot measured anew) until a card is open: see `hoverUntilCard`.
   */
  hover(spot: () => Promise<Point>): Promise<void>
  /** The focused element of our UI: its data-testid and data-id, and whether it is inside the card. */
  focused(): Promise<{ testId: string | null; id: string | null; inCard: boolean } | null>
  /** The boxes our marks are drawn as in the top frame, with the page's text under each ([] before the first). */
  markBoxes(): Promise<MarkBox[]>
  detach(): Promise<void>
}

const DESCRIBE = `(el) => {
  const r = el.getBoundingClientRect()
  return {
    text: el.textContent ?? '',
    attrs: Object.fromEntries(Array.from(el.attributes, (a) => [a.name, a.value])),
    box: { x: r.x, y: r.y, width: r.width, height: r.height },
    focused: el.getRootNode().activeElement === el,
  }
}`

/** Attach before `page.goto` so the content script's world is seen as it is created. */
export async function attachContentUi(page: Page): Promise<ContentUi> {
  const cdp: CDPSession = await page.context().newCDPSession(page)
  const contexts = await trackContexts(cdp)
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }
  const topFrame = frameTree.frame.id

  async function evaluate<T>(expression: string): Promise<T> {
    // The newest isolated world of the top frame that holds our hooks (after an update there may be
    // two); our root comes with the controls, so a frame without IDs has hooks but no root.
    const worlds = contexts.filter((c) => c.auxData?.type === 'isolated' && c.auxData.frameId === topFrame).reverse()
    for (const ctx of worlds) {
      const res = (await cdp
        .send('Runtime.evaluate', {
          contextId: ctx.id,
          // A promise the expression yields is awaited.
          expression: `(async () => { const hooks = globalThis.__idvLens; if (!hooks) return { missing: true }; const root = hooks.ui ?? null; return { value: await (${expression}) } })()`,
          returnByValue: true,
          awaitPromise: true,
        })
        .catch(() => null)) as { result?: { value?: { missing?: true; value?: T } }; exceptionDetails?: { text: string } } | null
      if (res?.exceptionDetails) throw new Error(res.exceptionDetails.text)
      const out = res?.result?.value
      if (out && !out.missing) return out.value as T
    }
    throw new Error('Inline lookups are not in this page (no content script world holds their hooks)')
  }

  const find = (selector: string) =>
    evaluate<UiElement | null>(
      `(() => { const el = root.querySelector(${JSON.stringify(selector)}); return el ? (${DESCRIBE})(el) : null })()`,
    ).catch(() => null)

  return {
    evaluate,
    find,
    findAll: (selector) =>
      evaluate<UiElement[]>(`Array.from(root.querySelectorAll(${JSON.stringify(selector)}), ${DESCRIBE})`).catch(() => []),
    async waitFor(selector, { state = 'attached', timeout = WAIT.timeout } = {}) {
      return pollUntil(
        () => find(selector),
        (el) => (state === 'attached' ? el !== null : el === null),
        { timeoutMs: timeout, what: `${selector} ${state} in the inline-lookups UI` },
      )
    },
    async click(selector) {
      // As Playwright's own click: a disabled control (still asking the background) would drop it, and so
      // does one of the card's aria-disabled ones (kept focusable so every answer has the same controls).
      const clickable = (e: UiElement | null) =>
        e !== null && e.box.width > 0 && !('disabled' in e.attrs) && e.attrs['aria-disabled'] !== 'true'
      const el = await pollUntil(() => find(selector), clickable, { what: `${selector} to click, shown and enabled` })
      await page.mouse.click(el!.box.x + el!.box.width / 2, el!.box.y + el!.box.height / 2)
    },
    async hover(spot) {
      // The controls (and their pointer handling) come a moment after the marks: a pointer that moved
      // before them and then rests shows nothing until it moves again.
      await pollUntil(
        () => find('[data-testid="launcher"]'),
        (el) => el !== null,
        { timeoutMs: WAIT.timeout, what: 'the controls, to hover' },
      )
      await hoverUntilCard(page, { spot, cardOpen: async () => (await find('[data-testid="card"]')) !== null })
    },
    focused: () =>
      evaluate<{ testId: string | null; id: string | null; inCard: boolean } | null>(`(() => {
        const a = root.activeElement
        return a ? { testId: a.dataset.testid ?? null, id: a.dataset.id ?? null, inCard: !!a.closest('[data-testid="card"]') } : null
      })()`).catch(() => null),
    markBoxes: async () => (await markBoxesIn(cdp, contexts, topFrame)) ?? [],
    detach: () => cdp.detach().catch(() => {}),
  }
}

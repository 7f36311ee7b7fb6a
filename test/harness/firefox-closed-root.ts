import type { Frame, Page } from 'puppeteer-core'
import { MARKS_TAG } from '../../extension/src/content/marks/mark-layer.ts'
import { hoverUntilCard, type Point } from './hover-until-card.ts'
import { READ_MARK_BOXES, type MarkBox } from './mark-boxes.ts'
import { pollUntil } from './poll.ts'
import { WAIT } from './wait.ts'

/*
Our UI and marks live in closed shadow roots the page cannot reach. In Firefox, WebDriver BiDi can:
a node serialized with includeShadowTree "all" names its closed root, which a call then takes as an
argument, in the page's realm.
*/

/** A BiDi `script.callFunction` answer (EvaluateResult) and the remote values it holds. */
export type Remote = { type: string; sharedId?: string; value?: unknown }
type CoreRealm = { callFunction(fn: string, awaitPromise: boolean, options: object): Promise<{ type: string; result?: Remote }> }

/** Calls `fn` (a function's source) with the closed shadow root of our element `tag` and `args`; null while there is no such root. */
export async function inClosedRoot(frame: Frame, tag: string, fn: string, args: object[] = []): Promise<Remote | null> {
  // Puppeteer's BiDi realm of the frame (internal): its callFunction takes BiDi's serialization options.
  const realm = (frame as unknown as { mainRealm(): { realm: CoreRealm } }).mainRealm().realm
  const host = await realm.callFunction(`() => document.querySelector(${JSON.stringify(tag)})`, false, {
    serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
    resultOwnership: 'none',
  })
  const rootId = (host.result?.value as { shadowRoot?: Remote | null } | undefined)?.shadowRoot?.sharedId
  if (!rootId) return null
  return (await realm.callFunction(fn, false, { arguments: [{ sharedId: rootId }, ...args], resultOwnership: 'none' })).result ?? null
}

/** The boxes our marks are drawn as in a frame, each with the page's text under it. */
export async function marksIn(frame: Frame): Promise<MarkBox[]> {
  const json = await inClosedRoot(frame, MARKS_TAG, READ_MARK_BOXES)
  return typeof json?.value === 'string' ? (JSON.parse(json.value) as MarkBox[]) : []
}

/** The ID of the card open in a frame's UI, or null. */
export async function openCardIn(frame: Frame): Promise<string | null> {
  const found = await inClosedRoot(frame, 'idv-lens-ui', `(root) => root.querySelector('[data-testid="card"]')?.dataset.id ?? null`)
  return typeof found?.value === 'string' ? found.value : null
}

/**
 * Hovers `spot()` with the real mouse until a card opens (see hoverUntilCard), once the controls of
 * `frame` (the one under the point) follow the pointer: they come a moment after its marks.
 */
export async function hover(page: Page, frame: Frame, spot: () => Promise<Point>): Promise<void> {
  const launcher = () => inClosedRoot(frame, 'idv-lens-ui', `(root) => root.querySelector('[data-testid="launcher"]') !== null`)
  await pollUntil(launcher, (found) => found?.value === true, { timeoutMs: WAIT.timeout, what: 'the controls, to hover' })
  await hoverUntilCard(page, { spot, cardOpen: async () => (await openCardIn(frame)) !== null })
}

/** The text of a button of `id`'s card (by its data-testid), or null while there is none. */
export async function cardText(page: Page, id: string, testId: string): Promise<string | null> {
  const found = await inClosedRoot(
    page.mainFrame(),
    'idv-lens-ui',
    `(root, id, testId) => root.querySelector('[data-testid="card"][data-id="' + id + '"] [data-testid="' + testId + '"]')?.textContent ?? null`,
    [
      { type: 'string', value: id },
      { type: 'string', value: testId },
    ],
  )
  return typeof found?.value === 'string' ? found.value : null
}

/** The centre of a button of `id`'s card (by its data-testid), or null while there is none. */
export async function cardButton(page: Page, id: string, testId: string): Promise<{ x: number; y: number } | null> {
  const found = await inClosedRoot(
    page.mainFrame(),
    'idv-lens-ui',
    `(root, id, testId) => {
      // Only once the card has its answer: the answer changes the card's layout, and a click at the
      // button's place from before it can miss (a busy machine lets the answer land in between).
      const card = root.querySelector('[data-testid="card"][data-id="' + id + '"]')
      const button = card && !card.querySelector('[aria-busy="true"]') ? card.querySelector('[data-testid="' + testId + '"]') : null
      if (!button) return null
      const r = button.getBoundingClientRect()
      return r.width > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null
    }`,
    [
      { type: 'string', value: id },
      { type: 'string', value: testId },
    ],
  )
  if (found?.type !== 'object') return null
  const entries = Object.fromEntries((found.value as [string, { value: number }][]).map(([k, v]) => [k, v.value]))
  return { x: entries.x!, y: entries.y! }
}

/** An attribute of the element `testId` in `id`'s card, or null while there is none. */
export async function cardAttribute(page: Page, id: string, testId: string, name: string): Promise<string | null> {
  const found = await inClosedRoot(
    page.mainFrame(),
    'idv-lens-ui',
    `(root, id, testId, name) => root.querySelector('[data-testid="card"][data-id="' + id + '"] [data-testid="' + testId + '"]')?.getAttribute(name) ?? null`,
    [
      { type: 'string', value: id },
      { type: 'string', value: testId },
      { type: 'string', value: name },
    ],
  )
  return typeof found?.value === 'string' ? found.value : null
}

/** The computed background and text colours of `id`'s card once it has its answer, or null before. */
export async function cardColours(page: Page, id: string): Promise<{ bg: string; fg: string } | null> {
  const found = await inClosedRoot(
    page.mainFrame(),
    'idv-lens-ui',
    `(root, id) => {
      const card = root.querySelector('[data-testid="card"][data-id="' + id + '"]')
      if (!card || card.querySelector('[data-testid="status"][data-tone="pending"]')) return null
      const style = getComputedStyle(card)
      return JSON.stringify({ bg: style.backgroundColor, fg: style.color })
    }`,
    [{ type: 'string', value: id }],
  )
  return typeof found?.value === 'string' ? (JSON.parse(found.value) as { bg: string; fg: string }) : null
}

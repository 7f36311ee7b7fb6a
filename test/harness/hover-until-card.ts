import { pollUntil } from './poll.ts'
import { WAIT } from './wait.ts'

export type Point = { x: number; y: number }
/** A Playwright or Puppeteer page: both move the real mouse the same way. */
type PointerPage = { mouse: { move(x: number, y: number, options?: { steps?: number }): Promise<void> } }

/** How long one try waits for its card: hover opens one after a moment, which a busy machine stretches. */
const TRY_MS = 10_000

/**
 * Moves the real mouse onto `spot()` from 30 px to its left, as the agent's, until `cardOpen()` holds.
 * The spot is measured again at each try: the tab may reflow meanwhile (the side panel narrows it,
 * marks and answers move text), and a pointer resting where the text was opens no card. Each try waits
 * up to 10 s for a card, the whole at most WAIT.timeout; a timeout names every point it tried.
 */
export async function hoverUntilCard(
  page: PointerPage,
  { spot, cardOpen }: { spot: () => Promise<Point>; cardOpen: () => Promise<boolean> },
): Promise<void> {
  const until = Date.now() + WAIT.timeout
  const tries: Point[] = []
  const oneTry = async () => {
    const { x, y } = await spot()
    tries.push({ x: Math.round(x), y: Math.round(y) })
    await page.mouse.move(x - 30, y)
    await page.mouse.move(x, y, { steps: 3 })
    const timeoutMs = Math.max(0, Math.min(TRY_MS, until - Date.now()))
    return pollUntil(cardOpen, (open) => open, { timeoutMs, what: 'a card' }).then(
      () => true,
      () => false,
    )
  }
  await pollUntil(oneTry, (open) => open, { timeoutMs: WAIT.timeout, what: 'a card to open under the pointer' }).catch((err: unknown) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}, tried at ${JSON.stringify(tries)}`)
  })
}

/*
The origin-fallback entry's one question to the background (may inline lookups start in this frame?)
fails only when nothing answers: the service worker is (re)starting, or the injection it answers with
failed while the frame was still committing. Asked once, such a frame would stay unread until a reload,
so it asks again after short waits; a second injection is harmless (script-guard.ts claimFrame). The
extension being updated or removed ends the asking: nothing would answer again.
*/

/** Waits between tries: quick first (a service worker starts in well under a second), ~16 s in all. */
export const FALLBACK_ASK_DELAYS_MS: readonly number[] = [250, 500, 1_000, 2_000, 4_000, 8_000]

export type AskDeps = {
  /** Resolves after `ms` (tests pass a virtual clock's). */
  wait?: (ms: number) => Promise<void>
  /** Whether this copy's extension is still there (an update or removal disconnects it for good). */
  connected: () => boolean
  delays?: readonly number[]
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** `ask`'s answer, asked again after each delay while it fails; null once the delays are spent or the extension is gone. */
export async function askUntilAnswered<T>(
  ask: () => Promise<T>,
  { wait = realWait, connected, delays = FALLBACK_ASK_DELAYS_MS }: AskDeps,
): Promise<T | null> {
  for (let attempt = 0; ; attempt++) {
    if (!connected()) return null
    try {
      return await ask()
    } catch {
      if (attempt >= delays.length) return null
      await wait(delays[attempt]!)
    }
  }
}

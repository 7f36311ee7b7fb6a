import { useEffect, useState } from 'preact/hooks'
import type { WatchToggle as Outcome } from '../lib/messages.ts'
import { WATCH_CAP, type WatchSeen } from '../lib/watches.ts'
import { t } from '../lib/i18n.ts'

type Props = {
  id: string
  /** What the agent sees now: the baseline a later change is told against. */
  seen?: WatchSeen
  /** Whether the ID is watched (asked of the background). */
  read: (id: string) => Promise<boolean>
  write: (id: string, on: boolean, seen?: WatchSeen) => Promise<Outcome>
  /** `small` in the side panel's header row, as its other buttons there. */
  small?: boolean
  /**
   * The card's: the button is there before the answer (`available` false until the ID is found) and
   * stays focusable while it cannot act (aria-disabled, not disabled), so the card's controls and
   * their focus are the same whatever the status.
   */
  inCard?: { available: boolean }
}

/**
 * Watch / Watching: a toggle button (aria-pressed). A watched ID's change of status or case raises a
 * browser notification. At the cap a new watch is refused and the button says so.
 */
export function WatchToggle({ id, seen, read, write, small = false, inCard }: Props) {
  const [watching, setWatching] = useState<boolean | null>(null)
  const [full, setFull] = useState(false)
  const available = inCard?.available ?? true
  useEffect(() => {
    if (!available) return setWatching(null)
    let current = true
    // Asked in a promise: a background that cannot answer leaves the button usable, not a thrown render.
    Promise.resolve(id)
      .then(read)
      .then(
        (on) => current && setWatching(on),
        () => current && setWatching(false),
      )
    return () => {
      current = false
    }
  }, [id, available])
  const toggle = async () => {
    if (watching === null) return
    const outcome = await Promise.resolve()
      .then(() => write(id, !watching, seen))
      .catch(() => null)
    if (!outcome) return
    setWatching(outcome.watching)
    setFull(outcome.full)
  }
  return (
    <>
      <button
        type="button"
        class={small ? 'small watch-toggle' : 'watch-toggle'}
        aria-pressed={watching === true}
        disabled={!inCard && watching === null}
        aria-disabled={inCard && watching === null ? 'true' : undefined}
        onClick={() => void toggle()}
        title={t('watchTitle')}
        data-testid="watch-toggle"
        data-watching={watching === true || undefined}
      >
        <span aria-hidden="true">{watching ? '★ ' : '☆ '}</span>
        {watching ? t('watchOn') : t('watchOff')}
      </button>
      {full && (
        <span class="watch-full" role="status" data-testid="watch-full">
          {t('watchFull', WATCH_CAP)}
        </span>
      )}
    </>
  )
}

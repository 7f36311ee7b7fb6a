import type { MutableRef } from 'preact/hooks'
import { useEffect, useRef, useState } from 'preact/hooks'
import { MAX_DISTINCT_IDS, type PageId } from '../../content/marks/mark-store.ts'
import { UI_TAG } from '../../content/ui-tag.ts'
import type { UiActions, UiModel } from '../../content/card/ui-model.ts'
import type { LookupOf } from './lookup-signals.ts'
import { StatusText } from './StatusText.tsx'
import { answeredKindLabel } from '../../lib/uuid-owner.ts'
import { answerOf } from '../../content/lookups/lookup-queue.ts'
import { formatNumber, t } from '../../lib/i18n.ts'

type Props = {
  model: UiModel
  actions: UiActions
  lookupOf: LookupOf
  /** Filled in by the list: focuses its current row (the card's Esc comes back here). */
  focusRow: MutableRef<(() => void) | null>
  focusLauncher: () => void
}

/**
 * "IDs on this page": one row per distinct ID. Arrow keys move between rows (one tab stop for the
 * whole list), and each row the focus lands on is shown in the page: scrolled to, ringed, its card
 * previewed next to it. The row the list opens on is shown with nothing scrolled (the keyboard
 * command opens the list, and a page hears every scroll). Enter moves into that card; Esc closes
 * the list and gives focus back.
 */
export function IdList({ model, actions, lookupOf, focusRow, focusLauncher }: Props) {
  const ids = model.ids.value
  const close = useCloseGivingFocusBack(actions, focusLauncher)
  const { index, rows, quietFocus, openingFocus, setActive, onKeyDown } = useRowFocus(ids.length, model, focusRow, close)

  const capped = model.capped.value
  return (
    <section class="panel" role="dialog" aria-label={t('idListTitle')} data-testid="id-list" onKeyDown={onKeyDown}>
      <header class="panel-head">
        <h2>
          {t('idListTitle')} <span class="muted">({formatNumber(ids.length)})</span>
        </h2>
        <button type="button" class="icon" aria-label={t('closeList')} onClick={close}>
          ×
        </button>
      </header>
      {capped && <p class="panel-note">{capped === 'ids' ? t('cappedIds', MAX_DISTINCT_IDS) : t('cappedRate')}</p>}
      <ul class="rows" ref={rows}>
        {ids.map((p, i) => (
          <IdRow
            key={p.key}
            id={p}
            lookupOf={lookupOf}
            tabbable={i === index}
            onFocus={() => {
              setActive(i)
              if (!quietFocus.current) actions.previewRow(p.key, !openingFocus.current)
            }}
            onClick={() => {
              setActive(i)
              actions.pickRow(p.key)
            }}
          />
        ))}
      </ul>
      <p class="panel-note muted">{t('idListKeys')}</p>
    </section>
  )
}

/**
 * One tab stop for the whole list: the row in focus, the arrow keys, Home and End between rows,
 * Esc to close, and the focus the card's Esc gives back.
 */
function useRowFocus(count: number, model: UiModel, focusRow: Props['focusRow'], close: () => void) {
  const [active, setActive] = useState(0)
  const rows = useRef<HTMLUListElement>(null)

  const index = Math.min(active, Math.max(0, count - 1))
  const focusAt = (i: number) => {
    const row = rows.current?.querySelectorAll<HTMLButtonElement>('button.row')[i]
    if (!row || !rows.current) return
    row.focus({ preventScroll: true })
    showInBox(rows.current, row)
  }
  // Focus coming back from the card (Esc) must not preview the card again: Esc closed it.
  const quietFocus = useRef(false)
  focusRow.current = () => {
    // focus() runs the row's focus handler before it returns; no event (already focused, empty
    // list) must not leave the flag set for the next real focus.
    quietFocus.current = true
    focusAt(index)
    quietFocus.current = false
  }

  // On open, and again each time the keyboard command asks for the list: its row shown, nothing scrolled.
  const openingFocus = useRef(false)
  useEffect(() => {
    openingFocus.current = true
    focusAt(index)
    openingFocus.current = false
  }, [model.focusList.value])

  const onKeyDown = (e: KeyboardEvent) => {
    const last = count - 1
    const move = { ArrowDown: Math.min(index + 1, last), ArrowUp: Math.max(index - 1, 0), Home: 0, End: last }[e.key]
    if (move !== undefined) {
      e.preventDefault()
      setActive(move)
      focusAt(move)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      close()
    }
  }
  return { index, rows, quietFocus, openingFocus, setActive, onKeyDown }
}

/** Scrolls our list's own box so `row` shows in it: focus moves with preventScroll, which must not scroll the page. */
function showInBox(box: HTMLElement, row: HTMLElement): void {
  const outer = box.getBoundingClientRect()
  const inner = row.getBoundingClientRect()
  if (inner.top < outer.top) box.scrollTop -= outer.top - inner.top
  else if (inner.bottom > outer.bottom) box.scrollTop += inner.bottom - outer.bottom
}

/**
 * Closes the list and gives focus back to the page element that had it before the keyboard
 * command opened the list, or to the launcher when that element is gone.
 */
function useCloseGivingFocusBack(actions: UiActions, focusLauncher: () => void): () => void {
  const opener = useRef<Element | null>(null)
  useEffect(() => {
    const focused = document.activeElement
    opener.current = focused && focused.localName !== UI_TAG && focused !== document.body ? focused : null
  }, [])
  return () => {
    const back = opener.current
    actions.closeList()
    if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true })
    else focusLauncher()
  }
}

/** One ID of the list with its lookup status; the row alone re-renders when its answer arrives. */
function IdRow({
  id,
  lookupOf,
  tabbable,
  onFocus,
  onClick,
}: {
  id: PageId
  lookupOf: LookupOf
  tabbable: boolean
  onFocus: () => void
  onClick: () => void
}) {
  const state = lookupOf(id.key).value
  return (
    <li>
      <button
        type="button"
        class="row"
        tabIndex={tabbable ? 0 : -1}
        data-testid="id-row"
        data-id={id.id}
        onFocus={onFocus}
        onClick={onClick}
      >
        <span class="mono row-id">{id.id}</span>
        <span class="row-meta">
          {answeredKindLabel(id.kind, answerOf(state))} · <StatusText state={state} />
        </span>
      </button>
    </li>
  )
}

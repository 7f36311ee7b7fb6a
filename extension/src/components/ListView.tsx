import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { Listed, ListKind } from '../stores/list-sources.ts'
import type { ListStore } from '../stores/list-store.ts'
import { lazyComponent } from './lazy.ts'
import { Skeleton } from './Skeleton.tsx'
import { SwapLabel } from './SwapLabel.tsx'
import { t, type MessageKey } from '../lib/i18n.ts'

type Props<T extends Listed> = {
  list: ListStore<T>
  renderRow: (item: T) => ComponentChildren
  /** Which list: names it in its messages (`listEmpty_<key>`, `listNoMatch_<key>`, `list_<key>` in messages.json). */
  kind: ListKind
  /** Side panel: "Load more" and infinite scroll. The popup shows one page. */
  paged?: boolean
}

/** A failure's banner or the stale-copy notice: its code and words load when one is shown. */
export const Notices = lazyComponent(() => import('./ErrorBanner.tsx').then((m) => m.Notices))

/**
 * Loads the next page when the end of the rows scrolls into view in their box (the button, under the
 * box, stays for keyboards). The box is the observer's root: its margin reaches past the box's clip.
 */
function useLoadOnVisible(enabled: boolean, load: () => void) {
  const box = useRef<HTMLDivElement>(null)
  const sentinel = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const node = sentinel.current
    if (!enabled || !node || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && load(), {
      root: box.current,
      rootMargin: '120px',
    })
    observer.observe(node)
    return () => observer.disconnect()
  }, [enabled, load])
  return { box, sentinel }
}

/**
 * After Retry or Refresh inside the list, the button pressed may be gone (the banner goes once rows
 * load): focus moves to the first row, or the list itself, instead of dropping to the page body.
 */
function useFocusAfterRetry(status: string, itemCount: number) {
  const root = useRef<HTMLDivElement>(null)
  const pending = useRef(false)
  useEffect(() => {
    const node = root.current
    if (!pending.current || !node || status === 'loading' || status === 'idle') return
    pending.current = false
    if (node.contains(document.activeElement)) return
    ;(node.querySelector<HTMLElement>('.rows button, [data-testid=retry]') ?? node).focus()
  }, [status, itemCount])
  const arm = () => (pending.current = root.current?.contains(document.activeElement) ?? false)
  return { root, arm }
}

/** Any of the three lists: skeleton, rows, empty state, failures, paging. Never renders nothing. */
export function ListView<T extends Listed>({ list, renderRow, kind, paged = false }: Props<T>) {
  const items = list.items.value
  const status = list.status.value
  const error = list.error.value
  const filtered = Object.keys(list.filters.value).length > 0
  // Infinite scroll stops at a failure, so a failing page is not requested over and over.
  const paging = useLoadOnVisible(paged && list.hasMore.value && status === 'ready' && !error, list.loadMore)
  const focus = useFocusAfterRetry(status, items.length)

  return (
    <div
      class="list"
      data-testid="list"
      data-kind={kind}
      aria-busy={status === 'loading' || status === 'more'}
      ref={focus.root}
      tabIndex={-1}
    >
      {/* The side panel scrolls the rows in this box: a page arriving grows what it scrolls, nothing around it. */}
      <div class="list-box" ref={paging.box}>
        {(error || (items.length > 0 && list.fetched.value?.freshness?.staleIfError)) && (
          <Notices
            error={error}
            fetched={items.length ? list.fetched.value : null}
            onRetry={() => {
              focus.arm()
              list.retry()
            }}
            onRefresh={() => {
              focus.arm()
              void list.load(true)
            }}
          />
        )}
        {/* Skeletons only before a first answer: while a failed list asks again, its banner stays alone. */}
        {items.length === 0 && !error && (status === 'loading' || status === 'idle') && <Skeleton rows={paged ? 8 : 5} />}
        {items.length === 0 && status === 'ready' && !error && (
          <p class="empty" data-testid="empty">
            {t((filtered ? `listNoMatch_${kind}` : `listEmpty_${kind}`) as MessageKey)}
          </p>
        )}
        {items.length > 0 && (
          <ul class="rows" aria-label={t(`list_${kind}` as MessageKey)}>
            {items.map((item) => (
              <li key={item.id} data-testid="row" data-id={item.id}>
                {renderRow(item)}
              </li>
            ))}
          </ul>
        )}
        {paged && <div class="list-end" ref={paging.sentinel} aria-hidden="true" />}
      </div>
      {paged && <MoreRow list={list} />}
    </div>
  )
}

/**
 * Under the rows' box, its height kept from the first paint: "Load more" (the same width while it
 * says "Loading…"), the list's end, or nothing yet. Rows arriving never move it.
 */
function MoreRow<T extends Listed>({ list }: { list: ListStore<T> }) {
  const status = list.status.value
  const shown = list.items.value.length > 0
  return (
    <div class="more">
      {shown && list.hasMore.value && (
        <button type="button" onClick={() => void list.loadMore()} disabled={status !== 'ready'} data-testid="load-more">
          <SwapLabel label={t('loadMore')} swap={t('loading')} swapped={status === 'more'} />
        </button>
      )}
      {shown && !list.hasMore.value && status === 'ready' && (
        <p class="end" data-testid="end-of-list">
          {t('endOfList')}
        </p>
      )}
    </div>
  )
}

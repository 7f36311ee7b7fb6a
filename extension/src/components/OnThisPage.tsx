import type { RefObject } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { ReadonlySignal } from '@preact/signals'
import { vendorOfKind, type IdKind } from '@idv-lens/shared/ids'
import type { PageIdsStore } from '../stores/page-ids-store.ts'
import type { PageIdStatus } from '../stores/page-id-statuses.ts'
import { Badge, StatusBadge } from './StatusBadge.tsx'
import type { PageId } from '../lib/messages.ts'
import { kindLabel } from '../lib/kind-label.ts'
import { t } from '../lib/i18n.ts'

/**
 * The popup's "On this page": IDs the content script found on the current tab (each opens its
 * detail), and what the agent can do about inline lookups there: find the IDs now, always run on
 * the site, or stop on a site enabled before. Helpdesks need neither; some pages no extension may read.
 */
export function OnThisPage({
  store,
  statuses,
  kinds,
  onOpen,
}: {
  store: PageIdsStore
  statuses?: ReadonlySignal<ReadonlyMap<string, PageIdStatus>>
  kinds?: ReadonlySignal<ReadonlyMap<string, IdKind>>
  onOpen: (id: string) => void
}) {
  const section = useRef<HTMLElement>(null)
  const ids = store.ids.value
  const status = store.status.value
  const busy = store.busy.value
  useFocusAfterAction(section, busy)

  return (
    <section class="on-page" aria-labelledby="on-page-title" aria-busy={busy !== null} data-testid="on-this-page" ref={section}>
      <h2 id="on-page-title" tabIndex={-1}>
        {status === 'ready' && ids.length > 0 ? t('onPageTitleCount', ids.length) : t('onPageTitle')}
      </h2>
      <PageState store={store} />
      <PageActions store={store} />
      <p class="page-notice" role="status" data-testid="on-this-page-notice">
        {store.notice.value}
      </p>
      {ids.length > 0 && (
        <PageIdList ids={ids} statuses={statuses?.value ?? NO_STATUSES} kinds={kinds?.value ?? NO_KINDS} onOpen={onOpen} />
      )}
    </section>
  )
}

/**
 * A finished action can remove the button that had focus ("Find IDs" once they are found):
 * keep the keyboard in this section instead of dropping it on the page body.
 */
function useFocusAfterAction(section: RefObject<HTMLElement>, busy: Busy): void {
  const wasBusy = useRef(busy)
  useEffect(() => {
    const ended = wasBusy.current !== null && busy === null
    wasBusy.current = busy
    const root = section.current
    if (!ended || !root || root.contains(document.activeElement)) return
    const next =
      root.querySelector<HTMLElement>('.page-ids button, .page-actions button:not([aria-disabled="true"])') ??
      root.querySelector<HTMLElement>('h2')
    next?.focus()
  }, [busy])
}

/** Why the list is empty, if it is: a page no extension may read, still looking, none found or not looked for. */
function PageState({ store }: { store: PageIdsStore }) {
  const ids = store.ids.value
  const status = store.status.value
  const site = store.site.value
  const offers = store.offers.value
  // Until both the IDs and the site are known: "none found" would be wrong where nothing looked yet.
  const looking = (status === 'loading' || site.kind === 'checking') && ids.length === 0
  if (site.kind === 'restricted')
    return (
      // The why on hover: in the popup's footer row, one short line leaves the room to the lists.
      <p class="muted" data-testid="on-this-page-restricted" title={t('onPageRestricted')}>
        {t('onPageRestrictedShort')}
      </p>
    )
  if (looking) return <p class="muted">{t('looking')}</p>
  return (
    <>
      {status === 'unavailable' && <p class="muted">{t('onPageUnavailable')}</p>}
      {status === 'ready' && ids.length === 0 && site.kind === 'on-request' && offers.find && (
        <p class="muted" data-testid="on-this-page-off">
          {t('onPageOnRequest', site.host)}
        </p>
      )}
      {status === 'ready' && ids.length === 0 && !offers.find && (
        <p class="muted" data-testid="on-this-page-empty">
          {t('onPageEmpty')}
        </p>
      )}
    </>
  )
}

type Busy = PageIdsStore['busy']['value']

/**
 * One of the page's actions. aria-disabled, not disabled, while any runs: a disabled button drops
 * keyboard focus to the page body, and a screen reader would no longer find it.
 */
function PageAction(props: {
  busy: Busy
  doing: NonNullable<Busy>
  run: () => unknown
  testId: string
  title: string
  label: string
  busyLabel: string
  primary?: boolean
}) {
  const { busy, doing, run, testId, title, label, busyLabel, primary = false } = props
  return (
    <button
      type="button"
      class={primary ? 'primary small' : 'small'}
      onClick={() => busy === null && void run()}
      aria-disabled={busy !== null}
      data-testid={testId}
      title={title}
    >
      {busy === doing ? busyLabel : label}
    </button>
  )
}

/** What the agent can do about inline lookups here: find the IDs now, always run on the site, or stop there. */
function PageActions({ store }: { store: PageIdsStore }) {
  const busy = store.busy.value
  const { find, enable, disable } = store.offers.value
  if (!find && !enable && !disable) return null
  return (
    <div class="page-actions">
      {find && (
        <PageAction
          primary
          busy={busy}
          doing="find"
          run={store.findIds}
          testId="find-page-ids"
          title={t('findIdsTitle')}
          label={t('findIds')}
          busyLabel={t('findingIds')}
        />
      )}
      {/* No await before enableSite: Chrome shows its prompt only inside the click's gesture. */}
      {enable && (
        <PageAction
          busy={busy}
          doing="enable"
          run={store.enableSite}
          testId="enable-site"
          title={t('enableSiteTitle', enable)}
          label={t('enableSite', enable)}
          busyLabel={t('waitingForChrome')}
        />
      )}
      {disable && (
        <PageAction
          busy={busy}
          doing="disable"
          run={store.disableSite}
          testId="disable-site"
          title={t('disableSiteTitle', disable)}
          label={t('disableSite', disable)}
          busyLabel={t('stopping')}
        />
      )}
    </div>
  )
}

const NO_STATUSES: ReadonlyMap<string, PageIdStatus> = new Map()
const NO_KINDS: ReadonlyMap<string, IdKind> = new Map()

/**
 * The IDs found on the page, each with its status first (what tells them apart), then a link to its
 * detail; each named as the relay answered it (a bare UUID's vendor), else as the page's scan did.
 */
function PageIdList({
  ids,
  statuses,
  kinds,
  onOpen,
}: {
  ids: PageId[]
  statuses: ReadonlyMap<string, PageIdStatus>
  kinds: ReadonlyMap<string, IdKind>
  onOpen: (id: string) => void
}) {
  return (
    <ul class="page-ids">
      {ids.map(({ id, kind: scanned }) => {
        const status = statuses.get(id) ?? null
        const kind = kinds.get(id) ?? scanned
        return (
          <li key={id} data-testid="page-id" data-id={id}>
            {status === 'not-found' ? (
              <Badge text={t('statusNotFound')} tone="neutral" testId="status" />
            ) : (
              <StatusBadge vendor={vendorOfKind(kind)} status={status} />
            )}{' '}
            <button type="button" class="link" onClick={() => onOpen(id)} aria-label={t('openItem', kindLabel(kind), id)}>
              <code>{id}</code>
            </button>
            <span class="muted"> {kindLabel(kind)}</span>
          </li>
        )
      })}
    </ul>
  )
}

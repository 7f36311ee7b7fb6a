import { dashboardUrl, getIdPattern, saysTestMode } from '@idv-lens/shared/ids'
import { useEffect, useRef } from 'preact/hooks'
import { viewBusy, type DetailStore, type DetailView as View } from './detail-store.ts'
import { CopyButton } from '../components/CopyButton.tsx'
import { Skeleton } from '../components/Skeleton.tsx'
import { FreshnessLine } from '../components/FreshnessLine.tsx'
import { AuditSection } from '../components/detail/AuditSection.tsx'
import { kindHeading } from '../lib/uuid-owner.ts'
import { t } from '../lib/i18n.ts'
import { WatchToggle } from '../components/WatchToggle.tsx'
import { ResourceState } from '../components/detail/ResourceState.tsx'
import { watchCalls } from '../stores/detail-watch.ts'
import { vendorLabel } from '../vendors/index.ts'
import { detailView } from '../vendors/details.ts'
import type { Resource } from '../stores/resource.ts'

const WATCH_CALLS = watchCalls()

/** The kind's sections, by its vendor's detail (vendors/details.ts). */
function Body({ view, onOpen }: { view: View; onOpen: (id: string) => void }) {
  const Sections = detailView(view.kind)?.Body
  return Sections ? <Sections view={view} onOpen={onOpen} /> : null
}

/** One object's detail: header with the ID, copy, vendor deep link, then the kind's sections. */
export function DetailView({ detail, view }: { detail: DetailStore; view: View }) {
  const heading = useRef<HTMLHeadingElement>(null)
  // Move focus to the new view so keyboard and screen-reader users land on what they opened.
  useEffect(() => heading.current?.focus(), [view])
  const notFound = view.main.error.value?.failure.kind === 'not-found'
  // Nothing of the object is known (not found, relay not reached): its failure is said once, and no
  // section claims anything about an object nobody could read.
  const unknown = notFound || (view.main.data.value === null && view.main.error.value !== null)
  const busy = viewBusy(view)
  // A UUID the lookup found at no UUID vendor is opened as the first UUID kind: its heading says so instead.
  const label = kindHeading(view.kind, notFound)
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') detail.back()
  }
  return (
    <article class="detail" data-testid="detail" data-kind={view.kind} data-id={view.id} aria-busy={busy} onKeyDown={onKeyDown}>
      <header class="detail-head">
        <button type="button" onClick={detail.back} data-testid="detail-back">
          {t('back')}
        </button>
        <h2 ref={heading} tabIndex={-1} data-testid="detail-kind">
          {label}
        </h2>
      </header>
      <DetailIdRow view={view} notFound={notFound} />
      <FreshnessLine fetched={view.main.fetched.value} loading={view.main.loading.value} failed={view.main.error.value !== null} />
      <DetailSections detail={detail} view={view} unknown={unknown} />
    </article>
  )
}

/** The ID, its copy button, the vendor's page for it, and the watch toggle once the object answered. */
function DetailIdRow({ view, notFound }: { view: View; notFound: boolean }) {
  const vendor = vendorLabel(getIdPattern(view.kind).provider) ?? ''
  const seen = view.seen()
  return (
    <div class="detail-id">
      <code data-testid="detail-id">{view.id}</code>
      <div class="detail-actions">
        <CopyButton text={view.id} testId="detail-copy" />
        {/* An ID the vendor does not know has no page there. */}
        {!notFound && (
          <a
            class="button small"
            href={dashboardUrl(view.kind, view.id, { testMode: saysTestMode(view.main.data.value) })}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="detail-open-vendor"
          >
            {t('openInVendor', vendor)}
          </a>
        )}
        {/* Last in the row: it comes with the object's answer and moves nothing before it. */}
        {seen && <WatchToggle id={view.id} seen={seen} {...WATCH_CALLS} small />}
      </div>
    </div>
  )
}

/**
 * The sections come together once all have answered (one filling in would move every control below
 * it), and stay while a later re-read is under way. Nothing of the object known: its failure alone.
 */
function DetailSections({ detail, view, unknown }: { detail: DetailStore; view: View; unknown: boolean }) {
  const settled = useRef(false)
  if (!viewBusy(view)) settled.current = true
  if (!settled.current) return <Skeleton rows={6} />
  return (
    <>
      {/* Not found: the vendor's answer alone; no empty sections that read as "not started yet". */}
      {unknown ? (
        <ResourceState resource={view.main as Resource<unknown>}>{() => null}</ResourceState>
      ) : (
        <Body view={view} onOpen={detail.open} />
      )}
      <AuditSection id={view.id} audit={detail.audit} />
    </>
  )
}

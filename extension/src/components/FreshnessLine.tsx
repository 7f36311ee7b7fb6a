import { exactTime, relativeTime } from '../lib/format.ts'
import { now } from '../stores/clock.ts'
import { fetchedAt, type Fetched } from '../stores/fetch-state.ts'
import { t } from '../lib/i18n.ts'

type Props = { fetched: Fetched | null; loading: boolean; failed: boolean }

/**
 * A copy the relay serves while it refreshes it (stale-while-revalidate) reads as stale only once it
 * is this old: a minute past its freshness is what any cache shows, not a warning.
 */
export const QUIET_STALE_MS = 5 * 60_000

/** How current the data on screen is, from the relay's Cache-Status and Age: "Updated 12 s ago · cached". */
export function freshnessText({ fetched, loading, failed }: Props, at: number): { text: string; state: string } {
  // Nothing yet and a failure said: "No data" stays while it asks again, as the failure's banner does.
  if (!fetched) return { text: failed ? t('freshNoData') : loading ? t('loading') : '', state: 'none' }
  const parts = [t('freshUpdated', relativeTime(fetchedAt(fetched), at))]
  const f = fetched.freshness
  let state = 'fresh'
  if (failed) {
    parts.push(t('freshStaleFailed'))
    state = 'stale'
  } else if (f?.staleIfError) {
    parts.push(t('freshStaleVendor'))
    state = 'stale'
  } else if (f?.stale && at - fetchedAt(fetched) < QUIET_STALE_MS) {
    // Past the relay's freshness by a little, and being refreshed: the copy is minutes old at most.
    parts.push(t('freshCachedRefreshing'))
    state = 'cached'
  } else if (f?.stale) {
    parts.push(t('freshStaleRefreshing'))
    state = 'stale'
  } else if (f?.hit) {
    parts.push(t('freshCached'))
    state = 'cached'
  }
  if (loading) parts.push(t('freshRefreshing'))
  return { text: parts.join(' · '), state }
}

export function FreshnessLine(props: Props) {
  const { text, state } = freshnessText(props, now.value)
  return (
    <p
      class="freshness"
      data-testid="freshness"
      data-state={state}
      title={props.fetched ? `${text}\n${t('freshTitle', exactTime(fetchedAt(props.fetched)))}` : undefined}
    >
      {text || '\u00a0'}
    </p>
  )
}

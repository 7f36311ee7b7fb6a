import { exactTime, relativeTime } from '../lib/format.ts'
import { now } from '../stores/clock.ts'
import { fetchedAt, type Fetched } from '../stores/fetch-state.ts'

type Props = { fetched: Fetched | null; loading: boolean; failed: boolean }

/** How current the data on screen is, from the relay's Cache-Status and Age: "Updated 12 s ago · cached". */
export function freshnessText({ fetched, loading, failed }: Props, at: number): { text: string; state: string } {
  if (!fetched) return { text: loading ? 'Loading…' : failed ? 'No data' : '', state: 'none' }
  const parts = [`Updated ${relativeTime(fetchedAt(fetched), at)}`]
  const f = fetched.freshness
  let state = 'fresh'
  if (failed) {
    parts.push('stale: the last refresh failed')
    state = 'stale'
  } else if (f?.staleIfError) {
    parts.push('stale: the vendor did not answer')
    state = 'stale'
  } else if (f?.stale) {
    parts.push('stale copy, the relay is refreshing it')
    state = 'stale'
  } else if (f?.hit) {
    parts.push("from the relay's cache")
    state = 'cached'
  }
  if (loading) parts.push('refreshing…')
  return { text: parts.join(' · '), state }
}

export function FreshnessLine(props: Props) {
  const { text, state } = freshnessText(props, now.value)
  return (
    <p
      class="freshness"
      data-testid="freshness"
      data-state={state}
      title={props.fetched ? `Fetched from the vendor ${exactTime(fetchedAt(props.fetched))}` : undefined}
    >
      {text || '\u00a0'}
    </p>
  )
}

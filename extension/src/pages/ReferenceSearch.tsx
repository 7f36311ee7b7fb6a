import { useSignal } from '@preact/signals'
import { t } from '../lib/i18n.ts'
import type { LookupFound } from '@idv-lens/shared/api'
import { reasonLine } from '../lib/check-words.ts'
import { kindLabel } from '../lib/kind-label.ts'
import type { ReferenceGroup, ReferenceSearch } from '../stores/reference-search.ts'
import { FailureText } from '../components/FailureText.tsx'
import { LocalTime } from '../components/LocalTime.tsx'
import { StatusBadge } from '../components/StatusBadge.tsx'
import { VendorLines } from '../components/VendorLines.tsx'
import { VENDOR_LABELS, vendorLabel } from '../vendors/index.ts'
import { andList } from '../lib/format.ts'

type Props = { search: ReferenceSearch; onOpen: (id: string) => void }

/**
 * "Find a customer": one box for an ID, a dashboard link, or a reference ID (the customer's own user
 * ID, what tickets carry most). An ID opens; a reference ID is searched at every vendor at once and its
 * matches listed by vendor, newest first (stores/reference-search.ts). The box sits in a surface's one-row
 * header; its results (`ReferenceSearchResults`) go at the top of the content below, so they scroll
 * with it and never make the header taller than a row.
 */
export function ReferenceSearchBox({ search }: Pick<Props, 'search'>) {
  const text = useSignal('')
  const problem = search.refusal.value === 'empty' ? t('lookupEmpty') : null
  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    void search.submit(text.value)
  }
  return (
    <div class="reference-search" data-testid="reference-search">
      <form class="lookup" role="search" onSubmit={submit} data-testid="lookup">
        <label for="lookup-input" class="sr-only">
          {t('searchLabel')}
        </label>
        <input
          id="lookup-input"
          type="search"
          placeholder={t('searchPlaceholder')}
          value={text.value}
          onInput={(e) => {
            text.value = e.currentTarget.value
            search.refusal.value = null
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'lookup-problem' : undefined}
          autocomplete="off"
          spellcheck={false}
          data-testid="lookup-input"
        />
        <button type="submit" data-testid="lookup-submit">
          {t('lookupSubmit')}
        </button>
        {problem && (
          <p id="lookup-problem" class="lookup-problem" role="alert" data-testid="lookup-error">
            {problem}
          </p>
        )}
      </form>
    </div>
  )
}

/** A record found: its ID (opening its detail), status and reason in words, kind and time. */
function MatchRow({ entry, onOpen }: { entry: LookupFound; onOpen: (id: string) => void }) {
  const line = reasonLine(entry.status, entry.reason)
  return (
    <li class="attempt" data-testid="search-row" data-id={entry.id} data-status={entry.status}>
      <div class="attempt-top">
        <button
          type="button"
          class="link"
          onClick={() => onOpen(entry.id)}
          data-testid="row-open"
          aria-label={t('openItem', kindLabel(entry.kind), entry.id)}
        >
          <code>{entry.id}</code>
        </button>
        <StatusBadge vendor={entry.provider} status={entry.status} />
      </div>
      <div class="attempt-meta muted">
        {kindLabel(entry.kind)} · <LocalTime iso={entry.createdAt} />
      </div>
      {line && (
        <div class="attempt-reason" data-testid="search-reason">
          {line}
        </div>
      )}
    </li>
  )
}

/** One vendor's records, under its name. */
export function VendorGroup({ group, onOpen }: { group: ReferenceGroup; onOpen: (id: string) => void }) {
  const label = vendorLabel(group.provider) ?? group.provider
  return (
    <section class="search-group" aria-label={label} data-testid="search-group" data-provider={group.provider}>
      <h3 class="search-vendor">{label}</h3>
      <ol class="attempts">
        {group.entries.map((entry) => (
          <MatchRow key={entry.id} entry={entry} onOpen={onOpen} />
        ))}
      </ol>
    </section>
  )
}

/** What the last search found (or that it is under way), for the top of a surface's content. */
export function ReferenceSearchResults({ search, onOpen }: Props) {
  const state = search.state.value
  if (state.status !== 'searching' && state.status !== 'done') return null
  return (
    <div class="reference-results">
      {state.status === 'searching' && (
        <p class="muted" role="status" aria-busy="true" data-testid="search-searching">
          {t('searchSearching', state.reference, andList(VENDOR_LABELS))}
        </p>
      )}
      {state.status === 'done' && (
        <section
          class="search-results"
          aria-label={t('searchResults', state.reference)}
          data-testid="search-results"
          data-count={state.count}
        >
          {state.count === 0 && state.failures.length === 0 && (
            <p data-testid="search-none">{t(state.byEmail ? 'searchNoneByEmail' : 'searchNone', state.reference)}</p>
          )}
          {state.failures.map((failure, i) => (
            <p key={i} class="lookup-problem" data-testid="search-failed">
              <FailureText failure={failure} />
            </p>
          ))}
          <VendorLines lines={state.vendors} />
          {state.groups.map((group) => (
            <VendorGroup key={group.provider} group={group} onOpen={onOpen} />
          ))}
          {!state.complete && state.failures.length === 0 && state.count > 0 && (
            <p class="muted" data-testid="search-incomplete">
              {t('historyIncomplete')}
            </p>
          )}
          <button type="button" onClick={search.clear} data-testid="search-clear">
            {t('searchClear')}
          </button>
        </section>
      )}
    </div>
  )
}

import { useSignal } from '@preact/signals'
import { t } from '../lib/i18n.ts'
import type { ReferenceMatch, ReferenceSearch } from '../stores/reference-search.ts'
import { FailureText } from './FailureText.tsx'
import { listView } from '../vendors/rows.ts'

type Props = { search: ReferenceSearch; onOpen: (id: string) => void }

/**
 * "Find a customer": one box for an ID, a dashboard link, or a reference ID (the customer's own user
 * ID, what tickets carry most). An ID opens; a reference ID is searched at both vendors and its
 * matches listed, newest first (stores/reference-search.ts). The box sits in a surface's one-row
 * header; its results (`ReferenceSearchResults`) go at the top of the content below, so they scroll
 * with it and never make the header taller than a row.
 */
export function ReferenceSearchBox({ search }: Pick<Props, 'search'>) {
  const text = useSignal('')
  const refusal = search.refusal.value
  const problem = refusal === 'email' ? t('searchNoEmail') : refusal === 'empty' ? t('lookupEmpty') : null
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

/** What the last search found (or that it is under way), for the top of a surface's content. */
/** A match as its list's row (vendors/rows.ts). */
function MatchRow({ match, onOpen }: { match: ReferenceMatch; onOpen: (id: string) => void }) {
  const Row = listView(match.list)?.Row
  return Row ? <Row item={match.item} onOpen={onOpen} /> : <code>{match.id}</code>
}

export function ReferenceSearchResults({ search, onOpen }: Props) {
  const state = search.state.value
  if (state.status !== 'searching' && state.status !== 'done') return null
  return (
    <div class="reference-results">
      {state.status === 'searching' && (
        <p class="muted" role="status" aria-busy="true" data-testid="search-searching">
          {t('searchSearching', state.reference)}
        </p>
      )}
      {state.status === 'done' && (
        <section class="search-results" aria-label={t('searchResults', state.reference)} data-testid="search-results" data-count={state.matches.length}>
          {state.matches.length === 0 && state.failures.length === 0 && <p data-testid="search-none">{t('searchNone', state.reference)}</p>}
          {state.failures.map((failure, i) => (
            <p key={i} class="lookup-problem" data-testid="search-failed">
              <FailureText failure={failure} />
            </p>
          ))}
          {state.matches.length > 0 && (
            <ul class="rows">
              {state.matches.map((match) => (
                <li key={match.id} data-testid="search-row" data-id={match.id}>
                  <MatchRow match={match} onOpen={onOpen} />
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={search.clear} data-testid="search-clear">
            {t('searchClear')}
          </button>
        </section>
      )}
    </div>
  )
}

import { LIVE_SCOPES, type LiveFilter as Filter, type LiveScope } from '../stores/live-filter.ts'
import { t, type MessageKey } from '../lib/i18n.ts'

const LABEL: Record<LiveScope, MessageKey> = { all: 'liveScopeAll', watched: 'liveScopeWatched', page: 'liveScopePage' }

/**
 * The Live tab's reach as radio buttons: the whole organisation's feed, the watched IDs, or this
 * tab's IDs, each with how many IDs it follows.
 */
export function LiveFilter({ filter }: { filter: Filter }) {
  const selected = filter.scope.value
  const count = (scope: LiveScope) => (scope === 'watched' ? filter.watchedCount.value : scope === 'page' ? filter.pageCount.value : null)
  return (
    <fieldset class="live-filter" data-testid="live-filter">
      <legend class="sr-only">{t('liveScopeLabel')}</legend>
      {LIVE_SCOPES.map((scope) => {
        const n = count(scope)
        return (
          <label key={scope} class={scope === selected ? 'live-scope is-selected' : 'live-scope'} data-scope={scope}>
            <input
              type="radio"
              name="live-scope"
              value={scope}
              checked={scope === selected}
              onChange={() => (filter.scope.value = scope)}
              data-testid={`live-scope-${scope}`}
            />
            {t(LABEL[scope])}
            {n !== null && <span class="live-scope-count">{` ${n}`}</span>}
          </label>
        )
      })}
    </fieldset>
  )
}

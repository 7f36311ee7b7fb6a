import { t } from '../lib/i18n.ts'
import type { LookupStore } from '../stores/lookup-store.ts'

/** "Look up an ID": any inq_/iqse_/evt_ ID, deepidv UUID, or dashboard link; Enter opens it. */
export function LookupBox({ lookup }: { lookup: LookupStore }) {
  const problem = lookup.problem.value
  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    lookup.submit()
  }
  return (
    <form class="lookup" role="search" onSubmit={submit} data-testid="lookup">
      <label for="lookup-input" class="sr-only">
        {t('lookupLabel')}
      </label>
      <input
        id="lookup-input"
        type="search"
        placeholder={t('lookupPlaceholder')}
        value={lookup.text.value}
        onInput={(e) => lookup.setText(e.currentTarget.value)}
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
  )
}

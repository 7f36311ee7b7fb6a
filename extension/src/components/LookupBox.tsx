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
        Look up an ID
      </label>
      <input
        id="lookup-input"
        type="search"
        placeholder="inq_, iqse_, evt_ ID or deepidv UUID"
        value={lookup.text.value}
        onInput={(e) => lookup.setText(e.currentTarget.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'lookup-problem' : undefined}
        autocomplete="off"
        spellcheck={false}
        data-testid="lookup-input"
      />
      <button type="submit" data-testid="lookup-submit">
        Look up
      </button>
      {problem && (
        <p id="lookup-problem" class="lookup-problem" role="alert" data-testid="lookup-error">
          {problem}
        </p>
      )}
    </form>
  )
}
